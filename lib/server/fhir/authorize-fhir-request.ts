import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { appClock, calendarDateIn, type CalendarDate } from '@/lib/calendar';
import { getDb, preparedPerDb } from '@/lib/db/client';
import { apps, authorities, consentGrants, enrollmentSpans, fhirEpoch, members, oidcModels } from '@/lib/db/schema';
import { authorityActiveOn, checkConnectEligibility, enrolledPeriodsInWindow, type AuthorityType, type EnrolledWindowPeriod } from '@/lib/server/eligibility';
import { CATEGORY_RESOURCE_TYPES, readableResourceTypes, type DataCategory } from '@/lib/server/smart/smart-scopes';
import type { FhirReadCache } from './fhir-read-cache';
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
  /** Everything above that decides what an answer holds: two tokens with the same see the same. */
  visibility: string;
  /** The FHIR epoch the facts behind this decision were read at (null: unknown, nothing is reused). */
  epoch: string | null;
  /** The facts came from this instance's cache and their epoch is not yet confirmed. */
  reused: boolean;
}

const unauthorized = (message: string) => new FhirRequestError(401, 'login', message);

/** What the database says about an access token: read once, then re-judged on every request. */
interface FhirAccessFacts {
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
  /** The FHIR epoch these facts were read at (see fhir-read-cache.ts); null if it could not be read. */
  epoch: string | null;
}

// The one query every API call without reusable facts makes: built once, planned once.
const accessFactsQuery = preparedPerDb((db) =>
  db
    .select({
      tokenPayload: oidcModels.payload,
      tokenExpiresAt: oidcModels.expiresAt,
      grantId: consentGrants.id,
      revokedAt: consentGrants.revokedAt,
      expiresAt: consentGrants.expiresAt,
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
      // The member's spans and the epoch in the same round trip (and the same snapshot).
      spans: sql<FhirAccessFacts['spans'] | string>`(
        select coalesce(json_agg(json_build_object('start', s.start_date, 'end', s.end_date, 'plan', s.plan_code) order by s.start_date), '[]'::json)
        from ${enrollmentSpans} s where s.member_id = ${members.memberId})`,
      epoch: sql<string | null>`(select ${fhirEpoch.value}::text from ${fhirEpoch} where ${fhirEpoch.id} = 1)`,
    })
    .from(oidcModels)
    .innerJoin(consentGrants, eq(consentGrants.id, oidcModels.grantId))
    .innerJoin(members, eq(members.memberId, consentGrants.memberId))
    .innerJoin(apps, eq(apps.id, consentGrants.appId))
    .leftJoin(authorities, eq(authorities.id, consentGrants.authorityId))
    .where(and(eq(oidcModels.model, 'AccessToken'), eq(oidcModels.id, sql.placeholder('token'))))
    .limit(1)
    .prepare('fhir_access_facts'),
);

async function readFhirAccessFacts(token: string): Promise<FhirAccessFacts | null> {
  const [row] = await accessFactsQuery(await getDb()).execute({ token });
  if (!row) return null;
  return { ...row, tokenPayload: row.tokenPayload as FhirAccessFacts['tokenPayload'], spans: typeof row.spans === 'string' ? JSON.parse(row.spans) : row.spans };
}

type DayDecision = Omit<FhirAccess, 'reused'>;
// What a set of facts decides for a day does not change within the day: reused facts keep it.
const decidedDays = new WeakMap<FhirAccessFacts, { today: CalendarDate; decision: DayDecision }>();

/** Checks the facts against the clock: the same decision whether the facts are fresh or reused. */
function decideFhirAccess(facts: FhirAccessFacts, reused: boolean): FhirAccess {
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
  let day = decidedDays.get(facts);
  if (day?.today !== today) {
    day = { today, decision: decideDay(facts, today) };
    decidedDays.set(facts, day);
  }
  return { ...day.decision, reused };
}

function decideDay(facts: FhirAccessFacts, today: CalendarDate): DayDecision {
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

  const scope = facts.tokenPayload.scope ?? '';
  const categoryTypes = new Set<string>((facts.categories as DataCategory[]).flatMap((c) => CATEGORY_RESOURCE_TYPES[c] ?? []));
  const resourceTypes = new Set([...readableResourceTypes(scope)].filter((t) => categoryTypes.has(t)));
  const enrolledPeriods = enrolledPeriodsInWindow(member.spans, today);
  const dataWindowStart = facts.dataWindowStart as CalendarDate;
  return {
    grantId: facts.grantId,
    patientId: facts.patientId,
    memberId: facts.memberId,
    scope,
    resourceTypes,
    includeSensitive: facts.includeSensitive,
    dataWindowStart,
    enrolledPeriods,
    today,
    epoch: facts.epoch,
    visibility: JSON.stringify([facts.patientId, facts.includeSensitive, dataWindowStart, enrolledPeriods, [...resourceTypes].sort()]),
  };
}

/**
 * Checks, on every request: the token is active; its grant is neither stopped nor past its end;
 * the app is still approved; the member may still use the Patient Access API today. With `reuse`,
 * the facts may come from this instance's cache; the answer then says so (`reused`), and nothing
 * may be served on it until the epoch is confirmed (recordFhirAccess does that).
 */
export async function authorizeFhirRequest(authorization: string | null, { reuse, cache }: { reuse: boolean; cache: FhirReadCache | null }): Promise<FhirAccess> {
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('A bearer access token is required.');
  const token = match[1];
  const cached = reuse ? (cache?.facts.get(token) as FhirAccessFacts | undefined) : undefined;
  if (cached) {
    try {
      return decideFhirAccess(cached, true);
    } catch {
      // A refusal is never made on reused facts: the database may have changed its mind since.
    }
  }
  const facts = await readFhirAccessFacts(token);
  if (!facts) throw unauthorized('The access token is not valid or has been revoked.');
  // Without an epoch nothing could ever confirm the facts: they are not kept.
  if (facts.epoch !== null) cache?.facts.set(token, facts as FhirAccessFacts & { epoch: string });
  return decideFhirAccess(facts, false);
}
