/**
 * Blue Button Explorer (fhirclient) against the real authorization server and FHIR API, driven
 * the way a browser drives it: every redirect followed by hand, one cookie jar per origin (the
 * hub at http://localhost:<port>, the app at http://127.0.0.1:8765). The member's consent pages
 * are stood in for by hub.approve, as in lib/server/smart/smart-launch.db.test.ts.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirResources } from '@/lib/db/schema';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { CookieJar, startTestHub, type TestHub } from '@/lib/testing/test-hub';
import { startSampleApp, type SampleApp } from './server';

/** The app's registered redirect URI is exactly http://127.0.0.1:8765/callback. */
const APP_PORT = 8765;
const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
const MARIA = '100000000001';
const DATA_WINDOW_START = '2016-01-01';

let hub: TestHub;
let app: SampleApp;

beforeAll(async () => {
  hub = await startTestHub();
  app = await startSampleApp({ port: APP_PORT, iss: hub.fhirBase });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await hub?.close();
});

/** One browser: a cookie jar for the hub's origin and one for the app's. */
function newBrowser() {
  const jars = { hub: new CookieJar(), app: new CookieJar() };
  return {
    /** The hub's cookies: where the member signs in. */
    hubJar: jars.hub,
    /** One GET without following redirects, through the jar of the URL's origin. */
    get(url: string) {
      const origin = new URL(url).origin;
      if (origin === APP_ORIGIN) return jars.app.get(url);
      if (origin === hub.url) return jars.hub.get(url);
      throw new Error(`This browser only visits the hub and the app, not ${origin}`);
    },
  };
}
type Browser = ReturnType<typeof newBrowser>;

const locationOf = (response: Response, base: string) => {
  const location = response.headers.get('location');
  expect(location, `${response.status} from ${response.url} has no Location`).toBeTruthy();
  return new URL(location!, base).href;
};

/**
 * A standalone launch started at the app, every hop checked: app /standalone → hub /oauth/auth →
 * /consent/<uid> → (the member approves) → returnTo → app /callback?code= → app /claims.
 */
async function standaloneLaunch(options: { memberId?: string; includeSensitive?: boolean } = {}) {
  const browser = newBrowser();

  const started = await browser.get(`${APP_ORIGIN}/standalone`);
  expect([302, 303]).toContain(started.status);
  const authorizeUrl = new URL(locationOf(started, APP_ORIGIN));
  expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${hub.issuer}/auth`);
  expect(authorizeUrl.searchParams.get('client_id')).toBe('blue-button-explorer');
  expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${APP_ORIGIN}/callback`);
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizeUrl.searchParams.get('aud')).toBe(hub.fhirBase);

  const toConsent = await browser.get(authorizeUrl.href);
  expect(toConsent.status).toBe(303);
  const consentUrl = new URL(locationOf(toConsent, hub.url));
  expect(consentUrl.origin).toBe(hub.url);
  expect(consentUrl.pathname).toMatch(/^\/consent\/[\w-]+$/);
  const uid = consentUrl.pathname.split('/').pop()!;

  const { grant, returnTo } = await hub.approve({ uid, memberId: options.memberId ?? MARIA, includeSensitive: options.includeSensitive ?? false, browser: browser.hubJar });
  expect(returnTo).toBeTruthy();

  const resumed = await browser.get(new URL(returnTo!, hub.url).href);
  expect(resumed.status).toBe(303);
  const callback = new URL(locationOf(resumed, hub.url));
  expect(`${callback.origin}${callback.pathname}`).toBe(`${APP_ORIGIN}/callback`);
  expect(callback.searchParams.get('code')).toBeTruthy();
  expect(callback.searchParams.get('error')).toBeNull();

  const completed = await browser.get(callback.href);
  expect(completed.status, await completed.clone().text()).toBe(303);
  expect(locationOf(completed, APP_ORIGIN)).toBe(`${APP_ORIGIN}/claims`);

  return { browser, grant };
}

