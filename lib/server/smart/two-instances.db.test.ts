import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inArray, like } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentGrants, outbox } from '@/lib/db/schema';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { startOutboxWorker } from '@/lib/server/mail/start-outbox-worker';
import { startTestSmtpServer } from '@/lib/server/mail/testing/test-smtp-server';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { startNoticeScheduler } from '@/lib/server/notices/start-notice-scheduler';
import { setProvider } from '@/lib/server/smart/provider-instance';
import { CookieJar, startTestHub, type TestHub } from '@/lib/testing/test-hub';

const REDIRECT_URI = 'http://127.0.0.1:8765/callback';

// Two instances of the server on one database, as behind a load balancer (or before and after a
// restart): one public URL, two processes' worth of state. An authorization begun on one finishes
// on the other, and tokens, refreshes and revocations work across both. What an instance keeps in
// memory (its FHIR read cache) is only ever used once the shared database confirms it.
let first: TestHub;
let second: TestHub;
// A load balancer in front of both: each request goes to the next instance in turn.
let balancer: http.Server;
let balancerUrl: string;
let turns = 0;

beforeAll(async () => {
  const targets: string[] = [];
  balancer = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', targets[turns++ % targets.length]);
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  balancerUrl = `http://localhost:${(balancer.address() as AddressInfo).port}`;
  first = await startTestHub({ publicUrl: balancerUrl });
  second = await startTestHub({ database: first.database, publicUrl: balancerUrl });
  targets.push(first.ownUrl, second.ownUrl);
}, 120_000);
afterAll(async () => {
  balancer?.closeAllConnections();
  await new Promise<void>((resolve) => (balancer ? balancer.close(() => resolve()) : resolve()));
  await second?.close();
  await first?.close();
});

const on = (hub: TestHub, path: string) => `${hub.ownUrl}${path}`;

async function token(hub: TestHub, body: Record<string, string>) {
  const response = await fetch(on(hub, '/oauth/token'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('two instances on one database', () => {
  it('finish what the other began, and honour each other’s tokens and revocations', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const authorize = new URL(on(first, '/oauth/auth'));
    Object.entries({
      client_id: 'blue-button-explorer',
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid fhirUser offline_access patient/*.rs',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      aud: first.fhirBase,
    }).forEach(([k, v]) => authorize.searchParams.set(k, v));
    const browser = new CookieJar();
    // The request starts on the first instance…
    const uid = (await browser.get(authorize.href)).headers.get('location')!.split('/').pop()!;
    // …the member approves through the second…
    setProvider(second.provider);
    const { returnTo } = await second.approve({ uid, memberId: '100000000001', browser });
    // …and the browser resumes on the second, which issues the code from the shared store.
    const resumePath = new URL(returnTo!, first.url);
    const resumed = await browser.get(on(second, resumePath.pathname + resumePath.search));
    expect(resumed.status).toBe(303);
    const code = new URL(resumed.headers.get('location')!).searchParams.get('code')!;
    expect(code).toBeTruthy();
    // The first instance redeems the code the second issued.
    const issued = await token(first, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: 'blue-button-explorer', code_verifier: verifier });
    expect(issued.status).toBe(200);
    expect(issued.body.patient).toBe(patientIdFor('100000000001'));
    for (const hub of [first, second]) {
      const response = await fetch(on(hub, `/fhir/Patient/${issued.body.patient}`), { headers: { authorization: `Bearer ${issued.body.access_token}` } });
      expect(response.status).toBe(200);
    }
    // The second refreshes what the first issued (shared signing keys and token store).
    const refreshed = await token(second, { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token, client_id: 'blue-button-explorer' });
    expect(refreshed.status).toBe(200);
    // The first reads with it (twice: what it may reuse is now in its own memory)…
    for (let i = 0; i < 2; i++) {
      const read = await fetch(on(first, `/fhir/Patient/${issued.body.patient}`), { headers: { authorization: `Bearer ${refreshed.body.access_token}` } });
      expect(read.status).toBe(200);
    }
    // …revoked on the second, refused by the first on the very next call.
    const revoke = await fetch(on(second, '/oauth/token/revocation'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshed.body.refresh_token, client_id: 'blue-button-explorer' }),
    });
    expect(revoke.status).toBe(200);
    const after = await fetch(on(first, `/fhir/Patient/${issued.body.patient}`), { headers: { authorization: `Bearer ${refreshed.body.access_token}` } });
    expect(after.status).toBe(401);
  });

  it('behind a round-robin balancer, a whole launch alternates between them and works', async () => {
    const before = turns;
    // Discovery, authorize, consent, resume, token and FHIR reads: every request to the next instance.
    const { tokens } = await second.launch({ memberId: '100000000010' });
    expect(tokens.patient).toBe(patientIdFor('100000000010'));
    for (let i = 0; i < 4; i++) expect(await first.fhirStatus(`Patient/${tokens.patient}`, tokens.access_token)).toBe(200);
    expect(turns - before).toBeGreaterThanOrEqual(6);
  });

  it('run the outbox and the notice jobs once between them, not once each', { timeout: 30_000 }, async () => {
    const smtp = await startTestSmtpServer();
    const previousSmtp = process.env.SMTP_URL;
    process.env.SMTP_URL = smtp.url;
    const stops: (() => void)[] = [];
    try {
      // Connections that end within two weeks: each is owed one "ends soon" notice.
      const ending = ['100000000009', '100000000011', '100000000012', '100000000013', '100000000014', '100000000016', '100000000017'];
      const grants = await Promise.all(ending.map((memberId) => first.approve({ uid: null, memberId, appId: 'open-notes' })));
      const ids = grants.map((g) => g.grant.id);
      await first.db.update(consentGrants).set({ createdAt: new Date(Date.now() - 85 * 86_400_000), expiresAt: new Date(Date.now() + 5 * 86_400_000) }).where(inArray(consentGrants.id, ids));
      // Each instance runs both jobs, as server.ts starts them, often.
      for (let instance = 0; instance < 2; instance++) stops.push(startNoticeScheduler({ intervalMs: 100 }), startOutboxWorker({ intervalMs: 100 }));
      const until = Date.now() + 15_000;
      const notices = () => first.db.select().from(outbox).where(like(outbox.dedupeKey, 'connection-ending-soon:%'));
      while (Date.now() < until && (smtp.received.length < ids.length || (await notices()).some((n) => !n.sentAt))) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500)); // more runs of every job: nothing new may go out
      const rows = (await notices()).filter((n) => ids.some((id) => n.dedupeKey.endsWith(id)));
      expect(rows).toHaveLength(ids.length);
      expect(rows.every((n) => n.sentAt)).toBe(true);
      // Other notices the scheduler owes (sharing explanations, say) go out too: each exactly once.
      // The jobs stop first; a message the SMTP server has taken is marked sent just after, so wait
      // for the marks (on a busy machine they can trail by more than the half second above). A
      // message sent twice would leave more received than marked for good.
      stops.forEach((stop) => stop());
      const sentRows = async () => (await first.db.select().from(outbox)).filter((n) => n.sentAt);
      let sent = await sentRows();
      for (const marksBy = Date.now() + 5_000; sent.length < smtp.received.length && Date.now() < marksBy; sent = await sentRows()) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(sent.length).toBeGreaterThanOrEqual(ids.length);
      expect(smtp.received).toHaveLength(sent.length);
    } finally {
      stops.forEach((stop) => stop());
      await settleMailDeliveries();
      await smtp.close();
      process.env.SMTP_URL = previousSmtp;
    }
  });
});
