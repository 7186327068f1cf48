import {
  calendarDateOf,
  calendarDateOfEpochDay,
  datePartsOf,
  daysInMonth,
  epochDayOf,
  type CalendarDate,
} from './calendar-date';

export function addDays(date: CalendarDate, days: number): CalendarDate {
  assertWholeNumber(days, 'days');
  return calendarDateOfEpochDay(epochDayOf(date) + days);
}

/**
 * Calendar months, clamped to the last day of the target month (Jan 31 + 1 month = Feb 28 or 29),
 * which is how the payer counts "one year after the last enrolled day".
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  assertWholeNumber(months, 'months');
  const { year, month, day } = datePartsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return calendarDateOf({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** 2024-02-29 + 1 year = 2025-02-28. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  assertWholeNumber(years, 'years');
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

function assertWholeNumber(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a whole number, got ${value}`);
}
