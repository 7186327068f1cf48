import { count, eq, sql } from 'drizzle-orm';
import { getTableConfig, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accessLog,
  auditEvents,
  connectFlows,
  consentGrants,
  formDrafts,
  oidcModels,
  outbox,
  portalLaunches,
  rateLimits,
  verificationCodes,
} from '@/lib/db/schema';
import { setLogSink } from '@/lib/server/log/logger';
import { deliverDueMail } from '@/lib/server/mail/deliver-due-mail';
import { moveAppClock, resetAppClock } from '@/lib/server/identity/testing/move-app-clock';
import { enqueueMail, type MailToEnqueue } from '@/lib/server/mail/enqueue-mail';
import { readDevOutbox } from '@/lib/server/mail/read-dev-outbox';
import { DrizzleOidcAdapter } from '@/lib/server/smart/oidc-adapter';
import { rowsOf } from '@/lib/testing/test-database';
import { setUpDataDir } from '@/lib/testing/set-up-data-dir';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { purgeExpiredData } from './purge-expired-data';

// The purge's instant is the real one: the provider's rows are judged on the system clock
// (oidc-adapter.ts), and the adapter is asked below whether what survived still works.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ahead = (ms: number) => new Date(NOW.getTime() + ms);

const GRANT_ID = 'retention-grant';
// Mail goes to the dev outbox in a folder of this file's own, where the test reads what was sent.
setUpDataDir('hub-retention-', { unsetSmtp: true });
const database = setUpTestDatabase();

beforeAll(async () => {
  await database.db.insert(consentGrants).values({
    id: GRANT_ID,
    memberId: '100000000001',
    appId: 'carecompass',
    approvedByKind: 'member',
    scopes: 'patient/*.rs',
    categories: ['personal'],
    dataWindowStart: '2016-01-01',
    duration: '1y',
    expiresAt: ahead(300 * DAY),
  });
});

afterEach(() => resetAppClock());

const connectFlow = (id: string, expiresAt: Date) => ({
  id,
  appId: 'carecompass',
  entry: 'gallery' as const,
  step: 'identity',
  state: { memberId: '100000000001', grantId: GRANT_ID },
  browserKey: 'browser-1',
  expiresAt,
});
const portalLaunch = (id: string, expiresAt: Date) => ({ id, grantId: GRANT_ID, browserKey: 'browser-1', expiresAt });
const formDraft = (id: string, expiresAt: Date) => ({ id, browserKey: 'browser-1', viewer: 'member:100000000001', path: '/account', values: { phone: '555' }, expiresAt });
const code = (id: string, expiresAt: Date) => ({ id, subjectKind: 'member' as const, subjectId: '100000000001', purpose: 'sign-in', codeHash: 'hash', createdAt: new Date(expiresAt.getTime() - 10 * MINUTE), expiresAt });
const providerRow = (model: string, id: string, expiresAt: Date | null, consumedAt: Date | null = null) => ({
  model,
  id,
  payload: { jti: id, kind: model, grantId: 'oidc-grant', ...(expiresAt ? { exp: Math.floor(expiresAt.getTime() / 1000) } : {}) },
  grantId: model === 'Session' || model === 'Interaction' ? null : 'oidc-grant',
  expiresAt,
  consumedAt,
});

let serial = 0;
function mail(overrides: Partial<MailToEnqueue> = {}): MailToEnqueue {
  serial += 1;
  return {
    dedupeKey: `connection-ended:retention-${serial}`,
    to: 'maria.santos@members.example',
    template: 'connection-ended',
    locale: 'en',
    params: { appName: 'CareCompass', accountUrl: 'http://localhost:3000/account' },
    ...overrides,
  };
}

/** Queues a message through the real path, then sets its times as if it had lived them. */
async function queuedMail(times: { sentAt?: Date; expiresAt?: Date; createdAt?: Date }, overrides: Partial<MailToEnqueue> = {}) {
  const message = mail(overrides);
  const id = await enqueueMail(database.db, { ...message, expiresAt: times.expiresAt });
  await database.db
    .update(outbox)
    .set({ sentAt: times.sentAt ?? null, createdAt: times.createdAt ?? ago(40 * DAY), nextAttemptAt: times.createdAt ?? ago(40 * DAY), lastError: times.sentAt ? null : 'mail server down' })
    .where(eq(outbox.id, id!));
  return { id: id!, dedupeKey: message.dedupeKey };
}

