import 'server-only';
import { addDays, addYears, calendarDateIn, endOfDayInstant, type CalendarDate } from '@/lib/calendar';

export const GRANT_DURATIONS = ['once', '90d', '1y'] as const;
export type GrantDuration = (typeof GRANT_DURATIONS)[number];

const ONE_HOUR_MS = 60 * 60 * 1000;

/**
 * The last day a connection may read, in payer time: 90 days after the approval's day, or the same
 * date a year later (Feb 29 gives Feb 28). The approval page, the receipt and every notice name it.
 */
export function grantLastDay(duration: Exclude<GrantDuration, 'once'>, approvedOn: CalendarDate): CalendarDate {
  return duration === '90d' ? addDays(approvedOn, 90) : addYears(approvedOn, 1);
}

/**
 * When access ends. "One time" gives the app one hour to read, and no refresh token; the others
 * last through their whole last day (midnight after it, payer time), as a cap at the member's or
 * a representative's last day does, so the day named is the day worked. A grant never outlives
 * `accessEndsAt` (the member's own access, a representative's authority).
 */
export function grantExpiresAt(duration: GrantDuration, now: Date, accessEndsAt?: Date | null): Date {
  const end = duration === 'once' ? new Date(now.getTime() + ONE_HOUR_MS) : endOfDayInstant(grantLastDay(duration, calendarDateIn(now)));
  return accessEndsAt && accessEndsAt < end ? accessEndsAt : end;
}

export function allowsRefresh(duration: GrantDuration): boolean {
  return duration !== 'once';
}
