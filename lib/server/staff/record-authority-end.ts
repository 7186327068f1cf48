import 'server-only';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { appClock, endOfDayInstant, isBefore, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { authorities, consentGrants, members, oidcModels } from '@/lib/db/schema';
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
 * member and tells both why (lib/server/notices). The connections made under the authority are
 * capped at its new last day at once, as an approval after it would be: the account shows that end
 * and the 14-day "ends soon" notice goes out for it.
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
    await capGrantsAtAuthorityEnd(tx, actor, { authorityId: authority.id, repId: input.repId, memberId: authority.memberId, lastDay: input.lastDay, requestId: input.requestId ?? null });
  });
}

/**
 * Every connection still running under the authority past its new last day now ends with that
 * day (the midnight after it, payer time), each with its audit row. Its mirror in the
 * authorization server (the provider's Grant, as saveProviderGrant wrote it, and the refresh
 * tokens under it) is capped alike, so no refresh outlives it either.
 */
async function capGrantsAtAuthorityEnd(
  tx: DbOrTx,
  actor: StaffActor,
  input: { authorityId: number; repId: string; memberId: string; lastDay: CalendarDate; requestId: string | null },
): Promise<void> {
  const endsAt = endOfDayInstant(input.lastDay);
  const later = await tx
    .select({ id: consentGrants.id, appId: consentGrants.appId, expiresAt: consentGrants.expiresAt })
    .from(consentGrants)
    .where(
      and(
        eq(consentGrants.authorityId, input.authorityId),
        eq(consentGrants.representativeId, input.repId),
        eq(consentGrants.memberId, input.memberId),
        isNull(consentGrants.revokedAt),
        gt(consentGrants.expiresAt, endsAt),
      ),
    )
    .for('update');
  if (later.length === 0) return;
  const ids = later.map((g) => g.id);
  await tx.update(consentGrants).set({ expiresAt: endsAt }).where(inArray(consentGrants.id, ids));
  const endsAtText = endsAt.toISOString();
  const endsAtSeconds = Math.floor(endsAt.getTime() / 1000);
  await tx
    .update(oidcModels)
    .set({
      expiresAt: sql`least(${oidcModels.expiresAt}, ${endsAtText}::timestamptz)`,
      payload: sql`case when ${oidcModels.payload} ? 'exp' then jsonb_set(${oidcModels.payload}, '{exp}', to_jsonb(least((${oidcModels.payload}->>'exp')::bigint, ${endsAtSeconds}::bigint))) else ${oidcModels.payload} end`,
    })
    .where(and(inArray(oidcModels.grantId, ids), inArray(oidcModels.model, ['Grant', 'RefreshToken'])));
  for (const grant of later) {
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: actor.username },
      action: 'consent.end-capped',
      memberId: input.memberId,
      appId: grant.appId,
      grantId: grant.id,
      details: { cause: 'authority-end-recorded', repId: input.repId, authorityId: input.authorityId, lastDay: input.lastDay, previousExpiresAt: grant.expiresAt.toISOString(), expiresAt: endsAtText },
      requestId: input.requestId,
    });
  }
}