const ids = async (table: PgTable & { id: AnyPgColumn }) => (await database.db.select({ id: table.id }).from(table)).map((r) => String(r.id)).sort();
const providerIds = async () => (await database.db.select({ model: oidcModels.model, id: oidcModels.id }).from(oidcModels)).map((r) => `${r.model}:${r.id}`).sort();
const keys = async () => (await database.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key).sort();
const rowCount = async (table: PgTable) => (await database.db.select({ n: count() }).from(table))[0].n;

/** Runs `fn` with the log caught (one sink for the whole run: it is the process's). */
async function withCaughtLog<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const restoreSink = setLogSink((line) => void lines.push(line));
  try {
    return { result: await fn(), lines };
  } finally {
    restoreSink();
  }
}

/** The purge at `now`: its counts and the log lines it wrote. */
async function purge(now: Date) {
  const { result: counts, lines } = await withCaughtLog(() => purgeExpiredData(now));
  return { counts, lines };
}

describe('purgeExpiredData', () => {
  it('deletes exactly the rows whose time is over, scrubs old mail, keeps everything else, and logs only counts', async () => {
    await database.db.insert(connectFlows).values([connectFlow('flow-expired', ago(HOUR)), connectFlow('flow-just-expired', ago(MINUTE)), connectFlow('flow-live', ahead(HOUR))]);
    await database.db.insert(portalLaunches).values([portalLaunch('launch-expired', ago(HOUR)), portalLaunch('launch-live', ahead(5 * MINUTE))]);
    await database.db.insert(formDrafts).values([formDraft('draft-expired', ago(HOUR)), formDraft('draft-live', ahead(30 * MINUTE))]);
    await database.db.insert(verificationCodes).values([code('code-old', ago(31 * DAY)), code('code-recent', ago(29 * DAY)), code('code-live', ahead(5 * MINUTE))]);
    await database.db.insert(rateLimits).values([
      { key: 'rl-old', windowStart: ago(25 * HOUR), count: 3 },
      // A staff lockout in force, and an hour-long code counter begun within the day: kept.
      { key: 'rl-lockout', windowStart: ago(10 * MINUTE), count: 5 },
      { key: 'rl-within-day', windowStart: ago(23 * HOUR), count: 10 },
      // Begun two days ahead (the clock was set back): every rule starts it afresh.
      { key: 'rl-future', windowStart: ahead(2 * DAY), count: 1 },
    ]);
    await database.db.insert(oidcModels).values([
      providerRow('Session', 'session-live', ahead(DAY)),
      providerRow('Session', 'session-expired', ago(HOUR)),
      providerRow('Session', 'session-no-expiry', null),
      providerRow('Grant', 'oidc-grant', ahead(HOUR)),
      providerRow('Interaction', 'interaction-just-expired', ago(MINUTE)),
      providerRow('AuthorizationCode', 'code-consumed-live', ahead(30_000), ago(10_000)),
      providerRow('AuthorizationCode', 'code-consumed-expired', ago(HOUR), ago(HOUR + MINUTE)),
      providerRow('AccessToken', 'token-expired', ago(10 * MINUTE)),
      providerRow('AccessToken', 'token-live', ahead(10 * MINUTE)),
      // Rotated: kept while unexpired, so replaying it is recognized and revokes the grant.
      providerRow('RefreshToken', 'refresh-rotated', ahead(30 * DAY), ago(MINUTE)),
      providerRow('RefreshToken', 'refresh-live', ahead(30 * DAY)),
      providerRow('RefreshToken', 'refresh-expired', ago(DAY)),
    ]);
    const sentOld = await queuedMail({ sentAt: ago(31 * DAY) });
    const sentRecent = await queuedMail({ sentAt: ago(29 * DAY) });
    const codeMailNeverSent = await queuedMail({ expiresAt: ago(31 * DAY) }, { dedupeKey: 'verification-code:never-sent', template: 'verification-code', params: { code: '123456' } });
    const codeMailRecentlyExpired = await queuedMail({ expiresAt: ago(DAY) }, { dedupeKey: 'verification-code:recent', template: 'verification-code', params: { code: '654321' } });
    // Unsent for 40 days and never expiring (a mail server refusing it): still owed, kept whole.
    const owed = await queuedMail({});

    // The six-year records, one of them older than anything purged.
    await database.db.insert(accessLog).values([
      { grantId: GRANT_ID, at: ago(7 * 365 * DAY), resourceType: 'ExplanationOfBenefit', interaction: 'search', count: 3 },
      { grantId: GRANT_ID, at: ago(DAY), resourceType: 'Coverage', interaction: 'read', count: 1 },
    ]);
    await database.db.insert(auditEvents).values({ at: ago(7 * 365 * DAY), actorKind: 'system', action: 'retention.test-old', memberId: '100000000001' });
    const auditBefore = await rowCount(auditEvents);
    const accessBefore = await rowCount(accessLog);
    const outboxBefore = await rowCount(outbox);

    const { counts, lines } = await purge(NOW);

    expect(counts).toEqual({ connectFlows: 1, portalLaunches: 1, formDrafts: 1, oidcModels: 4, verificationCodes: 1, rateLimits: 2, outboxScrubbed: 2 });
    expect(await ids(connectFlows)).toEqual(['flow-just-expired', 'flow-live']);
    expect(await ids(portalLaunches)).toEqual(['launch-live']);
    expect(await ids(formDrafts)).toEqual(['draft-live']);
    expect(await ids(verificationCodes)).toEqual(['code-live', 'code-recent']);
    expect(await keys()).toEqual(['rl-lockout', 'rl-within-day']);
    expect(await providerIds()).toEqual(
      [
        'AccessToken:token-live',
        'AuthorizationCode:code-consumed-live',
        'Grant:oidc-grant',
        'Interaction:interaction-just-expired',
        'RefreshToken:refresh-live',
        'RefreshToken:refresh-rotated',
        'Session:session-live',
        'Session:session-no-expiry',
      ].sort(),
    );

    // What survived still works for the provider: the live session, the grant, both refresh
    // tokens, the rotated one still marked consumed (its replay revokes the grant).
    expect(await new DrizzleOidcAdapter('Session').find('session-live')).toMatchObject({ jti: 'session-live' });
    expect(await new DrizzleOidcAdapter('Grant').find('oidc-grant')).toMatchObject({ jti: 'oidc-grant' });
    expect(await new DrizzleOidcAdapter('RefreshToken').find('refresh-live')).toMatchObject({ jti: 'refresh-live' });
    expect(await new DrizzleOidcAdapter('RefreshToken').find('refresh-rotated')).toMatchObject({ jti: 'refresh-rotated', consumed: expect.any(Number) });
    expect(await new DrizzleOidcAdapter('AuthorizationCode').find('code-consumed-live')).toMatchObject({ consumed: expect.any(Number) });

    // Old mail: no address, no params, no secret, no error; the key, template, locale and times stay.
    const mailRows = new Map((await database.db.select().from(outbox)).map((row) => [row.id, row]));
    for (const scrubbed of [sentOld, codeMailNeverSent]) {
      expect(mailRows.get(scrubbed.id)).toMatchObject({ dedupeKey: scrubbed.dedupeKey, toAddress: '', params: {}, sealedParams: null, lastError: null, locale: 'en' });
    }
    expect(mailRows.get(sentOld.id)).toMatchObject({ template: 'connection-ended', sentAt: ago(31 * DAY) });
    expect(mailRows.get(codeMailNeverSent.id)).toMatchObject({ template: 'verification-code', sentAt: null, expiresAt: ago(31 * DAY) });
    for (const kept of [sentRecent, owed]) {
      expect(mailRows.get(kept.id)).toMatchObject({ toAddress: 'maria.santos@members.example', params: { appName: 'CareCompass' } });
    }
    expect(mailRows.get(codeMailRecentlyExpired.id)).toMatchObject({ toAddress: 'maria.santos@members.example' });
    expect(await rowCount(outbox)).toBe(outboxBefore);

    // A scrubbed row still holds its dedupe key: the same notice is not queued again.
    expect(await enqueueMail(database.db, mail({ dedupeKey: sentOld.dedupeKey }))).toBeNull();
    expect(await rowCount(outbox)).toBe(outboxBefore);

    // The six-year records are untouched.
    expect(await rowCount(auditEvents)).toBe(auditBefore);
    expect(await rowCount(accessLog)).toBe(accessBefore);
    expect(accessBefore).toBe(2);

    // One line, counts only.
    const purged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.event === 'retention.purged');
    expect(purged).toHaveLength(1);
    expect(purged[0].counts).toEqual(counts);
    expect(lines.join('\n')).not.toMatch(/flow-expired|code-old|token-expired|rl-old|maria/);
  });

  it('never lets a scrubbed message be sent: only the one still owed goes out', async () => {
    const before = new Map((await database.db.select().from(outbox)).map((row) => [row.id, row]));
    expect([...before.values()].filter((row) => row.toAddress === '')).toHaveLength(2);
    const result = await deliverDueMail({ now: NOW });
    const sent = await readDevOutbox();
    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(sent.map((m) => m.to)).toEqual(['maria.santos@members.example']);
    const after = await database.db.select().from(outbox);
    const newlySent = after.filter((row) => row.sentAt && !before.get(row.id)?.sentAt);
    expect(newlySent).toHaveLength(1);
    expect(newlySent[0].toAddress).toBe('maria.santos@members.example');
  });

  it('logs nothing when nothing was due', async () => {
    const { counts, lines } = await purge(NOW);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect(lines).toEqual([]);
  });

  it('works in batches, and two purges running at once both succeed, between them removing each row once', async () => {
    const many = 2_500;
    const flows = Array.from({ length: many }, (_, i) => connectFlow(`flow-batch-${i}`, ago(DAY)));
    for (let i = 0; i < many; i += 500) await database.db.insert(connectFlows).values(flows.slice(i, i + 500));
    await database.db.insert(rateLimits).values(Array.from({ length: 1_200 }, (_, i) => ({ key: `rl-batch-${i}`, windowStart: ago(2 * DAY), count: 1 })));
    const liveFlowsBefore = await ids(connectFlows);

    const {
      result: [first, second],
    } = await withCaughtLog(() => Promise.all([purgeExpiredData(NOW), purgeExpiredData(NOW)]));

    expect(first.connectFlows + second.connectFlows).toBe(many);
    expect(first.rateLimits + second.rateLimits).toBe(1_200);
    expect(await ids(connectFlows)).toEqual(liveFlowsBefore.filter((id) => !id.startsWith('flow-batch-')));
    expect(await ids(connectFlows)).toEqual(['flow-just-expired', 'flow-live']);
    expect(await keys()).toEqual(['rl-lockout', 'rl-within-day']);
  });

  it('removes what was kept once its own time is over', async () => {
    expect((await purge(ahead(31 * DAY))).counts).toEqual({
      connectFlows: 2,
      portalLaunches: 1,
      formDrafts: 1,
      oidcModels: 7,
      verificationCodes: 2,
      rateLimits: 2,
      // Sent 29 days before, expired a day before, and the one sent by the test above.
      outboxScrubbed: 3,
    });
    expect(await providerIds()).toEqual(['Session:session-no-expiry']);
    expect(await database.db.select({ n: count() }).from(outbox).where(sql`${outbox.toAddress} <> ''`)).toEqual([{ n: 0 }]);
    expect(await rowCount(accessLog)).toBe(2);
  });

  it('has the indexes the schema declares for the tables it reads (migration 0022)', async () => {
    const tables = [connectFlows, verificationCodes, portalLaunches, oidcModels, outbox];
    const declared = tables.flatMap((table) => getTableConfig(table).indexes.map((index) => index.config.name!)).sort();
    const present = rowsOf<{ indexname: string }>(await database.db.execute(sql`select indexname from pg_indexes where schemaname = current_schema()`)).map((r) => r.indexname);
    expect(declared).toEqual(expect.arrayContaining(['connect_flows_expires_idx', 'oidc_models_expires_idx', 'outbox_unscrubbed_idx', 'portal_launches_expires_idx', 'verification_codes_expires_idx']));
    expect(declared.filter((name) => !present.includes(name))).toEqual([]);
    const [unscrubbed] = rowsOf<{ indexdef: string }>(await database.db.execute(sql`select indexdef from pg_indexes where indexname = 'outbox_unscrubbed_idx'`));
    expect(unscrubbed.indexdef).toMatch(/COALESCE\(sent_at, expires_at\)\) WHERE \(to_address <> ''::text\)/);
  });

  it('judges the provider rows by the system clock when an end-to-end run has moved the app clock', async () => {
    await database.db.insert(connectFlows).values(connectFlow('flow-moved-clock', ahead(HOUR)));
    await database.db.insert(oidcModels).values(providerRow('AccessToken', 'token-moved-clock', new Date(Date.now() + HOUR)));
    moveAppClock(2 * 24 * 60 * 60);
    const { result: counts } = await withCaughtLog(() => purgeExpiredData());
    expect(counts).toMatchObject({ connectFlows: 1, oidcModels: 0 });
    expect(await ids(connectFlows)).not.toContain('flow-moved-clock');
    expect(await new DrizzleOidcAdapter('AccessToken').find('token-moved-clock')).toMatchObject({ jti: 'token-moved-clock' });
  });
});
