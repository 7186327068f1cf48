import 'server-only';

import { dateFromDayNumber, dayNumber } from './calendar-date';
import type { PlanDescription, SyntheticMemberInput } from './synthetic-record';

/**
 * A period of coverage the source data holds claims for: one per enrollment span, plus an
 * earlier payer period when the member's profile asks for one.
 */
export interface CoveragePeriod {
  readonly coverageId: string;
  readonly planKey: string;
  readonly plan: PlanDescription;
  /** Coverage.period, 'YYYY-MM-DD'; end null while still enrolled. */
  readonly start: string;
  readonly end: string | null;
  readonly origin: 'enrollment' | 'earlier-payer-period';
  /**
   * Day numbers (inclusive) on which a service can have happened under this coverage: inside
   * the period, never after today and never after death. Null when there is no such day.
   */
  readonly claimDays: { readonly first: number; readonly last: number } | null;
}

/** Plan assumed for an earlier payer period whose plan key the input does not describe. */
const UNDESCRIBED_EARLIER_PLAN: PlanDescription = { name: 'Earlier coverage', managedCare: false };

export function coveragePeriods(input: SyntheticMemberInput, resourcePrefix: string): CoveragePeriod[] {
  const today = dayNumber(input.today);
  const lastPossibleDay = input.deceasedDate === null ? today : Math.min(today, dayNumber(input.deceasedDate));
  const spans = [...input.spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const periods: CoveragePeriod[] = [];

  const earlier = input.profile?.preEnrollmentClaims;
  if (earlier && spans.length > 0) {
    // The earlier period ends, at the latest, the day before the first enrollment span, so that
    // its claims can never be mistaken for (or hide inside) enrolled time.
    const end = Math.min(dayNumber(earlier.to), dayNumber(spans[0].start) - 1);
    const first = dayNumber(earlier.from);
    if (end >= first) {
      const planKey = earlier.plan ?? 'FFS';
      const last = Math.min(end, lastPossibleDay);
      periods.push({
        coverageId: `${resourcePrefix}-coverage-earlier`,
        planKey,
        plan: input.plans[planKey] ?? UNDESCRIBED_EARLIER_PLAN,
        start: earlier.from,
        end: dateFromDayNumber(end),
        origin: 'earlier-payer-period',
        claimDays: last >= first ? { first, last } : null,
      });
    }
  }

  spans.forEach((span, index) => {
    const plan = input.plans[span.plan];
    if (!plan) throw new Error(`Enrollment span starting ${span.start} names plan "${span.plan}", which input.plans does not describe`);
    const first = dayNumber(span.start);
    const last = Math.min(span.end === null ? today : dayNumber(span.end), lastPossibleDay);
    periods.push({
      coverageId: `${resourcePrefix}-coverage-${index + 1}`,
      planKey: span.plan,
      plan,
      start: span.start,
      end: span.end,
      origin: 'enrollment',
      claimDays: last >= first ? { first, last } : null,
    });
  });
  return periods;
}
