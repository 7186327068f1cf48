import 'server-only';
import { PAYER_TIME_ZONE } from '@/lib/calendar';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "November 23, 2026 at 3:04 PM" / "23 de noviembre de 2026, 3:04 p.m.", in the payer's time zone. */
export function formatDateTime(instant: Date, locale: string): string {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  let formatter = formatters.get(tag);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: PAYER_TIME_ZONE });
    formatters.set(tag, formatter);
  }
  return formatter.format(instant);
}

const parts = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** The same instant as two short lines for a table: "Nov 23, 2026" and "3:04 PM". */
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
  return { date: formatter.date.format(instant), time: formatter.time.format(instant) };
}
