import 'server-only';
import { and, asc, eq, gt, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { PAYER_TIME_ZONE, addDays, appClock, calendarDateIn, endOfDayInstant, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps, authorities, consentGrants, members } from '@/lib/db/schema';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { authorityActiveOn } from '@/lib/server/eligibility';
import { loadGrantParties } from '@/lib/server/representatives/grant-parties';
import { enqueueAuthorityEndedNotices } from '@/lib/server/representatives/representative-notices';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueGrantNotice, type GrantNotice } from './enqueue-grant-notice';

const DAY_MS = 24 * 60 * 60 * 1000;
/** "Your connection ends soon" goes out from this many days before its last day (payer time). */
export const ENDING_SOON_NOTICE_DAYS = 14;
// A grant that ended longer ago than this (a server that was off for weeks) gets no late notice.
const ENDED_NOTICE_WINDOW_MS = 7 * DAY_MS;
const BATCH = 50;

// The payer's calendar day of an instant, in SQL.
const payerDay = (instant: SQL) => sql`((${instant}) at time zone ${sql.raw(`'${PAYER_TIME_ZONE}'`)})::date`;

/**
 * Finds the notices due at `now` and enqueues them: from 14 days before a connection's last day
 * (calendar days, payer time, whatever ends it: its duration, the member's access, an authority),
 * and once it has ended on its end date. Each grant's notice is claimed by one conditional UPDATE
 * of its `*_notice_sent_at` in the same transaction as the outbox row (whose dedupe key also
 * holds), so two instances running at once never send one twice. A connection whose reminder day
 * would fall on or before the day it was approved (14 days or shorter) gets no "ends soon" notice,
 * a one-time connection no "ended" one (the receipt said both).
 */
export async function runDueNotices(now: Date = appClock().now()): Promise<{ endingSoon: number; ended: number; authorityEnded: number }> {
  const db = await getDb();
  // First the connections a representative's authority no longer covers: their own notice, not the generic one.
  const authorityEnded = await runAuthorityEndNotices(now);
  // A grant's end is the midnight after its last day: the last day is at most `today + 14` exactly
  // when the end is at most the midnight after that day.
  const remindUpTo = endOfDayInstant(addDays(calendarDateIn(now), ENDING_SOON_NOTICE_DAYS));
  const lastDay = payerDay(sql`${consentGrants.expiresAt} - interval '1 millisecond'`);
  const endingSoon = await db
    .select({ id: consentGrants.id })
    .from(consentGrants)
    .innerJoin(apps, eq(apps.id, consentGrants.appId))
    .where(
      and(
        isNull(consentGrants.revokedAt),
        isNull(consentGrants.expiryNoticeSentAt),
        gt(consentGrants.expiresAt, now),
        lte(consentGrants.expiresAt, remindUpTo),
        sql`${payerDay(sql`${consentGrants.createdAt}`)} + ${ENDING_SOON_NOTICE_DAYS}::int < ${lastDay}`,
        eq(apps.status, 'approved'),
      ),
    )
    .orderBy(asc(consentGrants.expiresAt))
    .limit(BATCH);
  const ended = await db
    .select({ id: consentGrants.id })
    .from(consentGrants)
    .where(
      and(
        isNull(consentGrants.revokedAt),
        isNull(consentGrants.endNoticeSentAt),
        lte(consentGrants.expiresAt, now),
        gt(consentGrants.expiresAt, new Date(now.getTime() - ENDED_NOTICE_WINDOW_MS)),
        ne(consentGrants.duration, 'once'),
      ),
    )
    .orderBy(asc(consentGrants.expiresAt))
    .limit(BATCH);

  let sentSoon = 0;
  let sentEnded = 0;
  for (const { id } of endingSoon) if (await claimAndEnqueue(id, 'connection-ending-soon', now)) sentSoon += 1;
  for (const { id } of ended) if (await claimAndEnqueue(id, 'connection-ended', now)) sentEnded += 1;
  return { endingSoon: sentSoon, ended: sentEnded, authorityEnded };
}

/**
 * A representative's connection whose authority has ended today or before (a child's 18th
 * birthday, or an end date on file, even one recorded after the approval): it stops at once (its
 * tokens too) with the reason kept, and the representative and an adult member each get the
 * notice that says why. The grant's `end_notice_sent_at` is the claim, as for "ended" notices.
 */
export async function runAuthorityEndNotices(now: Date = appClock().now()): Promise<number> {
  const db = await getDb();
  const today = calendarDateIn(now);
  const candidates = await db
    .select({ id: consentGrants.id })
    .from(consentGrants)
    .innerJoin(authorities, eq(authorities.id, consentGrants.authorityId))
    .innerJoin(members, eq(members.memberId, consentGrants.memberId))
    .where(
      and(
        eq(consentGrants.approvedByKind, 'representative'),
        isNull(consentGrants.revokedAt),
        isNull(consentGrants.endNoticeSentAt),
        ne(consentGrants.duration, 'once'),
        gt(consentGrants.expiresAt, new Date(now.getTime() - ENDED_NOTICE_WINDOW_MS)),
        isNull(members.deceasedDate),
        or(
          sql`${authorities.end} < ${today}::date`,
          sql`${authorities.type} = 'parent' and (${members.birthDate} + interval '18 years')::date <= ${today}::date`,
        ),
      ),
    )
    .orderBy(asc(consentGrants.expiresAt))
    .limit(BATCH);
  let sent = 0;
  for (const { id } of candidates) {
    const ids = await db.transaction(async (tx) => {
      const parties = await loadGrantParties(tx, id);
      if (!parties?.authority) return null;
      const status = authorityActiveOn(parties.authority, parties.member, today as CalendarDate);
      if (status.active || (status.reason !== 'ended' && status.reason !== 'child-turned-18')) return null;
      const [claimed] = await tx
        .update(consentGrants)
        .set({ endNoticeSentAt: now })
        .where(and(eq(consentGrants.id, id), isNull(consentGrants.endNoticeSentAt), isNull(consentGrants.revokedAt)))
        .returning({ expiresAt: consentGrants.expiresAt });
      if (!claimed) return null;
      const reason = `authority-ended:${status.reason}`;
      if (claimed.expiresAt > now) {
        await revokeConsentGrant({ grantId: id, by: { kind: 'system', id: null }, reason, details: { since: status.since } }, tx);
      } else {
        // It ran out on the authority's last day: keep why, for the account pages.
        await tx.update(consentGrants).set({ revokedReason: reason }).where(eq(consentGrants.id, id));
      }
      return enqueueAuthorityEndedNotices(tx, parties, { reason: status.reason, since: status.since, lastDay: status.lastDay });
    });
    if (ids) {
      sent += 1;
      for (const outboxId of ids) deliverMailSoon(outboxId);
    }
  }
  return sent;
}

async function claimAndEnqueue(grantId: string, notice: GrantNotice, now: Date): Promise<boolean> {
  const db = await getDb();
  const column = notice === 'connection-ending-soon' ? consentGrants.expiryNoticeSentAt : consentGrants.endNoticeSentAt;
  const outboxId = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(consentGrants)
      .set(notice === 'connection-ending-soon' ? { expiryNoticeSentAt: now } : { endNoticeSentAt: now })
      .where(and(eq(consentGrants.id, grantId), isNull(column), isNull(consentGrants.revokedAt)))
      .returning({ id: consentGrants.id });
    if (!claimed) return undefined;
    return enqueueGrantNotice(tx, grantId, notice);
  });
  if (outboxId) deliverMailSoon(outboxId);
  return outboxId !== undefined;
}
