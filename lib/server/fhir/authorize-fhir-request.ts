import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { appClock, calendarDateIn, type CalendarDate } from '@/lib/calendar';
import { apps, authorities, consentGrants, enrollmentSpans, members, oidcModels } from '@/lib/db/schema';
import { authorityActiveOn, checkConnectEligibility, enrolledPeriodsInWindow, type AuthorityType, type EnrolledWindowPeriod } from '@/lib/server/eligibility';
import { CATEGORY_RESOURCE_TYPES, readableResourceTypes, type DataCategory } from '@/lib/server/smart/smart-scopes';
import { FhirRequestError } from './operation-outcome';
import { runRawStatement } from './run-statement';
import { StatementTemplate } from './statement-template';

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

/** What the database says about an access token, read on every request (nothing is reused). */
export interface FhirAccessFacts {
  tokenPayload: { exp?: number; scope?: string; clientId?: string };
  tokenExpiresAt: Date | null;
  grantId: string;
  revokedAt: Date | null;
  expiresAt: Date;
  categories: string[];
  includeSensitive: boolean;
  dataWindowStart: string;
  memberId: string;
  patientId: string;
  birthDate: string;
  deceasedDate: string | null;
  appStatus: string;
  clientId: string;
  authorityType: string | null;
  authorityStart: string | null;
  authorityEnd: string | null;
  spans: { start: string; end: string | null; plan: string }[];
}

const ms = (column: SQL | unknown) => sql`(extract(epoch from ${column}) * 1000)::float8`;

/**
 * The token, its grant, member, app, authority and enrollment, as the CTE `a` (one row, or none
 * for an unknown token): the start of every FHIR statement. Dates as text, instants as epoch ms.
 *
 * The member's enrollment spans are read in one pass (the lateral `e`): as JSON for the decision,
 * their first start, and, given `today` (a page of claims), the days enrolled up to today as one
 * multirange (`enrolled`, served claims fall inside it: enrolledPeriodsInWindow). Read as three
 * subqueries (the multirange beside the page, joined to every member's spans), the statement of a
 * page of 50 claims cost Postgres 0.65 and 0.66 ms in two measurements where it now costs 0.55
 * and 0.63 (`bench/README.md`).
 */
export function accessFactsCte(token: string | SQL, today?: CalendarDate | SQL): SQL {
  const enrolled =
    today === undefined
      ? sql``
      : sql`,
        range_agg(daterange(s.start_date, coalesce(s.end_date, ${today}::date), '[]'))
          filter (where s.start_date <= ${today}::date and s.start_date <= coalesce(s.end_date, ${today}::date)) as enrolled`;
  return sql`a as (
    select ${oidcModels.payload} as token_payload, ${ms(oidcModels.expiresAt)} as token_expires_ms,
      ${consentGrants.id} as grant_id, ${ms(consentGrants.revokedAt)} as revoked_ms, ${ms(consentGrants.expiresAt)} as expires_ms,
      ${consentGrants.categories} as categories, ${consentGrants.includeSensitive} as include_sensitive,
      ${consentGrants.dataWindowStart}::text as data_window_start,
      ${members.memberId} as member_id, ${members.patientId} as patient_id, ${members.birthDate}::text as birth_date, ${members.deceasedDate}::text as deceased_date,
      ${apps.status} as app_status, ${apps.clientId} as client_id,
      ${authorities.type} as authority_type, ${authorities.start}::text as authority_start, ${authorities.end}::text as authority_end,
      e.*
    from ${oidcModels}
    join ${consentGrants} on ${consentGrants.id} = ${oidcModels.grantId}
    join ${members} on ${members.memberId} = ${consentGrants.memberId}
    join ${apps} on ${apps.id} = ${consentGrants.appId}
    left join ${authorities} on ${authorities.id} = ${consentGrants.authorityId}
    cross join lateral (
      select coalesce(json_agg(json_build_object('start', s.start_date, 'end', s.end_date, 'plan', s.plan_code) order by s.start_date), '[]'::json) as spans,
        min(s.start_date) as first_enrolled${enrolled}
      from ${enrollmentSpans} s where s.member_id = ${members.memberId}) e
    where ${oidcModels.model} = 'AccessToken' and ${oidcModels.id} = ${token}
    limit 1)`;
}

