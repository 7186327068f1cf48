import 'server-only';
import { and, eq } from 'drizzle-orm';
import { appClock, isBefore, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { authorities, members } from '@/lib/db/schema';
import type { AuthorityEndReason } from '@/lib/schemas/staff';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorityActiveOn, type AuthorityType } from '@/lib/server/eligibility/authority-active-on';
import { AppError } from '@/lib/server/errors/app-error';
import type { StaffActor } from './load-staff-actor';

/** Why an authority no longer holds, as the key of the message that says so. */
const AUTHORITY_ENDED_KEYS = { ended: 'authorityAlreadyEnded', 'child-turned-18': 'authorityEndedAt18', 'member-deceased': 'authorityEndedByDeath' } as const;

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
 * a new designation, not an edit. "Sooner" is against the end that already applies, not only the
 * one on file: a parent's authority ends the day before the child's 18th birthday and any authority
 * ends when the member dies, so an authority no longer active has no end left to record. What
 * follows is the same as for an end the eligibility system sent: the representative sees the end
 * date when connecting, and on the day after it the notices job ends their connections for the
 * member and tells both why (lib/server/notices).
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
    const [member] = await tx.select({ birthDate: members.birthDate, deceasedDate: members.deceasedDate }).from(members).where(eq(members.memberId, authority.memberId)).limit(1);
    if (!member) throw new AppError('not-found', 'authorityNotFound');
    const start = authority.start as CalendarDate;
    // One not yet started is judged from its first day: what would end it then ends it anyway.
    const status = authorityActiveOn(
      { type: authority.type as AuthorityType, start, end: (authority.end as CalendarDate | null) ?? null },
      { birthDate: member.birthDate as CalendarDate, deceasedDate: (member.deceasedDate as CalendarDate | null) ?? null },
      isBefore(today, start) ? start : today,
    );
    if (!status.active) {
      if (status.reason === 'not-started') throw new AppError('invalid', 'authorityEndBeforeStart', 'lastDay');
      throw new AppError('invalid', AUTHORITY_ENDED_KEYS[status.reason], undefined, { lastDay: status.lastDay });
    }
    if (status.endsOn && !isBefore(input.lastDay, status.endsOn)) {
      const byAge = status.endsOn !== authority.end;
      throw new AppError('invalid', byAge ? 'authorityEndsAt18' : 'authorityEndLater', 'lastDay', { endsOn: status.endsOn });
    }
    if (isBefore(input.lastDay, start)) throw new AppError('invalid', 'authorityEndBeforeStart', 'lastDay');
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
