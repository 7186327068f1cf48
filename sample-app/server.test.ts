/**
 * The sample app driven in-process against a FHIR server and token endpoint
 * faked with msw. msw intercepts fhirclient's requests (node-fetch through
 * cross-fetch, i.e. node:http) and the app's discovery check (global fetch);
 * the test's own requests to the app pass through to its real listener.
 */
import { createHash } from 'node:crypto';
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSampleApp, type SampleApp } from './server';

const FHIR = 'http://fhir.test/fhir';
const AUTHORIZE = 'http://fhir.test/oauth/auth';
const TOKEN = 'http://fhir.test/oauth/token';
const GRANTED_SCOPE = 'launch/patient openid fhirUser offline_access patient/*.rs';
/** The app under test waits this long; `impatient` (for the timeout cases) only 200 ms. */
const TIMEOUT_MS = 5000;
const SHORT_TIMEOUT_MS = 200;

const smartConfiguration = {
  issuer: 'http://fhir.test/oauth',
  authorization_endpoint: AUTHORIZE,
  token_endpoint: TOKEN,
  code_challenge_methods_supported: ['S256'],
  capabilities: ['launch-standalone', 'client-public', 'permission-offline', 'permission-v2'],
};

const patient = { resourceType: 'Patient', id: 'pat-1', name: [{ use: 'official', given: ['Maria'], family: 'Santos' }] };

function claim(id: string, start: string, paid: number): Record<string, unknown> {
  return {
    resourceType: 'ExplanationOfBenefit',
    id,
    billablePeriod: { start },
    type: { coding: [{ code: 'professional', display: 'Professional' }] },
    provider: { display: 'Warren Street Clinic' },
    diagnosis: [{ sequence: 1, diagnosisCodeableConcept: { coding: [{ code: 'E11.9' }] } }],
    total: [{ category: { coding: [{ code: 'paidtoprovider' }] }, amount: { value: paid, currency: 'USD' } }],
  };
}

function searchset(resources: unknown[], next?: string): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [{ relation: 'self', url: `${FHIR}/ExplanationOfBenefit` }, ...(next ? [{ relation: 'next', url: next }] : [])],
    entry: resources.map((resource) => ({ resource })),
  };
}

const fhirJson = (body: JsonBodyType, status = 200): Response =>
  HttpResponse.json(body, { status, headers: { 'content-type': 'application/fhir+json' } });

function fakeIdToken(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

/** What the fake token endpoint saw and will answer. */
const tokenEndpoint = {
  requests: [] as URLSearchParams[],
  challenge: '' as string,
  expiresIn: 3600,
};

const handlers = [
  http.get(`${FHIR}/.well-known/smart-configuration`, () => HttpResponse.json(smartConfiguration)),
  http.post(TOKEN, async ({ request }) => {
    const body = new URLSearchParams(await request.text());
    tokenEndpoint.requests.push(body);
    if (body.get('grant_type') === 'authorization_code') {
      const verifier = body.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (body.get('code') !== 'code-1' || challenge !== tokenEndpoint.challenge || body.get('client_id') !== 'blue-button-explorer') {
        return HttpResponse.json({ error: 'invalid_grant', error_description: 'bad code or verifier' }, { status: 400 });
      }
      return HttpResponse.json({
        access_token: 'secret-access-1',
        token_type: 'Bearer',
        expires_in: tokenEndpoint.expiresIn,
        scope: GRANTED_SCOPE,
        patient: 'pat-1',
        refresh_token: 'secret-refresh-1',
        id_token: fakeIdToken({ sub: 'member-1', fhirUser: `${FHIR}/Patient/pat-1` }),
      });
    }
    if (body.get('grant_type') === 'refresh_token' && body.get('refresh_token') === 'secret-refresh-1' && body.get('client_id') === 'blue-button-explorer') {
      return HttpResponse.json({ access_token: 'secret-access-2', token_type: 'Bearer', expires_in: 3600, scope: GRANTED_SCOPE, refresh_token: 'secret-refresh-2' });
    }
    return HttpResponse.json({ error: 'invalid_grant', error_description: 'grant request is invalid' }, { status: 400 });
  }),
  http.get(`${FHIR}/Patient/pat-1`, ({ request }) =>
    request.headers.get('authorization')?.startsWith('Bearer secret-access-') ? fhirJson(patient) : fhirJson({ resourceType: 'OperationOutcome' }, 401),
  ),
  http.get(`${FHIR}/ExplanationOfBenefit`, ({ request }) => {
    const url = new URL(request.url);
    if (url.searchParams.get('patient') !== 'pat-1' || url.searchParams.get('_count') !== '50') return fhirJson({ resourceType: 'OperationOutcome' }, 400);
    if (url.searchParams.get('page') === '2') return fhirJson(searchset([claim('eob-3', '2024-01-15', 10)]));
    return fhirJson(searchset([claim('eob-1', '2025-02-01', 120.5), claim('eob-2', '2025-06-30', 80)], `${FHIR}/ExplanationOfBenefit?patient=pat-1&_count=50&page=2`));
  }),
];

const fhir = setupServer(...handlers);
let app: SampleApp;
let impatient: SampleApp;

beforeAll(async () => {
  fhir.listen({ onUnhandledRequest: 'bypass' });
  app = await startSampleApp({ port: 0, iss: FHIR, fhirTimeoutMs: TIMEOUT_MS });
  impatient = await startSampleApp({ port: 0, iss: FHIR, fhirTimeoutMs: SHORT_TIMEOUT_MS });
});
afterAll(async () => {
  await Promise.all([app.close(), impatient.close()]);
  fhir.close();
});
beforeEach(() => {
  tokenEndpoint.requests = [];
  tokenEndpoint.challenge = '';
  tokenEndpoint.expiresIn = 3600;
});
afterEach(() => fhir.resetHandlers());

function sessionCookie(response: Response): string | null {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('bbx_sid='));
  return cookie ? cookie.split(';')[0] : null;
}

