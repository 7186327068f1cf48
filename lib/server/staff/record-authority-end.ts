import 'server-only';
import { and, eq } from 'drizzle-orm';
import { appClock, isBefore, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { authorities } from '@/lib/db/schema';
import type { AuthorityEndReason } from '@/lib/schemas/staff';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';
import type { StaffActor } from './load-staff-actor';

export interface RecordAuthorityEndInput {
  repId: string;
  authorityId: number;
  /** The last day the representative may act; from the next day on every connection they made for the member ends. */
  lastDay: CalendarDate;
  reason: AuthorityEndReason;
  requestId?: string | null;
}

/**
 * Customer service records when a representative's authority ends, from the form or call that
 * ended it (a member withdrawing a designation, a designation's term, a court's or the agency's
 * decision). An end can only come sooner, never later or in the past: lengthening an authority is
 * a new designation, not an edit. What follows is the same as for an end the eligibility system
 * sent: the representative sees the end date when connecting, and on the day after it the notices
 * job ends their connections for the member and tells both why (lib/server/notices).
 */
export async function recordAuthorityEnd(actor: StaffActor, input: RecordAuthorityEndInput): Promise<void> {
  const today = todayIn(appClock());
  if (isBefore(input.lastDay, today)) throw new AppError('invalid', 'authorityEndPast', 'lastDay');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [authority] = await tx
      .select()
      .from(authorities)
      .where(and(eq(authorities.id, input.authorityId), eq(authorities.repId, input.repId)))
      .for('update')
      .limit(1);
    if (!authority) throw new AppError('not-found', 'authorityNotFound');
    if (authority.end && !isBefore(input.lastDay, authority.end as CalendarDate)) throw new AppError('invalid', 'authorityEndLater', 'lastDay');
    if (isBefore(input.lastDay, authority.start as CalendarDate)) throw new AppError('invalid', 'authorityEndBeforeStart', 'lastDay');
    await tx.update(authorities).set({ end: input.lastDay }).where(eq(authorities.id, authority.id));
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: actor.username },
      action: 'representative.authority-end-recorded',
      memberId: authority.memberId,
      details: { repId: input.repId, authorityId: authority.id, authorityType: authority.type, lastDay: input.lastDay, previousEnd: authority.end, reason: input.reason },
      requestId: input.requestId ?? null,
    });
  });
}
