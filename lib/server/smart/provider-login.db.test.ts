import { and, eq, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { oidcModels } from '@/lib/db/schema';
import { purgeEndedSessions } from '@/lib/server/auth/end-hub-sessions';
import { moveAppClock, resetAppClock } from '@/lib/server/identity/testing/move-app-clock';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { CookieJar, startTestHub, type TestHub } from '@/lib/testing/test-hub';

// Finding 1 of issue 10: the provider's own login must never outlive the hub session. A code is
// issued only to a browser whose person is verified in a live hub session right now.

const REDIRECT_URI = 'http://127.0.0.1:8765/callback';
const MARIA = '100000000001';
const KEVIN = '100000000004';
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());
afterEach(() => resetAppClock());

/** An authorization request as the sample app sends it, without offline_access (no forced consent prompt). */
async function authorize(browser: CookieJar, extra: Record<string, string> = {}) {
  const url = new URL(`${hub.issuer}/auth`);
  Object.entries({
    client_id: 'blue-button-explorer',
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid fhirUser patient/*.rs',
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    state: 'abc',
    aud: hub.fhirBase,
    ...extra,
  }).forEach(([k, v]) => url.searchParams.set(k, v));
  const response = await browser.get(url.href);
  return { status: response.status, location: response.headers.get('location') ?? '', response };
}

/** Maria verifies in the hub, approves the app, and the browser comes back with a code. */
async function connectMaria(browser: CookieJar) {
  await hub.signIn(browser, MARIA);
  const first = await authorize(browser);
  expect(first.location).toMatch(/^\/consent\/[\w-]+$/);
  const { returnTo } = await hub.approve({ uid: first.location.split('/').pop()!, memberId: MARIA });
  const resumed = await browser.get(new URL(returnTo!, hub.url).href);
  expect(resumed.headers.get('location')).toMatch(/[?&]code=/);
  return resumed;
}

const codeIn = (location: string) => new URL(location, hub.url).searchParams.get('code');
const errorIn = (location: string) => new URL(location, hub.url).searchParams.get('error');

/** Whether the server still holds the provider session this browser's cookie names, logged in as the member. */
async function providerSessionHolds(browser: CookieJar, memberId: string) {
  const id = browser.value('_session') ?? '';
  const found = await hub.db.$count(oidcModels, and(eq(oidcModels.model, 'Session'), eq(oidcModels.id, id), sql`${oidcModels.payload}->>'accountId' = ${`Patient/${patientIdFor(memberId)}`}`));
  return found > 0;
}

describe('the provider login', () => {
  it('is transient: the provider session cookie ends with the browser session', async () => {
    const browser = new CookieJar();
    const resumed = await connectMaria(browser);
    const sessionCookie = resumed.headers.getSetCookie().find((c) => c.startsWith('_session='));
    expect(sessionCookie).toBeTruthy();
    expect(sessionCookie).not.toMatch(/expires=/i);
  });

  it('gives a silent code (prompt=none) inside the live hub session of the same person', async () => {
    const browser = new CookieJar();
    await connectMaria(browser);
    const silent = await authorize(browser, { prompt: 'none' });
    expect(codeIn(silent.location)).toBeTruthy();
  });

  it('ends with sign-out: the same browser then gets no code, silent or not, and the provider session is gone', async () => {
    const browser = new CookieJar();
    await connectMaria(browser);
    expect(await providerSessionHolds(browser, MARIA)).toBe(true);
    await hub.signOut(browser);
    expect(await providerSessionHolds(browser, MARIA)).toBe(false);

    const plain = await authorize(browser);
    expect(codeIn(plain.location)).toBeNull();
    expect(plain.location).toMatch(/^\/consent\/[\w-]+$/);
    const silent = await authorize(browser, { prompt: 'none' });
    expect(codeIn(silent.location)).toBeNull();
    expect(errorIn(silent.location)).toBe('login_required');
  });

  it('never serves the previous member to the next person signed in on the same computer', async () => {
    const browser = new CookieJar();
    await connectMaria(browser);
    await hub.signOut(browser);
    await hub.signIn(browser, KEVIN);
    const silent = await authorize(browser, { prompt: 'none' });
    expect(codeIn(silent.location)).toBeNull();
    expect(errorIn(silent.location)).toBe('login_required');
    // Kevin goes through the consent pages and gets his own code, without a "log out Maria?" detour.
    const plain = await authorize(browser);
    expect(plain.location).toMatch(/^\/consent\/[\w-]+$/);
    const { returnTo } = await hub.approve({ uid: plain.location.split('/').pop()!, memberId: KEVIN });
    const resumed = await browser.get(new URL(returnTo!, hub.url).href);
    expect(codeIn(resumed.headers.get('location') ?? '')).toBeTruthy();
  });

  it('ends when the hub session ends by itself (15 idle minutes)', async () => {
    const browser = new CookieJar();
    await connectMaria(browser);
    moveAppClock(15 * 60 + 1);
    const silent = await authorize(browser, { prompt: 'none' });
    expect(codeIn(silent.location)).toBeNull();
    expect(errorIn(silent.location)).toBe('login_required');
  });

  it('is deleted on the server with the hub session once that has timed out, even if the browser never comes back', async () => {
    const browser = new CookieJar();
    await connectMaria(browser);
    moveAppClock(15 * 60 + 1);
    expect(await purgeEndedSessions()).toBeGreaterThan(0);
    expect(await providerSessionHolds(browser, MARIA)).toBe(false);
  });

  // A second authorization in the same browser starts under the provider session of the first
  // (the interaction records it). A member who proves who they are again on the identity step (a
  // new email code, not "Continue") replaces the hub session, which ends that provider session;
  // the provider then refused the resume ("interaction session and authentication session
  // mismatch") after the member had approved and been sent a receipt.
  it('gives the code when the member proves who they are again in the middle of a second authorization', async () => {
    const browser = new CookieJar();
    await connectMaria(browser);
    const second = await authorize(browser, { prompt: 'consent' });
    expect(second.location).toMatch(/^\/consent\/[\w-]+$/);
    await hub.signOut(browser); // what a new verification does to the hub session before it starts one
    await hub.signIn(browser, MARIA);
    const { returnTo } = await hub.approve({ uid: second.location.split('/').pop()!, memberId: MARIA });
    const resumed = await browser.get(new URL(returnTo!, hub.url).href);
    expect(resumed.status).toBe(303);
    expect(codeIn(resumed.headers.get('location') ?? '')).toBeTruthy();
    expect(await providerSessionHolds(browser, MARIA)).toBe(true);
  });

  it('gives the code to the person verified now when someone else takes over the browser in the middle of an authorization', async () => {
    const browser = new CookieJar();
    await connectMaria(browser);
    const second = await authorize(browser, { prompt: 'consent' });
    await hub.signOut(browser);
    await hub.signIn(browser, KEVIN);
    const { returnTo } = await hub.approve({ uid: second.location.split('/').pop()!, memberId: KEVIN });
    const resumed = await browser.get(new URL(returnTo!, hub.url).href);
    expect(codeIn(resumed.headers.get('location') ?? '')).toBeTruthy();
    expect(await providerSessionHolds(browser, KEVIN)).toBe(true);
    expect(await providerSessionHolds(browser, MARIA)).toBe(false);
  });

  it('issues no code at the end of an authorization unless the approving person is signed in in that browser', async () => {
    const browser = new CookieJar();
    const first = await authorize(browser);
    expect(first.location).toMatch(/^\/consent\/[\w-]+$/);
    const { returnTo } = await hub.approve({ uid: first.location.split('/').pop()!, memberId: MARIA });
    const resumed = await browser.get(new URL(returnTo!, hub.url).href);
    expect(codeIn(resumed.headers.get('location') ?? '')).toBeNull();
  });
});
