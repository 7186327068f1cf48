import { describe, expect, it } from 'vitest';
import { resolveRelativeDate } from './resolve-relative-date';

describe('resolveRelativeDate', () => {
  it('passes plain dates through and resolves today', () => {
    expect(resolveRelativeDate('2020-01-01', '2026-11-23')).toBe('2020-01-01');
    expect(resolveRelativeDate('today', '2026-11-23')).toBe('2026-11-23');
  });

  it('resolves the fixture notation with calendar arithmetic', () => {
    expect(resolveRelativeDate('today-P3D', '2026-11-23')).toBe('2026-11-20');
    expect(resolveRelativeDate('today+P1M', '2026-01-31')).toBe('2026-02-28');
    // The fixture's own examples.
    expect(resolveRelativeDate('today-P1Y', '2026-03-31')).toBe('2025-03-31');
    expect(resolveRelativeDate('today-P1Y', '2025-02-28')).toBe('2024-02-28');
    expect(resolveRelativeDate('today-P1Y', '2024-02-29')).toBe('2023-02-28');
    expect(resolveRelativeDate('today-P19Y2M', '2026-11-23')).toBe('2007-09-23');
    expect(resolveRelativeDate('today-P1Y1D', '2026-01-01')).toBe('2024-12-31');
  });

  it.each(['yesterday', 'today-3D', 'today P3D', 'today-PT3H', '2025-02-29', 'TODAY'])('rejects %j', (text) => {
    expect(() => resolveRelativeDate(text, '2026-11-23')).toThrow(RangeError);
  });
});
