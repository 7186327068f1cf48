import 'server-only';
import { addDays, compareDates, laterDate, type CalendarDate } from '@/lib/calendar';
import type { EnrollmentSpan } from './member-facts';

/** Uninterrupted enrollment, whatever the plan; `end` is the last enrolled day, null while still enrolled. */
export type EnrollmentPeriod = { start: CalendarDate; end: CalendarDate | null };

/**
 * The spans that had started by `today`, joined where they overlap or touch (a span ending on
 * the 31st and the next starting on the 1st), oldest first. A plan change is not a new enrollment,
 * so it must not restart the seven-day wait; a real gap of a day or more does. A span dated to
 * start after today is a promise, not enrollment, and is left out.
 */
export function continuousEnrollmentPeriods(spans: readonly EnrollmentSpan[], today: CalendarDate): EnrollmentPeriod[] {
  const started = spans
    .filter((span) => compareDates(span.start, today) <= 0)
    .map((span) => {
      if (span.end !== null && compareDates(span.end, span.start) < 0) {
        throw new RangeError(`Enrollment span ends (${span.end}) before it starts (${span.start})`);
      }
      return { start: span.start, end: span.end };
    })
    .sort((a, b) => compareDates(a.start, b.start));

  const periods: EnrollmentPeriod[] = [];
  for (const span of started) {
    const last = periods.at(-1);
    if (last && (last.end === null || compareDates(span.start, addDays(last.end, 1)) <= 0)) {
      last.end = last.end === null || span.end === null ? null : laterDate(last.end, span.end);
    } else {
      periods.push({ ...span });
    }
  }
  return periods;
}

/** Enrollment spans dated to start after today, earliest first. */
export function upcomingSpanStarts(spans: readonly EnrollmentSpan[], today: CalendarDate): CalendarDate[] {
  return spans
    .map((span) => span.start)
    .filter((start) => compareDates(start, today) > 0)
    .sort(compareDates);
}
