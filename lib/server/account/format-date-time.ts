import 'server-only';
import { PAYER_TIME_ZONE } from '@/lib/calendar';
import { formatWithDayPeriod } from '@/lib/i18n/day-period';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The payer's time zone as people say it; a date with a time is read on phones set to other zones. */
const ZONE_NAME: Record<string, string> = { en: 'Eastern time', es: 'hora del Este' };

/**
 * "November 23, 2026 at 3:04 PM Eastern time" / "23 de noviembre de 2026 a las 3:04 p. m. hora del Este",
 * in the payer's time zone, which it names: a member may read it on a phone set to another.
 */
export function formatDateTime(instant: Date, locale: string): string {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  let formatter = formatters.get(tag);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: PAYER_TIME_ZONE });
    formatters.set(tag, formatter);
  }
  return `${formatWithDayPeriod(formatter, instant)} ${ZONE_NAME[locale === 'es' ? 'es' : 'en']}`;
}

const parts = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** The same instant as two short lines for a table: "Nov 23, 2026" and "3:04 PM" ("3:04 p. m."). */
export function formatDateAndTime(instant: Date, locale: string): { date: string; time: string } {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  let formatter = parts.get(tag);
  if (!formatter) {
    formatter = {
      date: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: PAYER_TIME_ZONE }),
      time: new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone: PAYER_TIME_ZONE }),
    };
    parts.set(tag, formatter);
  }
  return { date: formatter.date.format(instant), time: formatWithDayPeriod(formatter.time, instant) };
}