/** The facts from the row of accessFactsCte as the database sent it, `row_to_json(a)::text`. */
export function accessFactsOf(factsJson: Buffer): FhirAccessFacts {
  const row = JSON.parse(factsJson.toString('utf8')) as Record<string, unknown>;
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)));
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    tokenPayload: json(row.token_payload),
    tokenExpiresAt: date(row.token_expires_ms),
    grantId: row.grant_id as string,
    revokedAt: date(row.revoked_ms),
    expiresAt: date(row.expires_ms)!,
    categories: json(row.categories),
    includeSensitive: row.include_sensitive as boolean,
    dataWindowStart: row.data_window_start as string,
    memberId: row.member_id as string,
    patientId: row.patient_id as string,
    birthDate: row.birth_date as string,
    deceasedDate: (row.deceased_date as string | null) ?? null,
    appStatus: row.app_status as string,
    clientId: row.client_id as string,
    authorityType: (row.authority_type as string | null) ?? null,
    authorityStart: (row.authority_start as string | null) ?? null,
    authorityEnd: (row.authority_end as string | null) ?? null,
    spans: json(row.spans),
  };
}

/** The bearer token of an Authorization header; a 401 without one. */
export function bearerToken(authorization: string | null | undefined): string {
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('A bearer access token is required.');
  return match[1];
}

/**
 * Checks the facts against the clock, on every request: the token is active; its grant is neither
 * stopped nor past its end; the app is still approved; the member may still use the Patient
 * Access API today; a representative's authority still holds.
 */
export function decideFhirAccess(facts: FhirAccessFacts | null): FhirAccess {
  if (!facts) throw unauthorized('The access token is not valid or has been revoked.');
  const now = appClock().now();
  const payload = facts.tokenPayload;
  // The provider dates its tokens by the real clock.
  if ((facts.tokenExpiresAt && facts.tokenExpiresAt <= new Date()) || (payload.exp && payload.exp * 1000 <= Date.now())) {
    throw unauthorized('The access token has expired.');
  }
  if (facts.revokedAt) throw unauthorized('The member stopped sharing with this app.');
  if (facts.expiresAt <= now) throw unauthorized('The member\'s approval for this app has ended.');
  if (facts.appStatus !== 'approved' || payload.clientId !== facts.clientId) throw unauthorized('This app\'s access has been removed.');

  const today = calendarDateIn(now);
  const member = {
    memberId: facts.memberId,
    birthDate: facts.birthDate as CalendarDate,
    deceasedDate: facts.deceasedDate as CalendarDate | null,
    spans: facts.spans.map((s) => ({ start: s.start as CalendarDate, end: s.end as CalendarDate | null, plan: s.plan })),
  };
  if (!checkConnectEligibility(member, today).eligible) {
    throw new FhirRequestError(403, 'forbidden', 'The member can no longer share data through the Patient Access API.');
  }
  // A representative's approval lasts only while their authority does (a parent's ends at 18).
  if (facts.authorityType) {
    const authority = { type: facts.authorityType as AuthorityType, start: facts.authorityStart as CalendarDate, end: facts.authorityEnd as CalendarDate | null };
    if (!authorityActiveOn(authority, member, today).active) throw unauthorized('The representative who approved this app can no longer act for the member.');
  }

  const scope = payload.scope ?? '';
  const categoryTypes = new Set<string>((facts.categories as DataCategory[]).flatMap((c) => CATEGORY_RESOURCE_TYPES[c] ?? []));
  const resourceTypes = new Set([...readableResourceTypes(scope)].filter((t) => categoryTypes.has(t)));
  return {
    grantId: facts.grantId,
    patientId: facts.patientId,
    memberId: facts.memberId,
    scope,
    resourceTypes,
    includeSensitive: facts.includeSensitive,
    dataWindowStart: facts.dataWindowStart as CalendarDate,
    enrolledPeriods: enrolledPeriodsInWindow(member.spans, today),
    today,
  };
}

/** The facts as JSON, the form readSearchPage reads them in (one text column, whatever the engine). */
export const factsStatement = (token: string | SQL) => sql`with ${accessFactsCte(token)} select row_to_json(a)::text from a`;
let factsTemplate: StatementTemplate<'token'> | undefined;

/** Reads the token's facts (one statement, written once: statement-template.ts) and decides on them. */
export async function authorizeFhirRequest(authorization: string | null): Promise<FhirAccess> {
  const token = bearerToken(authorization);
  factsTemplate ??= new StatementTemplate<'token'>((slot) => factsStatement(slot('token')));
  const [row] = await runRawStatement(factsTemplate.query({ token }));
  return decideFhirAccess(row?.[0] ? accessFactsOf(row[0]) : null);
}