async function get(path: string, cookie?: string, target: SampleApp = app): Promise<Response> {
  return fetch(`${target.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** A standalone launch through /standalone and /callback; returns the signed-in session cookie. */
async function connect(target: SampleApp = app): Promise<string> {
  const start = await get('/standalone', undefined, target);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location') ?? '');
  tokenEndpoint.challenge = authorize.searchParams.get('code_challenge') ?? '';
  const launchCookie = sessionCookie(start);
  expect(launchCookie).not.toBeNull();
  const callback = await get(`/callback?code=code-1&state=${encodeURIComponent(authorize.searchParams.get('state') ?? '')}`, launchCookie ?? '', target);
  expect(callback.status).toBe(303);
  expect(callback.headers.get('location')).toBe('/claims');
  const cookie = sessionCookie(callback);
  expect(cookie).not.toBeNull();
  expect(cookie).not.toBe(launchCookie); // the session id is renewed at sign-in
  return cookie ?? '';
}

function testId(page: string, id: string): string[] {
  return [...page.matchAll(new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`, 'g'))].map((m) => m[1]);
}

async function claimsPage(cookie: string, target: SampleApp = app): Promise<{ status: number; page: string; ms: number }> {
  const started = Date.now();
  const response = await get('/claims', cookie, target);
  return { status: response.status, page: await response.text(), ms: Date.now() - started };
}

