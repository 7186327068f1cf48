import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { auditEvents, consentGrants, oidcModels, outbox } from '@/lib/db/schema';
import en from '@/lib/i18n/messages/en/errors.json';
import es from '@/lib/i18n/messages/es/errors.json';
import { runFormAction, type Say } from '@/lib/server/actions/run-form-action';
import { isDatabaseUnavailable } from '@/lib/server/errors/database-unavailable';
import { routeRequests } from '@/lib/server/http/route-request';
import { setLogSink } from '@/lib/server/log/logger';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { startOutboxWorker } from '@/lib/server/mail/start-outbox-worker';
import { postgresBinDir, startPrivatePostgres, type PrivatePostgres } from '@/lib/testing/private-postgres';
import { setUpDataDir } from '@/lib/testing/set-up-data-dir';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// Faults: the database restarts in the middle of a run, then turns read-only. The test starts a
// Postgres of its own (never the shared server on 5432) and stops, starts and reconfigures it
// under the running hub. What the member and the app see: a form answers "try again in a
// minute" with everything typed still in place, /fhir answers 503 with Retry-After (an
// OperationOutcome); nothing is half-written; the same process serves again once the database is back.
const BIN = postgresBinDir();
if (!BIN) console.warn('SKIPPED: the Postgres outage faults need the Postgres server binaries (apt-get install postgresql); none under /usr/lib/postgresql or PG_BIN.');

const MEMBERS = ['100000000001', '100000000009', '100000000010', '100000000011', '100000000012', '100000000013', '100000000014', '100000000016', '100000000017'];
const APPS = ['blue-button-explorer', 'open-notes', 'medtrack-rx'];
let pg: PrivatePostgres;
let hub: TestHub;
let admin: ReturnType<typeof postgres>;
let stopWorker: () => void = () => {};
// Mail to the dev outbox in a folder of this file's own; registered first, so it goes after the hub.
setUpDataDir('hub-pg-outage-', { unsetSmtp: true, restoreEnv: ['TEST_DATABASE_URL'] });

beforeAll(async () => {
  if (!BIN) return;
  pg = (await startPrivatePostgres())!;
  process.env.TEST_DATABASE_URL = pg.url;
  hub = await startTestHub();
  admin = postgres(pg.url, { max: 1, onnotice: () => {} });
}, 120_000);
afterAll(async () => {
  stopWorker();
  await admin?.end({ timeout: 1 }).catch(() => {});
  await hub?.close().catch(() => {});
  await pg?.destroy();
}, 60_000);

/** The form layer's words in one language, as next-intl would give them. */
const sayIn = (messages: Record<string, string>): Say => Object.assign((key: string) => messages[key] ?? key, { has: (key: string) => key in messages });
const approvalForm = (memberId: string, requestKey: string) => {
  const form = new FormData();
  form.set('memberId', memberId);
  form.set('duration', '90d');
  form.append('categories', 'personal');
  form.append('categories', 'claims');
  form.set('requestKey', requestKey);
  return form;
};
const approvalSchema = z.object({ memberId: z.string(), duration: z.string(), categories: z.array(z.string()), requestKey: z.string() });
const submitApproval = (form: FormData, messages: Record<string, string>) =>
  runFormAction(form, approvalSchema, async (input) => void (await hub.approve({ uid: null, memberId: input.memberId, requestKey: input.requestKey })), {
    arrays: ['categories'],
    say: sayIn(messages),
  });

