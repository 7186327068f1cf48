import 'server-only';
import { eq } from 'drizzle-orm';
import { compareDates, laterDate, type CalendarDate } from '@/lib/calendar';
import type { DbOrTx } from '@/lib/db/client';
import { enrollmentSpans } from '@/lib/db/schema';
import { enrolledPeriodsInWindow } from '@/lib/server/eligibility';
import { backendScopeAllows, type BackendAccess } from './authorize-backend-request';
import type { FhirAccess } from './authorize-fhir-request';

/** What a backend services client (another plan, a provider) may read of a member it is allowed: each type also needs its system/ scope. */
export const BACKEND_READ_TYPES: readonly string[] = ['Patient', 'Coverage', 'ExplanationOfBenefit'];

/**
 * The access of a backend services client to one member it has been allowed, as the FHIR reads
 * take it: the member's enrolled days from `from` to today, the types its token's scopes name
 * (an `_include` reaches no further than a read), sensitive claims only when `includeSensitive`.
 */
export async function backendMemberAccess(
  db: DbOrTx,
  backend: BackendAccess,
  member: { memberId: string; patientId: string },
  window: { from: CalendarDate; includeSensitive: boolean; today: CalendarDate },
): Promise<FhirAccess> {
  const spans = await db
    .select({ start: enrollmentSpans.start, end: enrollmentSpans.end, plan: enrollmentSpans.planCode })
    .from(enrollmentSpans)
    .where(eq(enrollmentSpans.memberId, member.memberId));
  const enrolledPeriods = enrolledPeriodsInWindow(
    spans.map((s) => ({ start: s.start as CalendarDate, end: s.end as CalendarDate | null, plan: s.plan })),
    window.today,
  )
    .map((p) => ({ start: laterDate(p.start, window.from), end: p.end }))
    .filter((p) => compareDates(p.start, p.end) <= 0);
  return {
    grantId: '',
    patientId: member.patientId,
    memberId: member.memberId,
    scope: '',
    resourceTypes: new Set(BACKEND_READ_TYPES.filter((type) => backendScopeAllows(backend, type))),
    includeSensitive: window.includeSensitive,
    dataWindowStart: enrolledPeriods[0]?.start ?? window.today,
    enrolledPeriods,
    today: window.today,
  };
}
