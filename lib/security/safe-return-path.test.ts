import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safe-return-path';

describe('safeReturnPath', () => {
  it('keeps a path on this site', () => {
    expect(safeReturnPath('/apps/medtrack-rx?q=1')).toBe('/apps/medtrack-rx?q=1');
  });
  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    '',
    null,
    42,
    // Dot segments the parser removes after a first look: each would come out as `//evil.example/x`.
    '/.//evil.example/x',
    '/%2e//evil.example/x',
    '/a/..//evil.example/x',
    '/./\\evil.example/x',
  ])(
    'refuses %s',
    (value) => {
      expect(safeReturnPath(value)).toBe('/');
    },
  );
  it('keeps a path whose dot segments stay on this site', () => {
    expect(safeReturnPath('/apps/../help')).toBe('/help');
  });
});