async function waitFor<T>(what: string, attempt: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const value = await attempt().catch((error: unknown) => void (last = error) as T);
    if (value !== undefined && done(value)) return value;
    if (value !== undefined) last = value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? `${last.name}: ${last.message} ${String((last as { code?: unknown }).code ?? '')}` : JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Submits again after "try again", as a member would, while the database is still coming back (bounded). */
async function asMemberWould<T>(submit: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await submit();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The rows of a raw query (postgres.js answers with an array). */
const rowsOf = (result: unknown) => [...(result as Record<string, unknown>[])];

/** Nothing half-written: every grant has its audit row, every token and code hangs off a grant. */
async function expectNothingHalfWritten() {
  const grantsWithoutAudit = await hub.db.execute(
    sql`select g.id from ${consentGrants} g where not exists (select 1 from ${auditEvents} a where a.grant_id = g.id and a.action = 'consent.granted')`,
  );
  expect(rowsOf(grantsWithoutAudit)).toEqual([]);
  const orphanTokens = await hub.db.execute(
    sql`select o.model, o.id from ${oidcModels} o where o.grant_id is not null and not exists (select 1 from ${consentGrants} g where g.id = o.grant_id)`,
  );
  expect(rowsOf(orphanTokens)).toEqual([]);
}

describe.skipIf(!BIN)('fault: Postgres restarts in the middle of a run', () => {
  it('answers "try again" during the outage, half-writes nothing, and serves again by itself', { timeout: 60_000 }, async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    stopWorker = startOutboxWorker({ intervalMs: 250 });
    const { tokens } = await hub.launch({ memberId: '100000000001' });
    expect(await hub.fhirStatus(`Patient/${tokens.patient}`, tokens.access_token)).toBe(200);

    // A burst of approvals is in flight when the database goes down (a crash: no clean shutdown).
    // Not Maria's Blue Button connection itself: approving it again replaces it, which would end the
    // token above whenever that approval commits before the crash (then FHIR rightly answers 401).
    const keys = MEMBERS.flatMap((memberId) => APPS.map((appId) => ({ memberId, appId, requestKey: `outage-${memberId}-${appId}` }))).filter(
      (k) => !(k.memberId === '100000000001' && k.appId === 'blue-button-explorer'),
    );
    const burst = Promise.allSettled(keys.map((k) => hub.approve({ uid: null, ...k })));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await pg.stop('immediate');
    const outcomes = await burst;

    // During the outage: the app gets 503 with Retry-After and an OperationOutcome, not a 500…
    const response = await fetch(`${hub.fhirBase}/Patient/${tokens.patient}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    const outcome = (await response.json()) as { resourceType: string; issue: { code: string; diagnostics: string }[] };
    expect(outcome).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'transient' }] });
    expect(outcome.issue[0].diagnostics).not.toMatch(/ECONN|postgres|at \//);
    // …a token refresh gets 503 and Retry-After too, and a browser at the authorization endpoint a "try again" page…
    const refresh = await fetch(`${hub.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: 'blue-button-explorer' }),
    });
    expect([refresh.status, refresh.headers.get('retry-after'), ((await refresh.json()) as { error: string }).error]).toEqual([503, '30', 'temporarily_unavailable']);
    const authorize = await fetch(`${hub.issuer}/auth?client_id=blue-button-explorer&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('http://127.0.0.1:8765/callback')}`, {
      headers: { accept: 'text/html', 'accept-language': 'es' },
      redirect: 'manual',
    });
    expect(authorize.status).toBe(503);
    expect(await authorize.text()).toContain('Vuelva a intentarlo en un minuto');
    // …and the member's form says "try again in a minute", in their language, with what they typed kept.
    for (const messages of [en, es] as Record<string, string>[]) {
      const state = await submitApproval(approvalForm('100000000009', 'outage-form'), messages);
      expect(state.formError).toBe(messages.unavailable);
      expect(state.values).toMatchObject({ memberId: '100000000009', duration: '90d', 'categories:personal': 'personal', 'categories:claims': 'claims' });
    }
    expect(log.mock.calls.flat().join('\n')).not.toMatch(/100000000001|Maria|Santos/);
    // …and a browser asking for a page gets a plain "try again" page (503, Retry-After) that needs
    // no script, in the member's language, with a link to try the same page again.
    const pages = http.createServer(routeRequests({ provider: hub.provider, publicUrl: hub.url, ui: (_req, res) => res.end('the page itself') }));
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    const pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    const page = (path: string, headers: Record<string, string> = {}) => fetch(`${pagesUrl}${path}`, { headers: { accept: 'text/html', ...headers } });
    try {
      const spanish = await page('/account/connections?from=outage', { 'accept-language': 'es-US,es;q=0.9' });
      const html = await spanish.text();
      expect([spanish.status, spanish.headers.get('retry-after'), spanish.headers.get('content-type')]).toEqual([503, '30', 'text/html; charset=utf-8']);
      expect(html).toContain('<html lang="es">');
      expect(html).toContain('Vuelva a intentarlo en un minuto');
      expect(html).toContain('href="/account/connections?from=outage"');
      expect(html).not.toMatch(/<script|ECONN|postgres/i);
      expect(spanish.headers.get('content-security-policy')).toContain("default-src 'none'");
      const english = await page('/apps', { 'accept-language': 'es', cookie: 'hub_locale=en' });
      expect(english.status).toBe(503);
      expect(await english.text()).toContain('Please try again in a minute.');
      // Build assets need no database and still go through.
      expect(await (await page('/_next/static/chunk.js')).text()).toBe('the page itself');

      // The database comes back; the same process serves again without a restart.
      await pg.start();
      const lines: string[] = [];
      const restoreSink = setLogSink((line) => void lines.push(line));
      try {
        await waitFor('FHIR to answer again', () => hub.fhirStatus(`Patient/${tokens.patient}`, tokens.access_token), (status) => status === 200);
      } catch (error) {
        // The hub's own (redacted) account of the last refusals: what kept the read path down.
        throw new Error(`${(error as Error).message}; last log lines: ${lines.slice(-3).join(' | ')}`);
      } finally {
        restoreSink();
      }
      await waitFor('pages to render again', async () => (await page('/apps')).status, (status) => status === 200);
      expect(await (await page('/apps')).text()).toBe('the page itself');
    } finally {
      pages.closeAllConnections();
      await new Promise<void>((resolve) => pages.close(() => resolve()));
    }
    await expectNothingHalfWritten();

    // Every approval that failed is simply submitted again (same form, same request key): one grant
    // each, each mirrored in the authorization server, even when the first try got that far.
    const failed = keys.filter((_, i) => outcomes[i].status === 'rejected');
    await Promise.all(failed.map((k) => asMemberWould(() => hub.approve({ uid: null, ...k }))));
    await Promise.all(keys.map((k) => asMemberWould(() => hub.approve({ uid: null, ...k }))));
    const grants = await hub.db.select({ id: consentGrants.id, requestKey: consentGrants.requestKey }).from(consentGrants).where(sql`${consentGrants.requestKey} like 'outage-%'`);
    expect(grants.map((g) => g.requestKey).sort()).toEqual(keys.map((k) => k.requestKey).sort());
    const mirrors = await hub.db.select({ id: oidcModels.id }).from(oidcModels).where(and(eq(oidcModels.model, 'Grant'), sql`${oidcModels.id} in ${grants.map((g) => g.id)}`));
    expect(mirrors).toHaveLength(grants.length);
    const form = await submitApproval(approvalForm('100000000009', 'outage-form'), en as Record<string, string>);
    expect(form.formError).toBeUndefined();
    await expectNothingHalfWritten();

    // The background jobs kept running through the outage and deliver again.
    const [queued] = await hub.db.transaction(async (tx) => [
      await enqueueMail(tx, { dedupeKey: 'outage-after', to: 'maria@example.org', template: 'connection-ended', locale: 'en', params: { appName: 'Open Notes Journal', accountUrl: 'http://localhost/account' } }),
    ]);
    await waitFor('the outbox worker to send again', async () => (await hub.db.select().from(outbox).where(and(eq(outbox.id, queued!), isNotNull(outbox.sentAt)))).length, (n) => n === 1);
    stopWorker();
  });
});

