import 'server-only';
import { and, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appClock } from '@/lib/calendar/clock';
import { getDb } from '@/lib/db/client';
import { outbox } from '@/lib/db/schema';
import { isLocale } from '@/lib/i18n/locales';
import { appConfig } from '@/lib/server/config/app-config';
import { log } from '@/lib/server/log/logger';
import { mailSealingKey, unsealMailParams } from './mail-params-seal';
import { mailTransport, type MailTransport } from './mail-transport';
import { isMailTemplate } from './mail-templates';
import { renderMail } from './render-mail';

type OutboxRow = typeof outbox.$inferSelect;

// Longer than the longest SMTP exchange (mail-transport.ts), so a row is never sent by two
// instances; short enough that a crashed instance's claim soon lapses.
const LEASE_MS = 2 * 60_000;
const BATCH_SIZE = 10;
const MAX_BATCHES_PER_RUN = 20;
const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 60 * 60;
// After this many failures (about an hour of tries) a message no longer holds back later ones to its address.
const MAX_ORDERED_ATTEMPTS = 8;
const olderMail = alias(outbox, 'older_mail');

export interface DeliverDueMailOptions {
  now?: Date;
  /** Only this row (deliverMailSoon). */
  onlyId?: string;
}

/**
 * Sends what is due in the outbox. Each row is first claimed with a short lease in one statement
 * (FOR UPDATE SKIP LOCKED on Postgres; PGlite runs it one statement at a time), so two instances
 * or two overlapping runs never send one message twice. A failure is retried with exponential
 * back-off (30 s, 1 min, 2 min ... capped at 1 h).
 */
export async function deliverDueMail(options: DeliverDueMailOptions = {}): Promise<{ sent: number; failed: number }> {
  const db = await getDb();
  // The time of each batch, not of the run's start: a run that drains a backlog lasts minutes,
  // and a lease counted from its start would lapse before its later batches were sent.
  const clock = () => options.now ?? appClock().now();
  await forgetExpiredSecrets(clock());
  const transport = mailTransport();
  const result = { sent: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const claimed = await claimDueRows(clock(), options.onlyId);
    if (claimed.length === 0) break;
    const key = claimed.some((row) => row.sealedParams) ? await mailSealingKey(db) : null;
    // One address's messages go out one after another, oldest first (a receipt before the notice
    // that the connection ended); different addresses in parallel.
    const byAddress = new Map<string, OutboxRow[]>();
    for (const row of claimed) byAddress.set(row.toAddress, [...(byAddress.get(row.toAddress) ?? []), row]);
    const outcomes = await Promise.all(
      [...byAddress.values()].map(async (rows) => {
        const delivered: (boolean | null)[] = [];
        for (const row of rows) {
          // One address's messages are sent one after another, so the last may wait a while: the
          // claim is renewed just before each send, and a row whose claim lapsed (another run
          // has it now) is left to that run, never sent twice.
          const held = await renewLease(row);
          delivered.push(held ? await deliverRow(held, transport, key) : null);
        }
        return delivered;
      }),
    );
    for (const delivered of outcomes.flat()) if (delivered !== null) result[delivered ? 'sent' : 'failed'] += 1;
    if (claimed.length < BATCH_SIZE || options.onlyId) break;
  }
  return result;
}

