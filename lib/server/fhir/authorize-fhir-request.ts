import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps, authorities, consentGrants, enrollmentSpans, members, oidcModels } from '@/lib/db/schema';
import { authorityActiveOn, checkConnectEligibility, enrolledPeriodsInWindow, type AuthorityType, type EnrolledWindowPeriod } from '@/lib/server/eligibility';
import { CATEGORY_RESOURCE_TYPES, readableResourceTypes, type DataCategory } from '@/lib/server/smart/smart-scopes';
import { FhirRequestError } from './operation-outcome';

export interface FhirAccess {
  grantId: string;
  patientId: string;
  memberId: string;
  scope: string;
  /** Resource types this token may read: the token's scope within the member's categories. */
  resourceTypes: Set<string>;
  includeSensitive: boolean;
  dataWindowStart: CalendarDate;
  /** The member's enrolled periods inside the data window; claims outside them are never served. */
  enrolledPeriods: EnrolledWindowPeriod[];
  today: CalendarDate;
}

const unauthorized = (message: string) => new FhirRequestError(401, 'login', message);

/**
 * Checks, on every request: the token is active; its grant is neither stopped nor past its end;
 * the app is still approved; the member may still use the Patient Access API today.
 */
export async function authorizeFhirRequest(authorization: string | null): Promise<FhirAccess> {
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('A bearer access token is required.');
  const db = await getDb();
  const now = appClock().now();
  const [row] = await db
    .select({
      payload: oidcModels.payload,
      tokenExpiresAt: oidcModels.expiresAt,
      grantId: consentGrants.id,
      revokedAt: consentGrants.revokedAt,
      expiresAt: consentGrants.expiresAt,
      scopes: consentGrants.scopes,
      categories: consentGrants.categories,
      includeSensitive: consentGrants.includeSensitive,
      dataWindowStart: consentGrants.dataWindowStart,
      memberId: members.memberId,
      patientId: members.patientId,
      birthDate: members.birthDate,
      deceasedDate: members.deceasedDate,
      appStatus: apps.status,
      clientId: apps.clientId,
      authorityType: authorities.type,
      authorityStart: authorities.start,
      authorityEnd: authorities.end,
      // The member's spans in the same round trip: this check runs on every API call.
      spans: sql<{ start: string; end: string | null; plan: string }[]>`(
        select coalesce(json_agg(json_build_object('start', s.start_date, 'end', s.end_date, 'plan', s.plan_code) order by s.start_date), '[]'::json)
        from ${enrollmentSpans} s where s.member_id = ${members.memberId})`,
    })
    .from(oidcModels)
    .innerJoin(consentGrants, eq(consentGrants.id, oidcModels.grantId))
    .innerJoin(members, eq(members.memberId, consentGrants.memberId))
    .innerJoin(apps, eq(apps.id, consentGrants.appId))
    .leftJoin(authorities, eq(authorities.id, consentGrants.authorityId))
    .where(and(eq(oidcModels.model, 'AccessToken'), eq(oidcModels.id, match[1])))
    .limit(1);
  if (!row) throw unauthorized('The access token is not valid or has been revoked.');
  const payload = row.payload as { exp?: number; scope?: string; clientId?: string };
  if ((row.tokenExpiresAt && row.tokenExpiresAt <= new Date()) || (payload.exp && payload.exp * 1000 <= Date.now())) {
    throw unauthorized('The access token has expired.');
  }
  if (row.revokedAt) throw unauthorized('The member stopped sharing with this app.');
  if (row.expiresAt <= now) throw unauthorized('The member\'s approval for this app has ended.');
  if (row.appStatus !== 'approved' || payload.clientId !== row.clientId) throw unauthorized('This app\'s access has been removed.');

  const spans = typeof row.spans === 'string' ? (JSON.parse(row.spans) as typeof row.spans) : row.spans;
  const today = todayIn(appClock());
  const facts = {
    memberId: row.memberId,
    birthDate: row.birthDate as CalendarDate,
    deceasedDate: row.deceasedDate as CalendarDate | null,
    spans: spans.map((s) => ({ start: s.start as CalendarDate, end: s.end as CalendarDate | null, plan: s.plan })),
  };
  if (!checkConnectEligibility(facts, today).eligible) {
    throw new FhirRequestError(403, 'forbidden', 'The member can no longer share data through the Patient Access API.');
  }
  // A representative's approval lasts only while their authority does (a parent's ends at 18).
  if (row.authorityType) {
    const authority = { type: row.authorityType as AuthorityType, start: row.authorityStart as CalendarDate, end: row.authorityEnd as CalendarDate | null };
    if (!authorityActiveOn(authority, facts, today).active) throw unauthorized('The representative who approved this app can no longer act for the member.');
  }

  const scope = payload.scope ?? '';
  const categoryTypes = new Set<string>((row.categories as DataCategory[]).flatMap((c) => CATEGORY_RESOURCE_TYPES[c] ?? []));
  const resourceTypes = new Set([...readableResourceTypes(scope)].filter((t) => categoryTypes.has(t)));
  return {
    grantId: row.grantId,
    patientId: row.patientId,
    memberId: row.memberId,
    scope,
    resourceTypes,
    includeSensitive: row.includeSensitive,
    dataWindowStart: row.dataWindowStart as CalendarDate,
    enrolledPeriods: enrolledPeriodsInWindow(facts.spans, today),
    today,
  };
}
