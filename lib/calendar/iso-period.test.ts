import { describe, expect, it } from 'vitest';
import { addIsoPeriod, parseIsoPeriod } from './iso-period';

describe('parseIsoPeriod', () => {
  it('reads years, months, weeks and days', () => {
    expect(parseIsoPeriod('P1Y2M3D')).toEqual({ years: 1, months: 2, weeks: 0, days: 3 });
    expect(parseIsoPeriod('P2W')).toEqual({ years: 0, months: 0, weeks: 2, days: 0 });
    expect(parseIsoPeriod('P19Y2M')).toEqual({ years: 19, months: 2, weeks: 0, days: 0 });
    expect(parseIsoPeriod('P200D')).toEqual({ years: 0, months: 0, weeks: 0, days: 200 });
  });

  it.each(['P', '', '1Y', 'P1D2M', 'PT1H', 'P1Y2M3DT4H', 'P-1D', 'P1.5D', 'p1d'])('rejects %j', (text) => {
    expect(() => parseIsoPeriod(text)).toThrow(RangeError);
  });
});

describe('addIsoPeriod', () => {
  it('adds and subtracts', () => {
    expect(addIsoPeriod('2026-11-23', 'P3D', -1)).toBe('2026-11-20');
    expect(addIsoPeriod('2026-11-23', 'P1M')).toBe('2026-12-23');
    expect(addIsoPeriod('2026-11-23', 'P1Y2M3D')).toBe('2028-01-26');
    expect(addIsoPeriod('2026-11-23', 'P2W')).toBe('2026-12-07');
    expect(addIsoPeriod('2026-11-23', { years: 0, months: 0, weeks: 1, days: 1 }, -1)).toBe('2026-11-15');
  });

  it('applies years and months before days, clamping at month end', () => {
    // 2025-03-01 less a year is 2024-03-01, less a day is the leap day.
    expect(addIsoPeriod('2025-03-01', 'P1Y1D', -1)).toBe('2024-02-29');
    expect(addIsoPeriod('2026-03-31', 'P1M1D', -1)).toBe('2026-02-27');
    expect(addIsoPeriod('2024-02-29', 'P1Y', 1)).toBe('2025-02-28');
    expect(addIsoPeriod('2024-02-29', 'P1Y', -1)).toBe('2023-02-28');
  });
});