describe('launch', () => {
  it('starts a standalone launch with PKCE S256, aud and the default scope', async () => {
    const response = await get('/standalone');
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(AUTHORIZE);
    const params = Object.fromEntries(location.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: 'blue-button-explorer',
      redirect_uri: `${app.url}/callback`,
      scope: GRANTED_SCOPE,
      aud: FHIR,
      code_challenge_method: 'S256',
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.state).toBeTruthy();
    expect(params.launch).toBeUndefined();
  });

  it('requests the scope given in ?scope= and ignores an iss in the query', async () => {
    const response = await get(`/standalone?scope=${encodeURIComponent('launch/patient patient/ExplanationOfBenefit.rs')}&iss=http://evil.test/fhir`);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe('http://fhir.test');
    expect(location.searchParams.get('scope')).toBe('launch/patient patient/ExplanationOfBenefit.rs');
    expect(location.searchParams.get('aud')).toBe(FHIR);
  });

  it('refuses a scope that is not a list of scope tokens', async () => {
    const response = await get(`/standalone?scope=${encodeURIComponent('patient/*.rs "x"')}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('passes the portal launch id on for an EHR launch from the configured iss', async () => {
    const response = await get(`/launch?iss=${encodeURIComponent(FHIR)}&launch=xyz-123`);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('launch')).toBe('xyz-123');
    expect(location.searchParams.get('scope')).toBe('launch openid fhirUser offline_access patient/*.rs');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('never redirects to another issuer', async () => {
    const response = await get(`/launch?iss=${encodeURIComponent('http://evil.test/fhir')}&launch=xyz`);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('only connects to the FHIR server at <code>http://fhir.test/fhir</code>');
    expect((await get('/launch?launch=xyz')).status).toBe(400);
    expect((await get(`/launch?iss=${encodeURIComponent(FHIR)}`)).status).toBe(400);
  });

  it('explains a SMART configuration that is missing, slow or without S256', async () => {
    fhir.use(http.get(`${FHIR}/.well-known/smart-configuration`, () => new HttpResponse('nope', { status: 404 })));
    let response = await get('/standalone');
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('SMART configuration answered HTTP 404');

    fhir.use(
      http.get(`${FHIR}/.well-known/smart-configuration`, async () => {
        await delay(2000);
        return HttpResponse.json(smartConfiguration);
      }),
    );
    response = await get('/standalone', undefined, impatient);
    expect(await response.text()).toContain('timed out');

    fhir.use(http.get(`${FHIR}/.well-known/smart-configuration`, () => HttpResponse.json({ ...smartConfiguration, code_challenge_methods_supported: ['plain'] })));
    response = await get('/standalone');
    expect(await response.text()).toContain('requires PKCE with S256');
  });

  it('exchanges the code with the PKCE verifier and client_id', async () => {
    await connect();
    const [exchange] = tokenEndpoint.requests;
    expect(exchange.get('grant_type')).toBe('authorization_code');
    expect(exchange.get('redirect_uri')).toBe(`${app.url}/callback`);
    expect(exchange.get('client_id')).toBe('blue-button-explorer');
    expect(exchange.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
  });

  it('shows the authorization server refusing the connection', async () => {
    const response = await get('/callback?error=access_denied&error_description=%3Cb%3Eno%3C%2Fb%3E&state=abc');
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<code>access_denied</code>: &#60;b&#62;no&#60;/b&#62;');
  });

  it('shows a callback without a launch in progress, and a refused code exchange', async () => {
    expect((await get('/callback?code=code-1&state=abc')).status).toBe(400);

    const start = await get('/standalone');
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    // The challenge is not recorded, so the fake token endpoint refuses the verifier.
    const response = await get(`/callback?code=code-1&state=${state}`, sessionCookie(start) ?? '');
    expect(response.status).toBe(502);
    const page = await response.text();
    expect(page).toContain('token endpoint answered HTTP 400 (Bad Request), error &#34;invalid_grant&#34;');
  });
});

describe('claims', () => {
  it('shows the patient, the claims of every page and the connection details', async () => {
    const cookie = await connect();
    const { status, page } = await claimsPage(cookie);
    expect(status).toBe(200);
    expect(testId(page, 'patient-name')).toEqual(['Maria Santos']);
    expect(testId(page, 'claim-count')).toEqual(['3']);
    expect(page.match(/data-testid="claim-row"/g)).toHaveLength(3);
    expect(page).toMatch(/<tr data-testid="claim-row"><td>2025-06-30<\/td><td>Professional<\/td><td>Warren Street Clinic<\/td><td>E11.9<\/td><td class="amount">\$80.00<\/td><\/tr>/);
    expect(testId(page, 'patient-id')).toEqual(['pat-1']);
    expect(testId(page, 'granted-scope')).toEqual([GRANTED_SCOPE]);
    expect(testId(page, 'fhir-status')).toEqual(['200']);
  });

  it('stops following next links at the page bound', async () => {
    let pages = 0;
    fhir.use(
      http.get(`${FHIR}/ExplanationOfBenefit`, () => {
        pages += 1;
        return fhirJson(searchset([claim(`eob-${pages}`, '2025-01-01', 1)], `${FHIR}/ExplanationOfBenefit?patient=pat-1&_count=50&page=${pages + 1}`));
      }),
    );
    const { page } = await claimsPage(await connect());
    expect(pages).toBe(10);
    expect(testId(page, 'claim-count')).toEqual(['10']);
    expect(page).toContain('the plan has more');
  });

  it('does not follow a next link off the FHIR server (it would carry the token)', async () => {
    let offServer = 0;
    fhir.use(
      http.get(`${FHIR}/ExplanationOfBenefit`, () => fhirJson(searchset([claim('eob-1', '2025-01-01', 1)], 'http://evil.test/fhir/ExplanationOfBenefit?page=2'))),
      http.get('http://evil.test/*', () => {
        offServer += 1;
        return fhirJson(searchset([]));
      }),
    );
    const { page } = await claimsPage(await connect());
    expect(offServer).toBe(0);
    expect(testId(page, 'claim-count')).toEqual(['1']);
  });

  it('says the request timed out when the FHIR server is slow, instead of hanging', async () => {
    const cookie = await connect(impatient);
    fhir.use(
      http.get(`${FHIR}/Patient/pat-1`, async () => {
        await delay(3000);
        return fhirJson(patient);
      }),
    );
    const { status, page, ms } = await claimsPage(cookie, impatient);
    expect(status).toBe(200);
    expect(ms).toBeLessThan(2000);
    expect(page).toContain('did not answer within 0.2 seconds: the request timed out');
    expect(testId(page, 'fhir-status')).toEqual(['timeout']);
    expect(testId(page, 'patient-id')).toEqual(['pat-1']);
  });

  it('explains a server error', async () => {
    const cookie = await connect();
    fhir.use(http.get(`${FHIR}/ExplanationOfBenefit`, () => fhirJson({ resourceType: 'OperationOutcome', issue: [] }, 500)));
    const { status, page } = await claimsPage(cookie);
    expect(status).toBe(200);
    expect(page).toContain('The plan&#39;s server had a problem');
    expect(page).toContain('FHIR server answered HTTP 500');
    expect(testId(page, 'fhir-status')).toEqual(['500']);
  });

  it('explains a malformed JSON body', async () => {
    const cookie = await connect();
    fhir.use(
      http.get(`${FHIR}/ExplanationOfBenefit`, () => new HttpResponse('{"resourceType": "Bundle", "entry": [', { headers: { 'content-type': 'application/fhir+json' } })),
    );
    const { status, page } = await claimsPage(cookie);
    expect(status).toBe(200);
    expect(page).toContain('could not read');
    expect(page).toContain('malformed answer');
    expect(testId(page, 'fhir-status')).toEqual(['malformed']);
  });

  it('explains an answer that is not the FHIR resource asked for', async () => {
    const cookie = await connect();
    fhir.use(http.get(`${FHIR}/Patient/pat-1`, () => new HttpResponse('<html>login</html>', { headers: { 'content-type': 'text/html' } })));
    const { page } = await claimsPage(cookie);
    expect(page).toContain('answered HTTP 200 with content that is not the expected FHIR JSON');
    expect(testId(page, 'fhir-status')).toEqual(['200']);
  });

  it('says access was stopped on a 401, and keeps the connection details', async () => {
    const cookie = await connect();
    fhir.use(http.get(`${FHIR}/Patient/pat-1`, () => fhirJson({ resourceType: 'OperationOutcome' }, 401)));
    const { status, page } = await claimsPage(cookie);
    expect(status).toBe(200);
    expect(page).toContain('Access was stopped or has expired');
    expect(page).toContain('HTTP 401');
    expect(testId(page, 'fhir-status')).toEqual(['401']);
    expect(testId(page, 'patient-id')).toEqual(['pat-1']);
    expect(testId(page, 'granted-scope')).toEqual([GRANTED_SCOPE]);
    const state = (await (await get('/api/state', cookie)).json()) as Record<string, unknown>;
    expect(state).toMatchObject({ connected: true, patient: 'pat-1' });
  });

  it('says access was stopped on a 403', async () => {
    const cookie = await connect();
    fhir.use(http.get(`${FHIR}/ExplanationOfBenefit`, () => fhirJson({ resourceType: 'OperationOutcome' }, 403)));
    const { page } = await claimsPage(cookie);
    expect(page).toContain('Access was stopped or has expired');
    expect(page).toContain('HTTP 403 (Forbidden)');
    expect(testId(page, 'fhir-status')).toEqual(['403']);
  });

  it('refreshes an expiring token before reading, sending client_id', async () => {
    tokenEndpoint.expiresIn = 5; // within fhirclient's 10-second margin
    const cookie = await connect();
    const seen: string[] = [];
    fhir.use(
      http.get(`${FHIR}/Patient/pat-1`, ({ request }) => {
        seen.push(request.headers.get('authorization') ?? '');
        return fhirJson(patient);
      }),
    );
    const { page } = await claimsPage(cookie);
    expect(testId(page, 'claim-count')).toEqual(['3']);
    expect(seen).toEqual(['Bearer secret-access-2']);
    const refresh = tokenEndpoint.requests.find((r) => r.get('grant_type') === 'refresh_token');
    expect(refresh?.get('client_id')).toBe('blue-button-explorer');
  });

  it('says when an expired token could not be renewed', async () => {
    tokenEndpoint.expiresIn = 5;
    const cookie = await connect();
    fhir.use(http.post(TOKEN, () => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 })));
    const { page } = await claimsPage(cookie);
    expect(page).toContain('Access has expired and could not be renewed');
    expect(page).toContain('token endpoint answered HTTP 400');
  });

  it('escapes what the server sends', async () => {
    const cookie = await connect();
    fhir.use(http.get(`${FHIR}/Patient/pat-1`, () => fhirJson({ ...patient, name: [{ text: '<script>alert(1)</script>' }] })));
    const { page } = await claimsPage(cookie);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('asks to connect when there is no connection', async () => {
    const { page } = await claimsPage('bbx_sid=unknown');
    expect(page).toContain('not connected');
    expect(page).toContain('href="/standalone"');
  });
});

describe('refresh, state and disconnect', () => {
  it('refreshes on demand', async () => {
    const cookie = await connect();
    const page = await (await get('/refresh', cookie)).text();
    expect(testId(page, 'refresh-result')[0]).toMatch(/^Success: .*valid for 3600 seconds/);
    expect(tokenEndpoint.requests.at(-1)?.get('client_id')).toBe('blue-button-explorer');
  });

  it('shows the token endpoint refusing a refresh', async () => {
    const cookie = await connect();
    fhir.use(http.post(TOKEN, () => HttpResponse.json({ error: 'invalid_grant', error_description: 'grant revoked' }, { status: 400 })));
    const page = await (await get('/refresh', cookie)).text();
    const [result] = testId(page, 'refresh-result');
    expect(result).toContain('Failed');
    expect(result).toContain('HTTP 400');
    expect(result).toContain('invalid_grant');
  });

  it('reports the token response without the tokens', async () => {
    const cookie = await connect();
    const response = await get('/api/state', cookie);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      connected: true,
      patient: 'pat-1',
      scope: GRANTED_SCOPE,
      expires_in: 3600,
      fhirUser: 'Patient/pat-1', // fhirclient's getFhirUser() keeps the last two segments
      has_refresh_token: true,
      has_id_token: true,
    });
    expect(text).not.toMatch(/secret-|"access_token"|"refresh_token"|"id_token"|eyJ/);
    expect(await (await get('/api/state')).json()).toEqual({ connected: false });
  });

  it('forgets the connection on disconnect', async () => {
    const cookie = await connect();
    const response = await fetch(`${app.url}/disconnect`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect(response.status).toBe(303);
    expect(await (await get('/api/state', cookie)).json()).toEqual({ connected: false });
  });
});

describe('pages', () => {
  it.each(['/', '/privacy', '/terms', '/claims', '/nowhere'])('%s is one accessible page with a CSP', async (path) => {
    const response = await get(path);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await response.text();
    expect(page).toMatch(/^<!doctype html><html lang="en">/);
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|fhir\.test)/); // no external resources
  });

  it('offers the standalone launch from home', async () => {
    const page = await (await get('/')).text();
    expect(page).toContain('<a class="button" href="/standalone">Connect with standalone launch</a>');
    expect(page).toContain('<label for="scope">');
  });

  it('serves its stylesheet and sends other hosts to 127.0.0.1', async () => {
    const css = await get('/style.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    const port = new URL(app.url).port;
    const other = await fetch(`http://localhost:${port}/privacy`, { redirect: 'manual' });
    expect(other.status).toBe(308);
    expect(other.headers.get('location')).toBe(`${app.url}/privacy`);
  });
});
