import 'server-only';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { previousMemberAccessEndsOn, type ConnectEligibility, type PlanRouting } from '@/lib/server/eligibility';

export interface CallerEligibility {
  /** For the badge: may they connect an app today? */
  answer: 'yes' | 'not-yet' | 'no';
  /** What to tell the caller, as they would say it ("Can connect from November 27, 2026."). */
  headline: string;
  why: string;
  /** What they can do instead, when the answer is not yes. */
  nextStep: string | null;
}

const day = (date: string) => formatCalendarDate(date, 'en');

/**
 * The eligibility rules' answer (lib/server/eligibility, the same one the member's own flow gets)
 * in words a customer-service agent can read out on the phone.
 */
export function explainEligibilityForCaller(eligibility: ConnectEligibility, deceasedDate: string | null): CallerEligibility {
  if (eligibility.eligible) {
    const until = eligibility.accessEndsOn ? ` until ${day(eligibility.accessEndsOn)}` : '';
    return eligibility.basis === 'current-member'
      ? {
          answer: 'yes',
          headline: `Can connect an app today${until}.`,
          why: eligibility.accessEndsOn
            ? 'They are enrolled now and have been for at least 7 days. Their coverage has an end date on file, and they keep access for one year after it.'
            : 'They are enrolled now and have been for at least 7 days.',
          nextStep: null,
        }
      : {
          answer: 'yes',
          headline: `Can connect an app today${until}, as a past member.`,
          why: 'Past members can connect apps for one year after their last day of coverage.',
          nextStep: null,
        };
  }
  switch (eligibility.reason) {
    case 'enrolled-under-7-days':
      return {
        answer: 'not-yet',
        headline: `Can connect from ${day(eligibility.eligibleFrom!)}.`,
        why: 'New members can connect apps after 7 days of enrollment.',
        nextStep: `Ask them to try again on or after ${day(eligibility.eligibleFrom!)}. You can send them a link on that day.`,
      };
    case 'ended-over-a-year': {
      const ended = eligibility.endedOn!;
      return {
        answer: 'no',
        headline: `Access ended on ${day(previousMemberAccessEndsOn(ended))}.`,
        why: `Their coverage ended on ${day(ended)}, and past members can connect apps for only one year after coverage ends.`,
        nextStep: eligibility.eligibleFrom
          ? `New coverage on file starts soon: they can connect from ${day(eligibility.eligibleFrom)}.`
          : 'They can ask for a copy of their records instead, or re-apply for coverage.',
      };
    }
    case 'deceased':
      return {
        answer: 'no',
        headline: 'No app can be connected for this member.',
        why: `A date of death is on file${deceasedDate ? ` (${day(deceasedDate)})` : ''}. Apps cannot be connected for a member who has died.`,
        nextStep: 'A personal representative can ask for the member’s records with a member records request.',
      };
    case 'never-enrolled':
      return {
        answer: eligibility.eligibleFrom ? 'not-yet' : 'no',
        headline: eligibility.eligibleFrom ? `Can connect from ${day(eligibility.eligibleFrom)}.` : 'No coverage on file.',
        why: eligibility.eligibleFrom ? 'Their coverage has not started yet; new members can connect after 7 days of enrollment.' : 'We have no current or past coverage for them.',
        nextStep: eligibility.eligibleFrom ? null : 'Check the member ID, or help them apply for coverage.',
      };
  }
}

/** Where the caller's data is, by plan, in the same words. */
export function explainPlanRouting(routing: PlanRouting | null): string {
  if (!routing) return 'No plan on file.';
  switch (routing.kind) {
    case 'managed-care':
      return `${routing.planName} (managed care): their health plan’s own app connection has most of their data, so suggest that first. Dental and vision information is here.`;
    case 'behavioral-health-elsewhere':
      return `${routing.planName}: most of their data is here; behavioral health information is kept by ${routing.via}.`;
    case 'all-here':
      return `${routing.planName}: all of their data is here.`;
  }
}