async function claimDueRows(now: Date, onlyId: string | undefined): Promise<OutboxRow[]> {
  const db = await getDb();
  const at = sql`${now.toISOString()}::timestamptz`;
  const conditions: (SQL | undefined)[] = [
    isNull(outbox.sentAt),
    lte(outbox.nextAttemptAt, now),
    or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
    or(isNull(outbox.expiresAt), gt(outbox.expiresAt, now)),
    onlyId ? eq(outbox.id, onlyId) : undefined,
    // Receipts and notices in order per address: not while an older one to the same address waits
    // out its back-off (after an outage, a receipt that failed more often must not arrive after a
    // later notice). One that keeps failing on its own holds the others back an hour at most. Code
    // emails (they expire) neither wait nor hold anything back: a member is waiting for them.
    sql`(${outbox.expiresAt} is not null or not exists (select 1 from outbox as older_mail where ${olderMail.toAddress} = ${outbox.toAddress}
      and ${olderMail.sentAt} is null and ${olderMail.expiresAt} is null
      and ${olderMail.queuedSeq} < ${outbox.queuedSeq}
      and (${olderMail.nextAttemptAt} > ${at} or ${olderMail.lockedUntil} > ${at})
      and ${olderMail.attempts} < ${MAX_ORDERED_ATTEMPTS}))`,
  ];
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(...conditions))
    .orderBy(outbox.queuedSeq)
    .limit(BATCH_SIZE)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(outbox)
    .set({ lockedUntil: new Date(now.getTime() + LEASE_MS) })
    .where(inArray(outbox.id, due))
    .returning();
  // RETURNING keeps no order: the queue's, again.
  return claimed.sort((a, b) => a.queuedSeq - b.queuedSeq);
}

/** This run's claim on a row, renewed for another lease; null when the claim lapsed and another run took the row. */
async function renewLease(row: OutboxRow): Promise<OutboxRow | null> {
  if (!row.lockedUntil) return null;
  const lockedUntil = new Date(appClock().now().getTime() + LEASE_MS);
  const [renewed] = await (await getDb())
    .update(outbox)
    .set({ lockedUntil })
    .where(and(eq(outbox.id, row.id), eq(outbox.lockedUntil, row.lockedUntil), isNull(outbox.sentAt)))
    .returning({ lockedUntil: outbox.lockedUntil });
  return renewed ? { ...row, lockedUntil: renewed.lockedUntil } : null;
}

async function deliverRow(row: OutboxRow, transport: MailTransport, key: Buffer | null): Promise<boolean> {
  const db = await getDb();
  const sentAt = appClock().now();
  try {
    if (!isMailTemplate(row.template) || !isLocale(row.locale)) throw new Error(`Unknown template or locale: ${row.template}/${row.locale}`);
    const secret = row.sealedParams && key ? unsealMailParams(key, row.sealedParams) : {};
    const rendered = renderMail(row.template, row.locale, { ...(row.params as Record<string, string>), ...secret });
    await transport.send(
      { from: { name: rendered.senderName, address: senderAddress() }, to: row.toAddress, subject: rendered.subject, text: rendered.text, html: rendered.html },
      sentAt,
    );
  } catch (error) {
    const attempts = row.attempts + 1;
    const delaySeconds = retryDelaySeconds(attempts);
    const lastError = shortError(error);
    await db
      .update(outbox)
      .set({ attempts, lastError, lockedUntil: null, nextAttemptAt: new Date(appClock().now().getTime() + delaySeconds * 1000) })
      .where(eq(outbox.id, row.id));
    log.warn('outbox.not-delivered', { outboxId: row.id, template: row.template, attempts, nextInSeconds: delaySeconds, detail: lastError });
    return false;
  }
  // Outside the try: once the server has the message, a failure here must not count as a failed
  // send and schedule it again. The secret params are of no more use: the code leaves the database.
  await db.update(outbox).set({ sentAt, lockedUntil: null, sealedParams: null, lastError: null }).where(eq(outbox.id, row.id));
  return true;
}

/** 30 s after the first failure, doubling each time, never more than an hour. */
export function retryDelaySeconds(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** (failedAttempts - 1), MAX_RETRY_SECONDS);
}

// A message that can no longer be sent need not keep its secret.
async function forgetExpiredSecrets(now: Date): Promise<void> {
  await (await getDb())
    .update(outbox)
    .set({ sealedParams: null, lastError: 'expired before delivery' })
    .where(and(isNull(outbox.sentAt), isNotNull(outbox.sealedParams), lte(outbox.expiresAt, now)));
}

/** The error's code and first line, never the message body. */
export function shortError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  const firstLine = error.message.split('\n')[0].slice(0, 160);
  return typeof code === 'string' ? `${code}: ${firstLine}` : firstLine;
}

function senderAddress(): string {
  return `no-reply@${new URL(appConfig().publicUrl).hostname}`;
}
