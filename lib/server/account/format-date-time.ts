import 'server-only';
import { PAYER_TIME_ZONE } from '@/lib/calendar';
import { dateTimeFormatIn } from '@/lib/i18n/date-time-format-in';
import { formatWithDayPeriod } from '@/lib/i18n/day-period';

/** The payer's time zone as people say it; a date with a time is read on phones set to other zones. */
const ZONE_NAME: Record<string, string> = { en: 'Eastern time', es: 'hora del Este' };

/**
 * "November 23, 2026 at 3:04 PM Eastern time" / "23 de noviembre de 2026 a las 3:04 p. m. hora del Este",
 * in the payer's time zone, which it names: a member may read it on a phone set to another.
 */
export function formatDateTime(instant: Date, locale: string): string {
  const formatter = dateTimeFormatIn(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: PAYER_TIME_ZONE });
  return `${formatWithDayPeriod(formatter, instant)} ${ZONE_NAME[locale === 'es' ? 'es' : 'en']}`;
}

/** The same instant as two short lines for a table: "Nov 23, 2026" and "3:04 PM" ("3:04 p. m."). */
export function formatDateAndTime(instant: Date, locale: string): { date: string; time: string } {
  return {
    date: dateTimeFormatIn(locale, { dateStyle: 'medium', timeZone: PAYER_TIME_ZONE }).format(instant),
    time: formatWithDayPeriod(dateTimeFormatIn(locale, { timeStyle: 'short', timeZone: PAYER_TIME_ZONE }), instant),
  };
}
