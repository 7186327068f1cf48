import 'server-only';
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { members, providerAttributions } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { DATA_WINDOW_FLOOR } from '@/lib/server/eligibility';
import { decideSharingFor } from '@/lib/server/sharing/decide-sharing';
import type { BackendAccess } from './authorize-backend-request';
import type { FhirAccess } from './authorize-fhir-request';
import { backendMemberAccess } from './backend-member-access';
import { FhirRequestError } from './operation-outcome';

/**
 * What a provider organization may read of one member (Provider Access, CMS-0057-F; 42 CFR
 * 422.121(a), 431.61), decided at this request: nothing unless the member is attributed to the
 * provider's Group today and the member's Provider Access choice in force (the decision function)
 * leaves it on; then the member's Patient, coverage and claims of enrolled days from 2016-01-01.
 * Sensitive claims (behavioral health, substance use) never go this way: 42 CFR Part 2 and state
 * law ask for the member's own consent to send them to a provider, and Provider Access is an
 * opt-out, not a consent. Every read is in the audit trail (never the data).
 */
export async function providerAccess(backend: BackendAccess, patientId: string): Promise<FhirAccess> {
  const { groupId } = backend;
  if (backend.kind !== 'provider' || !groupId) throw new FhirRequestError(403, 'forbidden', 'Only a provider organization may read its attributed members this way.');
  const db = await getDb();
  const today = todayIn(appClock());
  // The attribution and the choice in one snapshot, as the Group that listed the member reads them.
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ memberId: members.memberId })
      .from(members)
      .innerJoin(providerAttributions, eq(providerAttributions.memberId, members.memberId))
      .where(
        and(
          eq(members.patientId, patientId),
          eq(providerAttributions.groupId, groupId),
          lte(providerAttributions.start, today),
          or(isNull(providerAttributions.end), gte(providerAttributions.end, today)),
        ),
      )
      .limit(1);
    const decision = member ? await decideSharingFor(tx, 'provider_access', member.memberId) : null;
    if (!member || !decision?.allowed) {
      // The same answer whether the patient does not exist, is not attributed to this provider
      // today, or turned Provider Access off: a provider cannot learn who is a member by asking.
      throw new FhirRequestError(403, 'forbidden', 'This patient is not a member attributed to your organization whose data Provider Access shares. Read your Group first.');
    }
    await recordAuditEvent(tx, {
      actor: { kind: 'app', id: backend.clientId },
      action: 'provider-access.data-read',
      memberId: member.memberId,
      details: { groupId, choiceId: decision.choiceId },
    });
    return backendMemberAccess(tx, backend, { memberId: member.memberId, patientId }, { from: DATA_WINDOW_FLOOR, includeSensitive: false, today });
  });
}
