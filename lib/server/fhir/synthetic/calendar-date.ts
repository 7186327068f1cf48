import 'server-only';

/**
 * Calendar dates ('YYYY-MM-DD') as whole day numbers since 1970-01-01.
 *
 * The generator never asks a clock or a time zone anything: every date it produces is derived
 * from the input's `today` and the enrollment dates by integer arithmetic (Howard Hinnant's
 * civil-calendar algorithms), so the same input gives the same output on every machine.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  return dateFromDayNumber(dayNumberFromParts(+match[1], +match[2], +match[3])) === text;
}

export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`Not a calendar date in the form YYYY-MM-DD: "${date}"`);
  const day = dayNumberFromParts(+match[1], +match[2], +match[3]);
  if (dateFromDayNumber(day) !== date) throw new Error(`No such calendar date: "${date}"`);
  return day;
}

function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function dateFromDayNumber(dayNo: number): string {
  const z = dayNo + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Whole years between a birth date and a later date, as a person counts their age. */
export function ageInYears(birthDate: string, onDate: string): number {
  const years = +onDate.slice(0, 4) - +birthDate.slice(0, 4);
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** 'YYYY-MM-DD' → 'YYYYMMDD', the compact form payers print in claim numbers. */
export function compactDate(date: string): string {
  return date.replaceAll('-', '');
}
