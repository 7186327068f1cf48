import 'server-only';
import { and, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { appClock, systemClock } from '@/lib/calendar/clock';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/lib/db/client';
import { connectFlows, formDrafts, oidcModels, outbox, portalLaunches, rateLimits, verificationCodes } from '@/lib/db/schema';
import { log } from '@/lib/server/log/logger';
import { RETENTION } from './retention';

/** Rows deleted per table, and outbox rows scrubbed. */
export interface RetentionCounts {
  connectFlows: number;
  portalLaunches: number;
  formDrafts: number;
  oidcModels: number;
  verificationCodes: number;
  rateLimits: number;
  outboxScrubbed: number;
}

// Small enough that no statement holds its row locks for long; a run stops after MAX_BATCHES per
// table so that a backlog (the first run on an old database) is worked off over several runs.
const BATCH_ROWS = 1_000;
const MAX_BATCHES = 100;

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
const before = (now: Date, ms: number) => at(new Date(now.getTime() - ms));

/**
 * Deletes the rows whose life is over and scrubs old mail (RETENTION says how long each is kept),
 * in statements of at most BATCH_ROWS rows. Rows are picked FOR UPDATE SKIP LOCKED, so any number
 * of instances may run this at once: each row is handled by one of them, and a row another
 * already deleted is simply not there. Logs the counts (never ids) when anything went.
 *
 * The provider's rows expire by the system clock (oidc-adapter.ts), which an end-to-end run's
 * moved app clock does not move: they are judged at `now` less the app clock's offset, so a token
 * the provider still accepts is never deleted.
 */
export async function purgeExpiredData(now: Date = appClock().now()): Promise<RetentionCounts> {
  const db = await getDb();
  const providerNow = new Date(now.getTime() - (appClock().now().getTime() - systemClock.now().getTime()));
  const counts: RetentionCounts = {
    connectFlows: await inBatches(() => deleteBatch(db, connectFlows, [connectFlows.id], lte(connectFlows.expiresAt, before(now, RETENTION.connectFlowsAfterExpiry)))),
    portalLaunches: await inBatches(() => deleteBatch(db, portalLaunches, [portalLaunches.id], lte(portalLaunches.expiresAt, before(now, RETENTION.portalLaunchesAfterExpiry)))),
    formDrafts: await inBatches(() => deleteBatch(db, formDrafts, [formDrafts.id], lte(formDrafts.expiresAt, before(now, RETENTION.formDraftsAfterExpiry)))),
    // Rows with no expiry (expires_at null) never match: they end by revocation or sign-out.
    oidcModels: await inBatches(() => deleteBatch(db, oidcModels, [oidcModels.model, oidcModels.id], lte(oidcModels.expiresAt, before(providerNow, RETENTION.oidcModelsAfterExpiry)))),
    verificationCodes: await inBatches(() =>
      deleteBatch(db, verificationCodes, [verificationCodes.id], lte(verificationCodes.expiresAt, before(now, RETENTION.verificationCodesAfterExpiry))),
    ),
    rateLimits: await inBatches(() => deleteBatch(db, rateLimits, [rateLimits.key], rateLimitsOver(now))),
    outboxScrubbed: await inBatches(() => scrubOldMail(db, before(now, RETENTION.mailScrubAfterSentOrExpired))),
  };
  if (Object.values(counts).some((count) => count > 0)) log.info('retention.purged', { counts });
  return counts;
}

async function inBatches(runBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const rows = await runBatch();
    total += rows;
    if (rows < BATCH_ROWS) break;
  }
  return total;
}

/**
 * One batch: deletes up to BATCH_ROWS rows of `table` matching `condition`, picked by primary key
 * (`key`, one column or several) with FOR UPDATE SKIP LOCKED. Returns how many went.
 */
async function deleteBatch(db: Db, table: PgTable, key: AnyPgColumn[], condition: SQL | undefined): Promise<number> {
  const columns = Object.fromEntries(key.map((column, i) => [`k${i}`, column]));
  const batch = db.select(columns).from(table).where(condition).limit(BATCH_ROWS).for('update', { skipLocked: true });
  const gone = await db
    .delete(table)
    .where(sql`(${sql.join(key, sql`, `)}) in ${batch}`)
    .returning({ one: sql<number>`1` });
  return gone.length;
}

/**
 * A counter every rule would start afresh (consume-rate-limit.ts): its window began longer ago
 * than any window lasts, or further ahead than any window (the clock was set back). Deleting it
 * changes no outcome: the next use inserts a fresh counter, as the update would have reset it.
 */
function rateLimitsOver(now: Date): SQL | undefined {
  return or(
    lte(rateLimits.windowStart, before(now, RETENTION.rateLimitsAfterWindowStart)),
    sql`${rateLimits.windowStart} > ${at(new Date(now.getTime() + RETENTION.rateLimitsAfterWindowStart))}`,
  );
}

/**
 * Old mail keeps its dedupe key, template, locale and times, and loses whom it went to and what it
 * said. deliver-due-mail.ts never claims a scrubbed row: it was sent (sent_at is set) or can no
 * longer be sent (expires_at has passed). An unsent row that never expires is still owed to
 * someone and is kept whole. A scrubbed row's address is '', which no mail server accepts; the
 * literal (not a parameter) lets the planner use the partial index outbox_unscrubbed_idx, whose
 * expression and condition these repeat.
 */
async function scrubOldMail(db: Db, cutoff: SQL): Promise<number> {
  const unscrubbed = sql`${outbox.toAddress} <> ''`;
  const sentOrExpired = sql`coalesce(${outbox.sentAt}, ${outbox.expiresAt})`;
  const batch = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(unscrubbed, sql`${sentOrExpired} <= ${cutoff}`))
    .limit(BATCH_ROWS)
    .for('update', { skipLocked: true });
  const scrubbed = await db
    .update(outbox)
    .set({ toAddress: '', params: sql`'{}'::jsonb`, sealedParams: null, lastError: null })
    .where(inArray(outbox.id, batch))
    .returning({ id: outbox.id });
  return scrubbed.length;
}
