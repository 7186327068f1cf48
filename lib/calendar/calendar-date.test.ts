import { describe, expect, it } from 'vitest';
import {
  calendarDateOfEpochDay,
  compareDates,
  daysInMonth,
  earlierDate,
  epochDayOf,
  isCalendarDate,
  laterDate,
  parseCalendarDate,
  type CalendarDate,
} from './calendar-date';

describe('isCalendarDate / parseCalendarDate', () => {
  it.each(['2024-02-29', '2026-12-31', '2016-01-01', '0001-01-01'])('accepts %s', (text) => {
    expect(isCalendarDate(text)).toBe(true);
    expect(parseCalendarDate(text)).toBe(text);
  });

  it.each(['2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-4-1', '0000-01-01', '20260401', '2026-04-01T00:00:00Z', '', 'today'])(
    'rejects %s',
    (text) => {
      expect(isCalendarDate(text)).toBe(false);
      expect(() => parseCalendarDate(text)).toThrow(RangeError);
    },
  );

  it('rejects non-strings', () => {
    expect(isCalendarDate(20260401)).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });

  it('trims surrounding whitespace from form input', () => {
    expect(parseCalendarDate(' 1996-04-09 ')).toBe('1996-04-09');
  });
});

describe('daysInMonth', () => {
  it('knows leap years, including the century rules', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('compareDates', () => {
  it('orders days', () => {
    expect(compareDates('2025-12-31', '2026-01-01')).toBeLessThan(0);
    expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(compareDates('2026-10-01', '2026-09-30')).toBeGreaterThan(0);
    const sorted: CalendarDate[] = ['2026-10-01', '2016-01-01', '2024-02-29'];
    expect(sorted.sort(compareDates)).toEqual(['2016-01-01', '2024-02-29', '2026-10-01']);
  });

  it('picks the earlier and later day', () => {
    expect(earlierDate('2026-01-02', '2025-12-31')).toBe('2025-12-31');
    expect(laterDate('2026-01-02', '2025-12-31')).toBe('2026-01-02');
  });
});

describe('epoch days', () => {
  it('round-trips, including years below 100 that Date.UTC would misread', () => {
    expect(epochDayOf('1970-01-01')).toBe(0);
    expect(epochDayOf('1970-01-02')).toBe(1);
    expect(calendarDateOfEpochDay(epochDayOf('0050-03-01'))).toBe('0050-03-01');
    expect(calendarDateOfEpochDay(epochDayOf('2024-02-29'))).toBe('2024-02-29');
  });
});
