import 'server-only';
import { calendarDateIn, type CalendarDate } from '@/lib/calendar';

/**
 * The last day a connection may read, in the payer's time zone. A grant's end instant is exclusive
 * (midnight after its last day), so the day is the one holding the instant just before it.
 */
export function lastDayOf(expiresAt: Date): CalendarDate {
  return calendarDateIn(new Date(expiresAt.getTime() - 1));
}
