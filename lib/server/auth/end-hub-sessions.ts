import 'server-only';
import { and, eq, lte, or, sql, type SQL } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb } from '@/lib/db/client';
import { hubSessions, oidcModels } from '@/lib/db/schema';
import type { SessionKind } from './session-lifetimes';
import { sessionRecordId } from './session-record';

/**
 * Deletes the hub session records that match, and in the same statement every authorization
 * server session logged in under them: the provider's login never outlives the hub session.
 * Returns how many hub sessions ended.
 */
async function endSessionsWhere(condition: SQL): Promise<number> {
  const db = await getDb();
  const ended = db.$with('ended').as(db.delete(hubSessions).where(condition).returning({ ids: hubSessions.providerSessionIds }));
  // A data-modifying WITH runs whether or not the outer query reads it: one statement, both deletes.
  const gone = db
    .$with('gone')
    .as(db.delete(oidcModels).where(and(eq(oidcModels.model, 'Session'), sql`${oidcModels.id} in (select unnest(${ended.ids}) from ${ended})`)).returning({ id: oidcModels.id }));
  const [row] = await db.with(ended, gone).select({ count: sql<number>`count(*)::int` }).from(ended);
  return row?.count ?? 0;
}

/** Sign-out: the session behind this cookie id ends, wherever its cookie has been copied. */
export async function endSessionRecord(sid: string): Promise<void> {
  await endSessionsWhere(eq(hubSessions.id, sessionRecordId(sid)));
}

/** Every session of one person ends (a member found deceased, a staff account closed, "sign out everywhere"). */
export async function endAllSessionsFor(kind: SessionKind, subjectId: string): Promise<number> {
  return endSessionsWhere(and(eq(hubSessions.kind, kind), eq(hubSessions.subjectId, subjectId))!);
}

/** Sessions whose idle or absolute end has passed: gone, with their provider sessions. */
export async function purgeEndedSessions(now: Date = appClock().now()): Promise<number> {
  const instant = sql`${now.toISOString()}::timestamptz`;
  return endSessionsWhere(or(lte(hubSessions.idleExpiresAt, instant), lte(hubSessions.absoluteExpiresAt, instant))!);
}
