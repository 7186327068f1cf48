import { PAYER_TIME_ZONE } from '@/lib/calendar';
import { formatWithDayPeriod } from './day-period';
import type { Locale } from './locales';

/** One formatter a language, made once. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A time of day as the member reads it ("1:15 PM", "1:15 p. m."), in the payer's time zone, with
 * its hour on a 12-hour clock: Spanish says "hasta la 1:15" but "hasta las 2:15", so the messages
 * choose the article by the hour (`{hour, plural, one {la} other {las}}`).
 */
export function formatTimeOfDay(instant: Date, locale: Locale): { time: string; hour: number } {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  let format = formatters.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone: PAYER_TIME_ZONE });
    formatters.set(tag, format);
  }
  const hour = Number(format.formatToParts(instant).find((part) => part.type === 'hour')?.value ?? Number.NaN);
  return { time: formatWithDayPeriod(format, instant), hour };
}
