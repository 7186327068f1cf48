import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb } from '@/lib/db/client';
import { hubSessions } from '@/lib/db/schema';
import type { HubSession } from './hub-session';
import { SESSION_LIFETIMES, type SessionKind } from './session-lifetimes';

/** Whose session a record is: the kind and the member ID, representative ID or staff username. */
export function sessionSubjectOf(session: HubSession): { kind: SessionKind; subjectId: string } {
  if (session.kind === 'member') return { kind: 'member', subjectId: session.memberId };
  if (session.kind === 'representative') return { kind: 'representative', subjectId: session.repId };
  return { kind: 'staff', subjectId: session.username };
}

export interface LiveSessionRecord {
  kind: SessionKind;
  subjectId: string;
  verifiedAt: Date;
  /** The earlier of the idle end and the absolute end. */
  endsAt: Date;
}

/** The cookie carries the id; the table keeps only its hash, so the table alone opens no session. */
export const sessionRecordId = (sid: string) => createHash('sha256').update(sid).digest('base64url');

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/** A record that is there and whose idle and absolute ends are both still ahead at `now`. */
export function liveSessionCondition(sid: string, now: Date = appClock().now()): SQL {
  return and(eq(hubSessions.id, sessionRecordId(sid)), gt(hubSessions.idleExpiresAt, at(now)), gt(hubSessions.absoluteExpiresAt, at(now)))!;
}

const liveColumns = {
  kind: hubSessions.kind,
  subjectId: hubSessions.subjectId,
  verifiedAt: hubSessions.verifiedAt,
  endsAt: sql<Date>`least(${hubSessions.idleExpiresAt}, ${hubSessions.absoluteExpiresAt})`.mapWith(hubSessions.idleExpiresAt),
};

/**
 * Starts the server-side record of a session that has just been verified (an email code, a staff
 * sign-in) and returns the id its cookie carries. Staff sign-in calls this from next-auth's `jwt`
 * callback and puts the id in the token as `sid`, beside the session as `hub`.
 */
export async function createSessionRecord(session: HubSession): Promise<string> {
  const sid = randomBytes(32).toString('base64url');
  const now = appClock().now();
  const lifetime = SESSION_LIFETIMES[session.kind];
  const verifiedAt = new Date(session.verifiedAt);
  const db = await getDb();
  await db.insert(hubSessions).values({
    id: sessionRecordId(sid),
    ...sessionSubjectOf(session),
    verifiedAt,
    idleExpiresAt: new Date(now.getTime() + lifetime.idleSeconds * 1000),
    absoluteExpiresAt: new Date(verifiedAt.getTime() + lifetime.absoluteSeconds * 1000),
  });
  return sid;
}

/** The record behind a cookie's session id, if the session is still live. */
export async function findLiveSessionRecord(sid: string): Promise<LiveSessionRecord | null> {
  const db = await getDb();
  const [row] = await db.select(liveColumns).from(hubSessions).where(liveSessionCondition(sid)).limit(1);
  return row ?? null;
}

/** Activity: the idle time starts again (never past the absolute end). Null when the session had already ended. */
export async function renewSessionRecord(sid: string, kind: SessionKind): Promise<LiveSessionRecord | null> {
  const now = appClock().now();
  const db = await getDb();
  const [row] = await db
    .update(hubSessions)
    .set({ idleExpiresAt: new Date(now.getTime() + SESSION_LIFETIMES[kind].idleSeconds * 1000) })
    .where(and(liveSessionCondition(sid, now), eq(hubSessions.kind, kind)))
    .returning(liveColumns);
  return row ?? null;
}

/**
 * Notes that the authorization server logged this session's person in under the provider session
 * `providerSessionId`, so that ending the hub session ends that one too. The list is short: a
 * browser holds one provider session at a time, and the provider replaces it at each login.
 */
export async function linkProviderSession(sid: string, providerSessionId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(hubSessions)
    .set({ providerSessionIds: sql`(array_append(${hubSessions.providerSessionIds}, ${providerSessionId}::text))[greatest(1, cardinality(${hubSessions.providerSessionIds}) - 14):]` })
    .where(and(liveSessionCondition(sid), sql`not (${providerSessionId}::text = any(${hubSessions.providerSessionIds}))`));
}