describe.skipIf(!BIN)('fault: the database turns read-only (or full)', () => {
  it('tells the member to try again, keeps what they typed, and loses nothing acknowledged', { timeout: 30_000 }, async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const first = await submitApproval(approvalForm('100000000017', 'readonly-before'), en as Record<string, string>);
    expect(first.formError).toBeUndefined();
    const { tokens } = await hub.launch({ memberId: '100000000013' });
    const acknowledged = await hub.db.select().from(consentGrants);

    await admin.unsafe('alter system set default_transaction_read_only = on');
    await admin.unsafe('select pg_reload_conf()');
    await waitFor('read-only to take effect', () => hub.db.execute(sql`show default_transaction_read_only`), (rows) => rowsOf(rows)[0]?.default_transaction_read_only === 'on');

    for (const messages of [en, es] as Record<string, string>[]) {
      const state = await submitApproval(approvalForm('100000000016', 'readonly-during'), messages);
      expect(state.formError).toBe(messages.unavailable);
      expect(state.values).toMatchObject({ memberId: '100000000016', duration: '90d', 'categories:claims': 'claims' });
    }
    // The app's reads still work, or wait politely: never a 500.
    expect([200, 503]).toContain(await hub.fhirStatus(`Patient/${tokens.patient}`, tokens.access_token));

    await admin.unsafe('set default_transaction_read_only = off');
    await admin.unsafe('alter system reset default_transaction_read_only');
    await admin.unsafe('select pg_reload_conf()');
    await waitFor('writes to work again', () => hub.db.execute(sql`show default_transaction_read_only`), (rows) => rowsOf(rows)[0]?.default_transaction_read_only === 'off');

    // Nothing acknowledged was lost; the refused approval, sent again, makes exactly one grant.
    const after = await hub.db.select().from(consentGrants);
    expect(after.map((g) => g.id)).toEqual(expect.arrayContaining(acknowledged.map((g) => g.id)));
    const retried = await submitApproval(approvalForm('100000000016', 'readonly-during'), en as Record<string, string>);
    expect(retried.formError).toBeUndefined();
    expect(await hub.db.select().from(consentGrants).where(eq(consentGrants.requestKey, 'readonly-during'))).toHaveLength(1);
    await expectNothingHalfWritten();
  });
});
