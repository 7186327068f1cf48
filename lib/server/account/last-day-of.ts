import 'server-only';
import { calendarDateIn, type CalendarDate } from '@/lib/calendar';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { formatDateTime } from './format-date-time';

/**
 * The last day a connection may read, in the payer's time zone. A grant's end instant is exclusive
 * (midnight after its last day), so the day is the one holding the instant just before it.
 */
export function lastDayOf(expiresAt: Date): CalendarDate {
  return calendarDateIn(new Date(expiresAt.getTime() - 1));
}

/**
 * A connection's end as a member reads it: its last day, or for a one-time connection (an hour)
 * the day and time it ends.
 */
export function formatConnectionEnd(c: { duration: string; expiresAt: Date }, locale: string): string {
  return c.duration === 'once' ? formatDateTime(c.expiresAt, locale) : formatCalendarDate(lastDayOf(c.expiresAt), locale);
}