/** The page's text under a data-testid (first match), tags stripped. */
function testId(page: string, id: string): string | null {
  const match = new RegExp(`<(\\w+)[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(page);
  return match ? match[2].replace(/<[^>]*>/g, '').trim() : null;
}

interface ClaimRowCells {
  date: string;
  cells: string[];
  html: string;
}

function claimRows(page: string): ClaimRowCells[] {
  return [...page.matchAll(/<tr data-testid="claim-row">([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1].trim());
    return { date: cells[0], cells, html: row[0] };
  });
}

async function claimsPage(browser: Browser) {
  const response = await browser.get(`${APP_ORIGIN}/claims`);
  expect(response.status).toBe(200);
  const page = await response.text();
  return {
    page,
    count: Number(testId(page, 'claim-count')),
    rows: claimRows(page),
    patientId: testId(page, 'patient-id'),
    scope: testId(page, 'granted-scope'),
    fhirStatus: testId(page, 'fhir-status'),
    error: testId(page, 'fhir-error'),
    allPagesRead: !page.includes('the plan has more'),
  };
}

/** Maria's claims as the payer holds them, to tell what the app should and should not show. */
async function storedClaims() {
  const rows = await hub.db
    .select({ serviceDate: fhirResources.serviceDate, sensitivity: fhirResources.sensitivity })
    .from(fhirResources)
    .where(and(eq(fhirResources.patientId, patientIdFor(MARIA)), eq(fhirResources.resourceType, 'ExplanationOfBenefit')));
  const inWindow = rows.filter((row) => row.serviceDate !== null && row.serviceDate >= DATA_WINDOW_START);
  return {
    beforeWindow: rows.filter((row) => row.serviceDate !== null && row.serviceDate < DATA_WINDOW_START),
    inWindow,
    sensitiveInWindow: inWindow.filter((row) => row.sensitivity !== 'none'),
  };
}

async function appState(browser: Browser) {
  const response = await browser.get(`${APP_ORIGIN}/api/state`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

describe('Blue Button Explorer (fhirclient) against the hub', () => {
  it("completes a standalone launch for Maria and lists her claims, none before the data window", async () => {
    const { browser } = await standaloneLaunch();

    const state = await appState(browser);
    expect(state).toMatchObject({ connected: true, serverUrl: hub.fhirBase, clientId: 'blue-button-explorer', patient: patientIdFor(MARIA) });
    expect(state.fhirUser).toBe(`Patient/${patientIdFor(MARIA)}`);
    expect(state.has_refresh_token).toBe(true);
    expect(state.scope).toContain('patient/*.rs');
    // No token ever reaches the page.
    for (const key of ['access_token', 'refresh_token', 'id_token']) expect(state).not.toHaveProperty(key);

    const claims = await claimsPage(browser);
    expect(claims.error).toBeNull();
    expect(claims.fhirStatus).toBe('200');
    expect(claims.patientId).toBe(patientIdFor(MARIA));
    expect(claims.scope).toContain('patient/*.rs');
    expect(testId(claims.page, 'patient-name')).toMatch(/Maria/);
    expect(claims.count).toBeGreaterThan(0);
    expect(claims.rows).toHaveLength(claims.count);
    expect(claims.allPagesRead).toBe(true);
    // The plan holds older claims of hers, so the date check below is not vacuous.
    expect((await storedClaims()).beforeWindow.length).toBeGreaterThan(0);
    for (const row of claims.rows) {
      expect(row.date, row.html).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.date >= DATA_WINDOW_START, row.html).toBe(true);
    }
  });

  it('shows her behavioral-health claims only when she opts in', async () => {
    const without = await claimsPage((await standaloneLaunch({ includeSensitive: false })).browser);
    const withOptIn = await claimsPage((await standaloneLaunch({ includeSensitive: true })).browser);
    for (const claims of [without, withOptIn]) {
      expect(claims.error).toBeNull();
      expect(claims.patientId).toBe(patientIdFor(MARIA));
      expect(claims.allPagesRead).toBe(true); // counts compared are whole, not capped by the app's page limit
      expect(claims.rows).toHaveLength(claims.count);
      expect(claims.rows.every((row) => row.date >= DATA_WINDOW_START)).toBe(true);
    }
    expect(without.count).toBeGreaterThan(0);
    expect(withOptIn.count).toBeGreaterThan(without.count);

    // Exactly her claims in the data window, the behavioral-health ones only with the opt-in.
    const stored = await storedClaims();
    expect(stored.sensitiveInWindow.length).toBeGreaterThan(0);
    expect(withOptIn.count).toBe(stored.inWindow.length);
    expect(without.count).toBe(stored.inWindow.length - stored.sensitiveInWindow.length);

    // The opt-in adds claims and hides none: every row shown without it is shown with it.
    const added = [...withOptIn.rows];
    for (const row of without.rows) {
      const at = added.findIndex((candidate) => candidate.html === row.html);
      expect(at, `${row.html} is missing with the opt-in`).toBeGreaterThanOrEqual(0);
      added.splice(at, 1);
    }
    expect(added.map((row) => row.date).sort()).toEqual(stored.sensitiveInWindow.map((row) => row.serviceDate).sort());
    // ICD-10 chapter F: mental and behavioural disorders.
    for (const row of added) expect(row.cells[3], row.html).toMatch(/\bF\d/);
    for (const row of without.rows) expect(row.cells[3], row.html).not.toMatch(/\bF\d/);
  });

  it('after the grant is revoked, the next /claims gets 401 and /refresh fails', async () => {
    const { browser, grant } = await standaloneLaunch();
    const before = await claimsPage(browser);
    expect(before.fhirStatus).toBe('200');
    expect(before.count).toBeGreaterThan(0);

    expect(await revokeConsentGrant({ grantId: grant.id, by: { kind: 'member', id: MARIA }, reason: 'member-stopped' })).toBe(true);

    const after = await claimsPage(browser);
    expect(after.fhirStatus).toBe('401');
    expect(after.rows).toHaveLength(0);
    expect(testId(after.page, 'claim-count')).toBeNull();
    expect(after.error).toMatch(/stopped or has expired/);
    // The page still says which connection stopped.
    expect(after.patientId).toBe(patientIdFor(MARIA));

    const refresh = await browser.get(`${APP_ORIGIN}/refresh`);
    expect(refresh.status).toBe(200);
    const refreshResult = testId(await refresh.text(), 'refresh-result');
    expect(refreshResult).toMatch(/^Failed:/);
    expect(refreshResult).toMatch(/token endpoint answered HTTP 4\d\d/);
    expect(refreshResult).toContain('invalid_grant');

    // Still refused afterwards: nothing was renewed.
    expect((await claimsPage(browser)).fhirStatus).toBe('401');
  });
});
