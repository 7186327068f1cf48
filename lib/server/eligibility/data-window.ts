import 'server-only';
import { compareDates, earlierDate, laterDate, type CalendarDate } from '@/lib/calendar';
import { continuousEnrollmentPeriods } from './continuous-enrollment';
import type { EnrollmentSpan } from './member-facts';

/** The payer shares nothing dated before this day, whatever the source systems hold. */
export const DATA_WINDOW_FLOOR: CalendarDate = '2016-01-01';

/** A stretch of days whose data may be shared; both ends inclusive. */
export type EnrolledWindowPeriod = { start: CalendarDate; end: CalendarDate };

/** 2016-01-01, or the member's first enrollment day if later; null for someone never enrolled. */
export function dataWindowStart(spans: readonly EnrollmentSpan[]): CalendarDate | null {
  const firstStart = spans.map((span) => span.start).sort(compareDates)[0];
  return firstStart === undefined ? null : laterDate(DATA_WINDOW_FLOOR, firstStart);
}

/**
 * The days whose data may be shared: continuous enrollment clipped to [window start, today].
 * Gaps between spans stay gaps: a claim dated while the member was not enrolled is not ours to share.
 */
export function enrolledPeriodsInWindow(spans: readonly EnrollmentSpan[], today: CalendarDate): EnrolledWindowPeriod[] {
  const windowStart = dataWindowStart(spans);
  if (windowStart === null) return [];
  return continuousEnrollmentPeriods(spans, today)
    .map((period) => ({
      start: laterDate(period.start, windowStart),
      end: period.end === null ? today : earlierDate(period.end, today),
    }))
    .filter((period) => compareDates(period.start, period.end) <= 0);
}

/**
 * The last day whose data may be shared when it is before today (coverage has ended: the data stops
 * there), or null when it is today.
 */
export function dataWindowEnd(spans: readonly EnrollmentSpan[], today: CalendarDate): CalendarDate | null {
  const last = enrolledPeriodsInWindow(spans, today).at(-1)?.end;
  return last === undefined || last === today ? null : last;
}

export function isDateInEnrolledWindow(date: CalendarDate, spans: readonly EnrollmentSpan[], today: CalendarDate): boolean {
  return enrolledPeriodsInWindow(spans, today).some(
    (period) => compareDates(period.start, date) <= 0 && compareDates(date, period.end) <= 0,
  );
}
