import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { auditEvents, cases } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { caseDueOn } from '@/lib/server/cases/case-due-on';
import { consumeRateLimit } from '@/lib/server/rate-limit/consume-rate-limit';
import { rateLimitKey } from '@/lib/server/rate-limit/rate-limit-key';
import type { StaffActor } from './load-staff-actor';
import { STAFF_LOOKUP_LIMITS } from './staff-lookup-limits';

export type StaffAccess =
  | { action: 'staff.lookup'; memberId: string | null; details: Record<string, unknown> }
  | { action: 'staff.member-viewed'; memberId: string }
  | { action: 'staff.representative-viewed'; repId: string };

export type StaffAccessOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Every look at member information by staff passes here before anything is shown: it counts
 * against the user's limit, writes the audit row, and, when the user has opened many different
 * members in a short time, opens a flag in the privacy officer's queue in the same transaction.
 */
export async function recordStaffMemberAccess(actor: StaffActor, access: StaffAccess, requestId?: string | null): Promise<StaffAccessOutcome> {
  const { limit, windowSeconds } = STAFF_LOOKUP_LIMITS.accessesPerUser;
  const outcome = await consumeRateLimit(await rateLimitKey('staff-member-access', actor.username), limit, windowSeconds);
  const db = await getDb();
  const actorRef = { kind: 'staff' as const, id: actor.username };
  if (!outcome.allowed) {
    await db.transaction(async (tx) => {
      await recordAuditEvent(tx, { actor: actorRef, action: 'staff.lookup-limited', details: { tried: access.action }, requestId });
      await flagRapidAccess(tx, actor.username, 'limit');
    });
    return { allowed: false, retryAfterSeconds: outcome.retryAfterSeconds };
  }
  await db.transaction(async (tx) => {
    if (access.action === 'staff.lookup') {
      await recordAuditEvent(tx, { actor: actorRef, action: access.action, memberId: access.memberId, details: access.details, requestId });
    } else if (access.action === 'staff.member-viewed') {
      await recordAuditEvent(tx, { actor: actorRef, action: access.action, memberId: access.memberId, requestId });
      await flagRapidAccess(tx, actor.username, 'many-members');
    } else {
      await recordAuditEvent(tx, { actor: actorRef, action: access.action, details: { repId: access.repId }, requestId });
    }
  });
  return { allowed: true };
}

/**
 * Opens a 'staff-access' case when the user viewed at least the flag's number of different
 * members inside its window (or hit the hard limit). One flag per user per hour: the dedupe key
 * makes a second one, from this instance or another, a no-op.
 */
async function flagRapidAccess(tx: DbOrTx, username: string, trigger: 'many-members' | 'limit'): Promise<void> {
  const now = appClock().now();
  const since = new Date(now.getTime() - STAFF_LOOKUP_LIMITS.flag.windowSeconds * 1000);
  const [{ members }] = await tx
    .select({ members: sql<number>`count(distinct ${auditEvents.memberId})::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorId, username), eq(auditEvents.action, 'staff.member-viewed'), gt(auditEvents.at, since)));
  if (trigger === 'many-members' && members < STAFF_LOOKUP_LIMITS.flag.distinctMembers) return;
  const hour = now.toISOString().slice(0, 13);
  const id = randomUUID();
  const minutes = STAFF_LOOKUP_LIMITS.flag.windowSeconds / 60;
  const [opened] = await tx
    .insert(cases)
    .values({
      id,
      kind: 'staff-access',
      description:
        trigger === 'limit'
          ? `${username} reached the lookup limit (${STAFF_LOOKUP_LIMITS.accessesPerUser.limit} lookups and member screens in ${STAFF_LOOKUP_LIMITS.accessesPerUser.windowSeconds / 60} minutes), after opening ${members} different members in the last ${minutes} minutes.`
          : `${username} opened ${members} different members in the last ${minutes} minutes. Check that each was a caller they were helping.`,
      status: 'open',
      reportedByKind: 'system',
      reportedById: null,
      aboutStaff: username,
      dueOn: caseDueOn('staff-access', now),
      dedupeKey: `staff-access:${username}:${hour}`,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: cases.dedupeKey })
    .returning({ id: cases.id });
  if (opened) {
    await recordAuditEvent(tx, { actor: { kind: 'system', id: null }, action: 'case.opened', details: { caseId: id, kind: 'staff-access', staff: username, members } });
  }
}
