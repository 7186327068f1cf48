import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { setProvider } from '@/lib/server/smart/provider-instance';
import { CookieJar, startTestHub, type TestHub } from '@/lib/testing/test-hub';

const REDIRECT_URI = 'http://127.0.0.1:8765/callback';

// Two instances of the server on one database, as behind a load balancer (or before and after a
// restart): one public URL, two processes' worth of state. An authorization begun on one finishes
// on the other, and tokens, refreshes and revocations work across both. What an instance keeps in
// memory (its FHIR read cache) is only ever used once the shared database confirms it.
let first: TestHub;
let second: TestHub;

beforeAll(async () => {
  first = await startTestHub();
  second = await startTestHub({ database: first.database, publicUrl: first.url });
}, 120_000);
afterAll(async () => {
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
});
