import 'server-only';
import { and, eq } from 'drizzle-orm';
import { addYears, appClock, todayIn } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { members, payerMemberMatches } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { decideSharingFor } from '@/lib/server/sharing/decide-sharing';
import type { BackendAccess } from './authorize-backend-request';
import { backendMemberAccess } from './backend-member-access';
import type { FhirAccess } from './authorize-fhir-request';
import { FhirRequestError } from './operation-outcome';

/** Payer-to-Payer covers data with service dates in the five years before the request (CMS-0057-F). */
export const PAYER_TO_PAYER_LOOKBACK_YEARS = 5;

/**
 * What another health plan may read of one member, decided at this request: nothing unless the
 * member's Payer-to-Payer choice in force names that plan and the plan matched the member
 * (`$member-match`) under that same choice; then claims, coverage and the member's Patient from
 * the last five years of enrolled days, sensitive claims only when the member's choice and the
 * plan's Consent at the match both said `#sensitive`. Every read is in the audit trail (the
 * member's data left the payer).
 */
export async function payerToPayerAccess(backend: BackendAccess, patientId: string): Promise<FhirAccess> {
  if (backend.kind !== 'payer') throw new FhirRequestError(403, 'forbidden', 'Only another health plan may read a member\'s data this way.');
  const db = await getDb();
  const [member] = await db.select({ memberId: members.memberId }).from(members).where(eq(members.patientId, patientId)).limit(1);
  const decision = member ? await decideSharingFor(db, 'payer_to_payer', member.memberId, { payerName: backend.name }) : null;
  const [match] = member
    ? await db
        .select({ choiceId: payerMemberMatches.choiceId, policy: payerMemberMatches.policy })
        .from(payerMemberMatches)
        .where(and(eq(payerMemberMatches.clientId, backend.clientId), eq(payerMemberMatches.memberId, member.memberId)))
        .limit(1)
    : [];
  if (!member || !decision?.allowed || !match || match.choiceId !== decision.choiceId) {
    // The same answer whether the member does not exist, did not allow it, or was not matched
    // under the choice in force (a new choice, even the same again, asks for a new match).
    throw new FhirRequestError(403, 'forbidden', 'Your plan has no member match in force for this patient with the member\'s permission. Ask $member-match first.');
  }
  const includeSensitive = decision.includeSensitive && match.policy === 'sensitive';
  const today = todayIn(appClock());
  await recordAuditEvent(db, {
    actor: { kind: 'app', id: backend.clientId },
    action: 'payer-to-payer.data-read',
    memberId: member.memberId,
    details: { choiceId: decision.choiceId, includeSensitive },
  });
  return backendMemberAccess(db, backend, { memberId: member.memberId, patientId }, { from: addYears(today, -PAYER_TO_PAYER_LOOKBACK_YEARS), includeSensitive, today });
}
