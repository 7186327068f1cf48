import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { addDays, appClock, calendarDateIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { accessLog, apps, authorities, consentGrants, members, representatives } from '@/lib/db/schema';
import { authorityActiveOn, type AuthorityType } from '@/lib/server/eligibility';
import { lastDayOf } from './last-day-of';
import type { DataCategory } from '@/lib/server/smart/smart-scopes';
import { grantsChangeableInScope, grantsInScope, type AccountScope } from './account-scope';
import { CONNECTED_AGAIN } from '@/lib/server/consent/revoke-reasons';

/**
 * Where a connection stands: in force; in force but its app stopped by the payer; or over, because
 * its end date passed, someone stopped it, or a changed connection replaced it.
 */
export type ConnectionState = 'active' | 'paused' | 'expired' | 'stopped' | 'replaced';

export interface AccountConnection {
  grantId: string;
  memberId: string;
  appId: string;
  appName: string;
  appClientId: string;
  appLaunchUrl: string | null;
  appDeveloper: string;
  appPrivacyPolicyUrl: string | null;
  appWebsite: string | null;
  appStatus: string;
  /** The review criterion the app's status rests on (its words for members are translated). */
  appStatusCriterion: string | null;
  appStatusSince: string;
  scopes: string;
  categories: DataCategory[];
  includeSensitive: boolean;
  dataWindowStart: string;
  duration: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** 'member', 'representative', 'staff', 'system'... */
  revokedByKind: string | null;
  revokedById: string | null;
  revokedByName: string | null;
  replacedBy: string | null;
  lastAccessAt: Date | null;
  approvedByKind: 'member' | 'representative';
  representativeId: string | null;
  representativeName: string | null;
  authorityType: string | null;
  /**
   * Set when the representative's authority no longer covers the connection: a child's 18th
   * birthday (`date` is the birthday) or an end on file (`date` is its last day). The connection
   * is over from then, whether or not the notices have gone out yet.
   */
  memberName: string;
  authorityEnded: { cause: 'child18' | 'authority'; date: CalendarDate } | null;
  state: ConnectionState;
}

const stopper = alias(representatives, 'stopper');

async function selectConnections(scope: AccountScope, ...conditions: (SQL | undefined)[]) {
  const db = await getDb();
  return db
    .select({
      grantId: consentGrants.id,
      memberId: consentGrants.memberId,
      appId: consentGrants.appId,
      appName: apps.name,
      appClientId: apps.clientId,
      appLaunchUrl: apps.launchUrl,
      appDeveloper: apps.developer,
      appPrivacyPolicyUrl: apps.privacyPolicyUrl,
      appWebsite: apps.website,
      appStatus: apps.status,
      appStatusCriterion: apps.statusCriterion,
      appStatusSince: apps.statusSince,
      scopes: consentGrants.scopes,
      categories: consentGrants.categories,
      includeSensitive: consentGrants.includeSensitive,
      dataWindowStart: consentGrants.dataWindowStart,
      duration: consentGrants.duration,
      createdAt: consentGrants.createdAt,
      expiresAt: consentGrants.expiresAt,
      revokedAt: consentGrants.revokedAt,
      revokedReason: consentGrants.revokedReason,
      revokedBy: consentGrants.revokedBy,
      revokedByName: sql<string | null>`case when ${stopper.repId} is null then null else ${stopper.given} || ' ' || ${stopper.family} end`,
      replacedBy: consentGrants.replacedBy,
      // The newest access-log row (an index lookup), not a column the API would write on every read.
      lastAccessAt: sql<Date | null>`(select max(${accessLog.at}) from ${accessLog} where ${accessLog.grantId} = ${consentGrants.id})`.mapWith(consentGrants.expiresAt),
      approvedByKind: consentGrants.approvedByKind,
      representativeId: consentGrants.representativeId,
      representativeName: sql<string | null>`case when ${representatives.repId} is null then null else ${representatives.given} || ' ' || ${representatives.family} end`,
      authorityType: consentGrants.authorityType,
      authorityStart: authorities.start,
      authorityEnd: authorities.end,
      memberName: sql<string>`${members.given} || ' ' || ${members.family}`,
      memberBirthDate: members.birthDate,
      memberDeceasedDate: members.deceasedDate,
    })
    .from(consentGrants)
    .innerJoin(apps, eq(apps.id, consentGrants.appId))
    .innerJoin(members, eq(members.memberId, consentGrants.memberId))
    .leftJoin(representatives, eq(representatives.repId, consentGrants.representativeId))
    .leftJoin(authorities, eq(authorities.id, consentGrants.authorityId))
    .leftJoin(stopper, and(sql`${consentGrants.revokedBy} like 'representative:%'`, eq(stopper.repId, sql`substr(${consentGrants.revokedBy}, 16)`)))
    // The authorization: only grants of members in the viewer's scope, whatever else is asked.
    .where(and(grantsInScope(scope), ...conditions))
    .orderBy(desc(consentGrants.createdAt), desc(consentGrants.id));
}

type Row = Awaited<ReturnType<typeof selectConnections>>[number];

/** Whether the authority a representative approved under has ended, judged today or on the connection's last day. */
function authorityEndOf(row: Row, now: Date): AccountConnection['authorityEnded'] {
  if (!row.authorityType || !row.authorityStart) return null;
  if (row.revokedAt && !row.revokedReason?.startsWith('authority-ended:')) return null;
  const day = row.expiresAt <= now ? addDays(lastDayOf(row.expiresAt), 1) : calendarDateIn(now);
  const status = authorityActiveOn(
    { type: row.authorityType as AuthorityType, start: row.authorityStart as CalendarDate, end: (row.authorityEnd as CalendarDate | null) ?? null },
    { birthDate: row.memberBirthDate as CalendarDate, deceasedDate: (row.memberDeceasedDate as CalendarDate | null) ?? null },
    day,
  );
  if (status.active || (status.reason !== 'ended' && status.reason !== 'child-turned-18')) return null;
  // Ran out long before the authority ended: its own end date, not the authority's.
  if (row.expiresAt <= now && status.since !== day) return null;
  return status.reason === 'child-turned-18' ? { cause: 'child18', date: status.since } : { cause: 'authority', date: status.lastDay };
}

function toConnection(row: Row, now: Date): AccountConnection {
  const { revokedBy, authorityStart: _start, authorityEnd: _end, memberBirthDate: _birth, memberDeceasedDate: _deceased, ...rest } = row;
  const authorityEnded = authorityEndOf(row, now);
  const state: ConnectionState = row.revokedAt
    ? row.revokedReason === 'replaced' || row.revokedReason === CONNECTED_AGAIN
      ? 'replaced'
      : 'stopped'
    : row.expiresAt <= now || authorityEnded
      ? 'expired'
      : row.appStatus !== 'approved'
        ? 'paused'
        : 'active';
  const [revokedByKind, revokedById] = revokedBy ? [revokedBy.slice(0, revokedBy.indexOf(':')), revokedBy.slice(revokedBy.indexOf(':') + 1) || null] : [null, null];
  return { ...rest, categories: row.categories as DataCategory[], revokedByKind, revokedById, authorityEnded, state };
}

/** Every connection of the members in scope (optionally one of them), newest first. */
export async function listAccountConnections(scope: AccountScope, options: { memberId?: string; now?: Date } = {}): Promise<AccountConnection[]> {
  const now = options.now ?? appClock().now();
  const rows = await selectConnections(scope, options.memberId ? eq(consentGrants.memberId, options.memberId) : undefined);
  return rows.map((row) => toConnection(row, now));
}

/**
 * One connection, only when it belongs to a member in scope and the viewer may see it; null for
 * anyone else's id. With `forChange`, only when the viewer may also stop or change it.
 */
export async function findAccountConnection(scope: AccountScope, grantId: string, now: Date = appClock().now(), options: { forChange?: boolean } = {}): Promise<AccountConnection | null> {
  if (!/^[0-9a-f-]{36}$/i.test(grantId)) return null;
  const [row] = await selectConnections(scope, eq(consentGrants.id, grantId), options.forChange ? grantsChangeableInScope(scope) : undefined);
  return row ? toConnection(row, now) : null;
}

/**
 * The connection that now stands for this one: itself, or (when a change or a new approval replaced
 * it) the one that replaced it, followed to the newest, within what the viewer may change. A form
 * drawn before another tab changed the connection acts on what the connection now is.
 */
export async function latestOf(scope: AccountScope, connection: AccountConnection): Promise<AccountConnection> {
  let latest = connection;
  for (let hops = 0; hops < 20 && latest.state === 'replaced' && latest.replacedBy; hops += 1) {
    const next = await findAccountConnection(scope, latest.replacedBy, undefined, { forChange: true });
    if (!next) break;
    latest = next;
  }
  return latest;
}

export function isCurrent(connection: Pick<AccountConnection, 'state'>): boolean {
  return connection.state === 'active' || connection.state === 'paused';
}
