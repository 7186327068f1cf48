import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { auditEvents, authorities, consentGrants, members, representatives } from '@/lib/db/schema';
import { authorityActiveOn, type AuthorityType } from '@/lib/server/eligibility';
import type { FhirAccess } from './authorize-fhir-request';

const V3_ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/**
 * Each kind of authority as R4 RelatedPerson.relationship (PatientRelationshipType, v3 RoleCode),
 * with the hub's own name for it as the text: HL7 has no code for a HIPAA personal representative,
 * the nearest is a healthcare power of attorney; a designee is the member's delegatee.
 */
const RELATIONSHIP: Record<AuthorityType, { code: string; display: string; text: string }> = {
  parent: { code: 'PRN', display: 'parent', text: 'Parent' },
  legal_guardian: { code: 'GUARD', display: 'guardian', text: 'Legal guardian' },
  personal_representative: { code: 'HPOWATT', display: 'healthcare power of attorney', text: 'Personal representative' },
  authorized_representative_designee: { code: 'DELEGATEE', display: 'delegatee', text: 'Authorized representative (designee)' },
};

/**
 * The representative behind a token's grant as a base R4 RelatedPerson: `fhirUser` in their
 * id_token points here. Only the grant's own approver, for that member; null for any other id
 * (a member's own grant, another representative), which the caller answers as not found.
 * `fhirUser`: whether the grant holds that scope, which SMART gives the right to read it (the
 * access token's own scope lists only resource scopes).
 *
 * One version, as every resource here has (meta.versionId 1, which vread serves), last updated when
 * staff last recorded the authority's end, else when the representative was recorded: a stable
 * instant, so that Last-Modified does not change from one read to the next.
 */
export async function readRelatedPerson(access: FhirAccess, id: string): Promise<{ resource: Record<string, unknown>; fhirUser: boolean } | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      grantScopes: consentGrants.scopes,
      given: representatives.given,
      family: representatives.family,
      type: authorities.type,
      start: authorities.start,
      end: authorities.end,
      birthDate: members.birthDate,
      deceasedDate: members.deceasedDate,
      recordedAt: representatives.createdAt,
      // The authority row keeps no time of its own; its one later change (an end staff record) is audited.
      endRecordedMs: sql<number | null>`(select (extract(epoch from max(${auditEvents.at})) * 1000)::float8 from ${auditEvents}
        where ${auditEvents.action} = 'representative.authority-end-recorded' and ${auditEvents.memberId} = ${consentGrants.memberId}
          and ${auditEvents.details}->>'authorityId' = ${authorities.id}::text)`,
    })
    .from(consentGrants)
    .innerJoin(representatives, eq(representatives.repId, consentGrants.representativeId))
    .innerJoin(authorities, and(eq(authorities.id, consentGrants.authorityId), eq(authorities.memberId, consentGrants.memberId)))
    .innerJoin(members, eq(members.memberId, consentGrants.memberId))
    .where(and(eq(consentGrants.id, access.grantId), eq(consentGrants.approvedByKind, 'representative'), eq(representatives.relatedPersonId, id)))
    .limit(1);
  if (!row) return null;
  const authority = { type: row.type as AuthorityType, start: row.start as CalendarDate, end: row.end as CalendarDate | null };
  const status = authorityActiveOn(authority, { birthDate: row.birthDate as CalendarDate, deceasedDate: row.deceasedDate as CalendarDate | null }, access.today);
  // The last day it holds: the end on file, or a parent's, the day before the child turns 18.
  const lastDay = status.active ? status.endsOn : status.reason === 'not-started' ? authority.end : status.lastDay;
  const relationship = RELATIONSHIP[authority.type];
  const endRecordedAt = row.endRecordedMs === null ? null : new Date(Number(row.endRecordedMs));
  const lastUpdated = endRecordedAt && endRecordedAt > row.recordedAt ? endRecordedAt : row.recordedAt;
  const resource = {
    resourceType: 'RelatedPerson',
    id,
    meta: { versionId: '1', lastUpdated: lastUpdated.toISOString() },
    active: status.active,
    patient: { reference: `Patient/${access.patientId}` },
    relationship: relationship
      ? [{ coding: [{ system: V3_ROLE_CODE, code: relationship.code, display: relationship.display }], text: relationship.text }]
      : undefined,
    name: [{ given: [row.given], family: row.family }],
    period: { start: authority.start, ...(lastDay ? { end: lastDay } : {}) },
  };
  return { resource, fhirUser: row.grantScopes.split(/\s+/).includes('fhirUser') };
}
