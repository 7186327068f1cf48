import 'server-only';
import { compareDates, type CalendarDate } from '@/lib/calendar';
import type { EnrollmentSpan, MemberFacts } from './member-facts';

export type PlanInfo = {
  code: string;
  name: string;
  /** Managed care entities (SCO, OneCare, ACPP, MCO) run their own Patient Access API. */
  managedCare: boolean;
  /** Where behavioral health data lives instead, e.g. 'MBHP' for PCC Plan and PCACO members. */
  behavioralHealthVia?: string | null;
};

/** Data the payer still holds for managed care members, whose health plan holds the rest. */
export const MANAGED_CARE_DATA_HERE = ['dental', 'vision'] as const;

type RoutedPlan = { planCode: string; planName: string };

export type PlanRouting =
  | (RoutedPlan & {
      kind: 'managed-care';
      useHealthPlanApiFirst: true;
      availableHere: typeof MANAGED_CARE_DATA_HERE;
    })
  | (RoutedPlan & { kind: 'behavioral-health-elsewhere'; via: string })
  | (RoutedPlan & { kind: 'all-here' });

/**
 * Where the member should get which data, from the plan of the span covering today, or of the
 * last span for a previous member. Null when no span has started: such a member cannot connect.
 */
export function planRoutingFor(member: MemberFacts, plans: readonly PlanInfo[], today: CalendarDate): PlanRouting | null {
  const span = currentOrLastSpan(member.spans, today);
  if (!span) return null;
  const plan = plans.find((candidate) => candidate.code === span.plan);
  // An unknown plan code is a data error; guessing "everything is here" would mislead the member.
  if (!plan) throw new Error(`Unknown plan code on enrollment span: ${span.plan}`);

  const routed: RoutedPlan = { planCode: plan.code, planName: plan.name };
  if (plan.managedCare) {
    return { ...routed, kind: 'managed-care', useHealthPlanApiFirst: true, availableHere: MANAGED_CARE_DATA_HERE };
  }
  if (plan.behavioralHealthVia) return { ...routed, kind: 'behavioral-health-elsewhere', via: plan.behavioralHealthVia };
  return { ...routed, kind: 'all-here' };
}

function currentOrLastSpan(spans: readonly EnrollmentSpan[], today: CalendarDate): EnrollmentSpan | undefined {
  const started = spans.filter((span) => compareDates(span.start, today) <= 0);
  const covering = started
    .filter((span) => span.end === null || compareDates(today, span.end) <= 0)
    // Overlapping spans on a plan change: the newer plan is the one the member is in now.
    .sort((a, b) => compareDates(b.start, a.start));
  if (covering[0]) return covering[0];
  // Spans that have ended all have an end date.
  return started.sort((a, b) => compareDates(b.end ?? b.start, a.end ?? a.start))[0];
}
