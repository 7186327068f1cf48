import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safe-return-path';

describe('safeReturnPath', () => {
  it('keeps a path on this site', () => {
    expect(safeReturnPath('/apps/medtrack-rx?q=1')).toBe('/apps/medtrack-rx?q=1');
  });
  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', null, 42])(
    'refuses %s',
    (value) => {
      expect(safeReturnPath(value)).toBe('/');
    },
  );
});
