import { PAYER_TIME_ZONE } from '@/lib/calendar';
import { dateTimeFormatIn } from './date-time-format-in';
import { formatWithDayPeriod } from './day-period';
import type { Locale } from './locales';

/**
 * A time of day as the member reads it ("1:15 PM", "1:15 p. m."), in the payer's time zone, with
 * its hour on a 12-hour clock: Spanish says "hasta la 1:15" but "hasta las 2:15", so the messages
 * choose the article by the hour (`{hour, plural, one {la} other {las}}`).
 */
export function formatTimeOfDay(instant: Date, locale: Locale): { time: string; hour: number } {
  const format = dateTimeFormatIn(locale, { timeStyle: 'short', timeZone: PAYER_TIME_ZONE });
  const hour = Number(format.formatToParts(instant).find((part) => part.type === 'hour')?.value ?? Number.NaN);
  return { time: formatWithDayPeriod(format, instant), hour };
}
