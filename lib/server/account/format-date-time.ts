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
