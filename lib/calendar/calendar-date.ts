/**
 * A day on the calendar, 'YYYY-MM-DD', with no time and no time zone attached.
 * Enrollment spans, birth dates and authority dates are days, not instants: keeping them
 * as strings means no time zone can ever shift one by a day.
 */
export type CalendarDate = `${number}-${number}-${number}`;

export type DateParts = { year: number; month: number; day: number };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Year 0000 is ISO 8601's 1 BC, which no record here can hold (and Postgres's date refuses).
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The boundary from untyped input (forms, database rows, JSON) into `CalendarDate`. */
export function parseCalendarDate(value: string): CalendarDate {
  const trimmed = value.trim();
  if (!isCalendarDate(trimmed)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return trimmed;
}

export function datePartsOf(date: CalendarDate): DateParts {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function calendarDateOf({ year, month, day }: DateParts): CalendarDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (year < 0 || year > 9999 || !isCalendarDate(text)) throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  return text;
}

/** Days since 1970-01-01; the one place day arithmetic touches `Date`. */
export function epochDayOf(date: CalendarDate): number {
  const { year, month, day } = datePartsOf(date);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return Math.round(instant.getTime() / MS_PER_DAY);
}

export function calendarDateOfEpochDay(epochDay: number): CalendarDate {
  const instant = new Date(epochDay * MS_PER_DAY);
  return calendarDateOf({
    year: instant.getUTCFullYear(),
    month: instant.getUTCMonth() + 1,
    day: instant.getUTCDate(),
  });
}

/** Negative when `a` is before `b`, 0 on the same day, positive after; usable with Array#sort. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  // Zero-padded ISO dates sort as strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return compareDates(a, b) > 0;
}

export function earlierDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function laterDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) >= 0 ? a : b;
}
