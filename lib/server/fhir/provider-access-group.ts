import 'server-only';
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { members, providerAttributions, providerGroups } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { decideSharing, loadLatestSharingChoices } from '@/lib/server/sharing/decide-sharing';
import { backendScopeAllows, type BackendAccess } from './authorize-backend-request';
import { FhirRequestError, insufficientScope } from './operation-outcome';

/**
 * `GET /fhir/Group/<id>` for a provider organization (Provider Access, CMS-0057-F): the members
 * attributed to it today, leaving out every member whose Provider Access choice in force at this
 * moment is "off" (the decision function, read in the same snapshot as the attribution). A
 * provider reads only its own Group; anyone else's is "not found". The audit trail keeps how many
 * were listed and left out (never who).
 */
export async function readProviderAccessGroup(access: BackendAccess, groupId: string): Promise<Record<string, unknown>> {
  if (!backendScopeAllows(access, 'Group')) throw insufficientScope('This access token\'s scope does not include Group.');
  if (access.kind !== 'provider') throw new FhirRequestError(403, 'forbidden', 'Only a provider organization may read a provider attribution Group.');
  if (access.groupId !== groupId) throw new FhirRequestError(404, 'not-found', `Group/${groupId} was not found.`);
  const db = await getDb();
  const today = todayIn(appClock());
  return db.transaction(async (tx) => {
    const [group] = await tx.select().from(providerGroups).where(eq(providerGroups.id, groupId)).limit(1);
    if (!group) throw new FhirRequestError(404, 'not-found', `Group/${groupId} was not found.`);
    const attributed = await tx
      .select({ memberId: members.memberId, patientId: members.patientId, start: providerAttributions.start, end: providerAttributions.end })
      .from(providerAttributions)
      .innerJoin(members, eq(members.memberId, providerAttributions.memberId))
      .where(and(eq(providerAttributions.groupId, groupId), lte(providerAttributions.start, today), or(isNull(providerAttributions.end), gte(providerAttributions.end, today))))
      .orderBy(members.patientId);
    const choices = await loadLatestSharingChoices(
      tx,
      'provider_access',
      attributed.map((a) => a.memberId),
    );
    const listed = attributed.filter((a) => decideSharing('provider_access', choices.get(a.memberId) ?? null).allowed);
    await recordAuditEvent(tx, {
      actor: { kind: 'app', id: access.clientId },
      action: 'provider-access.group-read',
      details: { groupId, listed: listed.length, leftOut: attributed.length - listed.length },
    });
    return {
      resourceType: 'Group',
      id: group.id,
      meta: { lastUpdated: appClock().now().toISOString() },
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: group.npi }],
      active: true,
      type: 'person',
      actual: true,
      name: `Members attributed to ${group.name}`,
      managingEntity: { display: group.name },
      quantity: listed.length,
      member: listed.map((a) => ({ entity: { reference: `Patient/${a.patientId}` }, period: { start: a.start, ...(a.end ? { end: a.end } : {}) } })),
    };
  });
}
