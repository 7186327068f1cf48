import 'server-only';

import { describe, expect, it } from 'vitest';

import { addDays, ageInYears, dateFromDayNumber, dayNumber, isIsoDate } from './calendar-date';

describe('calendar dates', () => {
  it('agrees with the platform calendar for every day from 1900 to 2100', () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2100, 11, 31) / 86_400_000;
    expect(dayNumber('1900-01-01')).toBe(first);
    for (let day = first; day <= last; day++) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (dateFromDayNumber(day) !== expected) throw new Error(`day ${day}: ${dateFromDayNumber(day)} != ${expected}`);
      if (dayNumber(expected) !== day) throw new Error(`${expected} -> ${dayNumber(expected)} != ${day}`);
    }
  });

  it('handles leap days and rejects dates that do not exist', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
    expect(() => dayNumber('2026-13-01')).toThrow();
  });

  it('counts age the way people do', () => {
    expect(ageInYears('2008-03-31', '2026-03-30')).toBe(17);
    expect(ageInYears('2008-03-31', '2026-03-31')).toBe(18);
    expect(ageInYears('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageInYears('2004-02-29', '2022-03-01')).toBe(18);
  });
});
