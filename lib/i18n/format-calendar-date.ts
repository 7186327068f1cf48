import { dateTimeFormatIn } from './date-time-format-in';

/** A calendar date as people write it: "January 1, 2026" / "1 de enero de 2026". No time zone shift. */
export function formatCalendarDate(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return dateTimeFormatIn(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** An instant as a calendar date in the payer's time zone. */
export function formatInstantDate(instant: Date, locale: string): string {
  return dateTimeFormatIn(locale, { dateStyle: 'long', timeZone: 'America/New_York' }).format(instant);
}
