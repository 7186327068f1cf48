import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { instantPlaceholder, preparedStatements } from '@/lib/db/prepared-statements';
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

/**
 * A record that is there and whose idle and absolute ends are both still ahead at `now`, for a
 * statement written once (prepared-statements.ts); liveValues gives its placeholders' values.
 */
export const livePlaceholders = () => {
  const now = instantPlaceholder('now');
  return and(eq(hubSessions.id, sql.placeholder('id')), gt(hubSessions.idleExpiresAt, now), gt(hubSessions.absoluteExpiresAt, now))!;
};

/** The values of livePlaceholders' placeholders for a cookie's session id at `now`. */
export const liveValues = (sid: string, now: Date = appClock().now()) => ({ id: sessionRecordId(sid), now: now.toISOString() });

const liveColumns = {
  kind: hubSessions.kind,
  subjectId: hubSessions.subjectId,
  verifiedAt: hubSessions.verifiedAt,
  endsAt: sql<Date>`least(${hubSessions.idleExpiresAt}, ${hubSessions.absoluteExpiresAt})`.mapWith(hubSessions.idleExpiresAt),
};

// Read or renewed on every page a signed-in person opens (prepared-statements.ts).
const statements = preparedStatements((db) => ({
  create: db
    .insert(hubSessions)
    .values({
      id: sql.placeholder('id'),
      kind: sql.placeholder('kind'),
      subjectId: sql.placeholder('subjectId'),
      verifiedAt: instantPlaceholder('verifiedAt'),
      idleExpiresAt: instantPlaceholder('idleExpiresAt'),
      absoluteExpiresAt: instantPlaceholder('absoluteExpiresAt'),
    })
    .prepare('create_session_record'),
  findLive: db.select(liveColumns).from(hubSessions).where(livePlaceholders()).limit(1).prepare('find_live_session_record'),
  renew: db
    .update(hubSessions)
    .set({ idleExpiresAt: instantPlaceholder('idleExpiresAt') })
    .where(and(livePlaceholders(), eq(hubSessions.kind, sql.placeholder('kind'))))
    .returning(liveColumns)
    .prepare('renew_session_record'),
  linkProviderSession: db
    .update(hubSessions)
    .set({
      providerSessionIds: sql`(array_append(${hubSessions.providerSessionIds}, ${sql.placeholder('providerSessionId')}::text))[greatest(1, cardinality(${hubSessions.providerSessionIds}) - 14):]`,
    })
    .where(and(livePlaceholders(), sql`not (${sql.placeholder('providerSessionId')}::text = any(${hubSessions.providerSessionIds}))`))
    .prepare('link_provider_session'),
}));

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
  await (await statements()).create.execute({
    id: sessionRecordId(sid),
    ...sessionSubjectOf(session),
    verifiedAt: verifiedAt.toISOString(),
    idleExpiresAt: new Date(now.getTime() + lifetime.idleSeconds * 1000).toISOString(),
    absoluteExpiresAt: new Date(verifiedAt.getTime() + lifetime.absoluteSeconds * 1000).toISOString(),
  });
  return sid;
}

/** The record behind a cookie's session id, if the session is still live. */
export async function findLiveSessionRecord(sid: string): Promise<LiveSessionRecord | null> {
  const [row] = await (await statements()).findLive.execute(liveValues(sid));
  return row ?? null;
}

/** Activity: the idle time starts again (never past the absolute end). Null when the session had already ended. */
export async function renewSessionRecord(sid: string, kind: SessionKind): Promise<LiveSessionRecord | null> {
  const now = appClock().now();
  const [row] = await (await statements()).renew.execute({
    ...liveValues(sid, now),
    kind,
    idleExpiresAt: new Date(now.getTime() + SESSION_LIFETIMES[kind].idleSeconds * 1000).toISOString(),
  });
  return row ?? null;
}

/**
 * Notes that the authorization server logged this session's person in under the provider session
 * `providerSessionId`, so that ending the hub session ends that one too. The list is short: a
 * browser holds one provider session at a time, and the provider replaces it at each login.
 */
export async function linkProviderSession(sid: string, providerSessionId: string): Promise<void> {
  await (await statements()).linkProviderSession.execute({ ...liveValues(sid), providerSessionId });
}
