import 'server-only';
import { addDays, compareDates, type CalendarDate } from '@/lib/calendar';
import { continuousEnrollmentPeriods, upcomingSpanStarts, type EnrollmentPeriod } from './continuous-enrollment';
import type { MemberFacts } from './member-facts';
import { previousMemberAccessEndsOn } from './previous-member-access';

/** Seven calendar days of enrollment before a new member may connect: eligible on start + 7. */
export const NEW_MEMBER_WAIT_DAYS = 7;

export type ConnectRefusalReason = 'deceased' | 'enrolled-under-7-days' | 'ended-over-a-year' | 'never-enrolled';

/** What the member (or their representative) should do instead; every refusal names one. */
export type NextStep = 'wait' | 'records-request' | 'customer-service';

export type ConnectEligible = {
  eligible: true;
  basis: 'current-member' | 'previous-member';
  /** Last day an app may be connected, when already known (an enrollment end is on file). */
  accessEndsOn?: CalendarDate;
};

export type ConnectRefused = {
  eligible: false;
  reason: ConnectRefusalReason;
  /** First day the member will be eligible, if the enrollment on file says so. */
  eligibleFrom?: CalendarDate;
  /** Last enrolled day, for a previous member whose year has run out. */
  endedOn?: CalendarDate;
  nextStep: NextStep;
};

export type ConnectEligibility = ConnectEligible | ConnectRefused;

/**
 * Whether an app may be connected for this member today (a calendar day in the payer's time zone).
 *
 * A returning member, whose new span started under seven days ago but whose previous enrollment
 * ended within the past year, is eligible as a previous member: the seed gives previous members a
 * year, and re-enrolling must not take away a right the member had the day before. Spans that
 * touch or overlap count as one continuous enrollment, so a plan change does not restart the wait.
 */
export function checkConnectEligibility(member: MemberFacts, today: CalendarDate): ConnectEligibility {
  // Any date of death on file refuses, even a mistyped future one: fail closed.
  if (member.deceasedDate !== null) return { eligible: false, reason: 'deceased', nextStep: 'records-request' };

  const periods = continuousEnrollmentPeriods(member.spans, today);
  const current = periods.find((period) => period.end === null || compareDates(today, period.end) <= 0);
  const previous = periods.filter((period) => period !== current).at(-1);
  const previousAccessEndsOn = previous?.end ? previousMemberAccessEndsOn(previous.end) : undefined;
  const previousStillCounts = previousAccessEndsOn !== undefined && compareDates(today, previousAccessEndsOn) <= 0;

  if (current) {
    const eligibleFrom = addDays(current.start, NEW_MEMBER_WAIT_DAYS);
    const currentAccessEndsOn = accessEndsOnFor(current);
    if (compareDates(today, eligibleFrom) >= 0) return eligible('current-member', currentAccessEndsOn);
    if (previousStillCounts) {
      // If the previous member's year runs out before the new span's seven days are up, say so.
      const bridgesTheWait = compareDates(addDays(previousAccessEndsOn, 1), eligibleFrom) >= 0;
      return eligible('previous-member', bridgesTheWait ? currentAccessEndsOn : previousAccessEndsOn);
    }
    return { eligible: false, reason: 'enrolled-under-7-days', eligibleFrom, nextStep: 'wait' };
  }

  if (previous?.end) {
    if (previousStillCounts) return eligible('previous-member', previousAccessEndsOn);
    return { eligible: false, reason: 'ended-over-a-year', endedOn: previous.end, ...waitForUpcomingSpan(member, today) };
  }

  return { eligible: false, reason: 'never-enrolled', ...waitForUpcomingSpan(member, today) };
}

function eligible(basis: ConnectEligible['basis'], accessEndsOn: CalendarDate | undefined): ConnectEligible {
  return accessEndsOn === undefined ? { eligible: true, basis } : { eligible: true, basis, accessEndsOn };
}

function accessEndsOnFor(period: EnrollmentPeriod): CalendarDate | undefined {
  return period.end === null ? undefined : previousMemberAccessEndsOn(period.end);
}

/**
 * A refusal with enrollment dated to start later can name the day it lifts; without one the
 * member needs a person (re-enrollment, or a records request for old data).
 */
function waitForUpcomingSpan(
  member: MemberFacts,
  today: CalendarDate,
): Pick<ConnectRefused, 'eligibleFrom' | 'nextStep'> {
  const upcoming = upcomingSpanStarts(member.spans, today)[0];
  if (upcoming === undefined) return { nextStep: 'customer-service' };
  return { eligibleFrom: addDays(upcoming, NEW_MEMBER_WAIT_DAYS), nextStep: 'wait' };
}
