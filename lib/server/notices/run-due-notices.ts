import 'server-only';
import { and, asc, eq, gt, isNull, lte, ne, sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps, consentGrants } from '@/lib/db/schema';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueGrantNotice, type GrantNotice } from './enqueue-grant-notice';

const DAY_MS = 24 * 60 * 60 * 1000;
/** "Your connection ends soon" goes out this long before the end. */
export const ENDING_SOON_NOTICE_MS = 14 * DAY_MS;
// A grant that ended longer ago than this (a server that was off for weeks) gets no late notice.
const ENDED_NOTICE_WINDOW_MS = 7 * DAY_MS;
const BATCH = 50;

/**
 * Finds the notices due at `now` and enqueues them: 14 days before a connection ends, and once it
 * has ended on its end date. Each grant's notice is claimed by one conditional UPDATE of its
 * `*_notice_sent_at` in the same transaction as the outbox row (whose dedupe key also holds), so two
 * instances running at once never send one twice. Connections shorter than 14 days get no
 * "ends soon" notice, one-time connections no "ended" one (the receipt said both).
 */
export async function runDueNotices(now: Date = appClock().now()): Promise<{ endingSoon: number; ended: number }> {
  const db = await getDb();
  const endingSoon = await db
    .select({ id: consentGrants.id })
    .from(consentGrants)
    .innerJoin(apps, eq(apps.id, consentGrants.appId))
    .where(
      and(
        isNull(consentGrants.revokedAt),
        isNull(consentGrants.expiryNoticeSentAt),
        gt(consentGrants.expiresAt, now),
        lte(consentGrants.expiresAt, new Date(now.getTime() + ENDING_SOON_NOTICE_MS)),
        sql`${consentGrants.expiresAt} - ${consentGrants.createdAt} > interval '14 days'`,
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
  return { endingSoon: sentSoon, ended: sentEnded };
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
