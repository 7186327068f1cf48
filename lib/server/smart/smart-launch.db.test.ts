import { and, eq, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, auditEvents, consentGrants, oidcModels } from '@/lib/db/schema';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

const CLIENT_ID = 'blue-button-explorer';
const REDIRECT_URI = 'http://127.0.0.1:8765/callback';
const MARIA = '100000000001';
const FATIMA = '100000000016';

let hub: TestHub;
let config: oidc.Configuration;

beforeAll(async () => {
  hub = await startTestHub();
  config = await oidc.discovery(new URL(hub.issuer), CLIENT_ID, { redirect_uris: [REDIRECT_URI] }, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
}, 120_000);
afterAll(async () => hub?.close());

interface LaunchOptions {
  scope?: string;
  memberId?: string;
  includeSensitive?: boolean;
  categories?: Parameters<TestHub['approve']>[0]['categories'];
  duration?: Parameters<TestHub['approve']>[0]['duration'];
}

/** A standalone launch with openid-client, the member's approval standing in for the consent pages. */
const standaloneLaunch = (options: LaunchOptions = {}) => hub.launch({ memberId: MARIA, ...options });

async function fhir(path: string, token: string) {
  const response = await fetch(`${hub.fhirBase}/${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
  return { status: response.status, body: (await response.json()) as any };
}

async function allEobs(token: string) {
  const eobs: any[] = [];
  let next: string | undefined = `${hub.fhirBase}/ExplanationOfBenefit?patient=${patientIdFor(MARIA)}&_count=100`;
  while (next) {
    const response = await fetch(next, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as any;
    eobs.push(...(bundle.entry ?? []).filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource));
    next = bundle.link.find((l: any) => l.relation === 'next')?.url;
  }
  return eobs;
}

const serviceDate = (eob: any) => eob.billablePeriod?.start ?? eob.item?.[0]?.servicedDate;
const isSensitive = (eob: any) => (eob.meta?.security ?? []).some((s: any) => ['PSY', 'BH', 'ETH', 'SUD'].includes(s.code));

describe('standalone launch with openid-client', () => {
  it('gives Maria a token with her patient id, the granted scope, an id_token and a refresh token', async () => {
    const { tokens } = await standaloneLaunch();
    expect(tokens.patient).toBe(patientIdFor(MARIA));
    expect(tokens.scope).toContain('patient/*.rs');
    expect(tokens.scope).toContain('offline_access');
    expect(tokens.refresh_token).toBeTruthy();
    const claims = tokens.claims()!;
    expect(claims.fhirUser).toBe(`${hub.fhirBase}/Patient/${patientIdFor(MARIA)}`);
  });

  it('serves her claims, none before 2016-01-01 and no sensitive claim without the opt-in', async () => {
    const { tokens } = await standaloneLaunch();
    const eobs = await allEobs(tokens.access_token);
    expect(eobs.length).toBeGreaterThan(20);
    expect(eobs.every((e) => serviceDate(e) >= '2016-01-01')).toBe(true);
    expect(eobs.some(isSensitive)).toBe(false);
    expect(new Set(eobs.map((e) => e.id)).size).toBe(eobs.length); // paging repeats nothing
  });

  it('serves her behavioral-health claims only with the opt-in', async () => {
    const { tokens } = await standaloneLaunch({ includeSensitive: true });
    const eobs = await allEobs(tokens.access_token);
    expect(eobs.some(isSensitive)).toBe(true);
    expect(eobs.every((e) => serviceDate(e) >= '2016-01-01')).toBe(true);
  });

  it('grants no claims when the member unticks them', async () => {
    const { tokens } = await standaloneLaunch({ categories: ['personal', 'coverage'] });
    expect(tokens.scope).not.toContain('ExplanationOfBenefit');
    expect(tokens.scope).not.toContain('patient/*.rs');
    expect((await fhir('ExplanationOfBenefit', tokens.access_token)).status).toBe(403);
    expect((await fhir(`Patient/${patientIdFor(MARIA)}`, tokens.access_token)).status).toBe(200);
  });

  it('gives no refresh token for a one-time connection', async () => {
    const { tokens } = await standaloneLaunch({ duration: 'once' });
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).not.toContain('offline_access');
  });

  it('rotates refresh tokens on use', async () => {
    const { tokens } = await standaloneLaunch();
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.patient).toBe(patientIdFor(MARIA));
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
  });
});

describe('requests the server refuses', () => {
  async function authorize(params: Record<string, string>, clientId = CLIENT_ID) {
    const url = new URL(`${hub.issuer}/auth`);
    const defaults = {
      client_id: clientId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid patient/*.rs',
      state: 'xyz',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      aud: hub.fhirBase,
    };
    for (const [k, v] of Object.entries({ ...defaults, ...params })) if (v !== '') url.searchParams.set(k, v);
    return fetch(url, { redirect: 'manual' });
  }

  it('refuses a request without PKCE', async () => {
    const response = await authorize({ code_challenge: '', code_challenge_method: '' });
    const location = response.headers.get('location') ?? '';
    expect(location).not.toMatch(/[?&]code=/);
    expect(location).toMatch(/error=invalid_request/);
  });

  it('refuses the plain PKCE method', async () => {
    const response = await authorize({ code_challenge_method: 'plain' });
    const location = response.headers.get('location') ?? '';
    expect(location).not.toMatch(/[?&]code=/);
    expect(location).toMatch(/error=invalid_request/);
  });

  it('never follows a redirect URI that is not registered exactly', async () => {
    for (const redirect of ['http://127.0.0.1:8765/callback/', 'http://127.0.0.1:8765/callback?x=1', 'https://evil.example/callback']) {
      const response = await authorize({ redirect_uri: redirect });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('refuses a request without aud, as SMART App Launch requires it', async () => {
    const response = await authorize({ aud: '' });
    const location = response.headers.get('location') ?? '';
    expect(location).not.toMatch(/^\/consent\//);
    expect(location).toMatch(/error=invalid_request/);
    expect(new URL(location).searchParams.get('error_description')).toMatch(/aud/);
  });

  it('takes the FHIR base with or without a trailing slash as aud', async () => {
    for (const aud of [hub.fhirBase, `${hub.fhirBase}/`]) {
      const response = await authorize({ aud });
      expect(response.headers.get('location') ?? '', aud).toMatch(/^\/consent\/[\w-]+$/);
    }
  });

  it('refuses a wrong aud', async () => {
    const response = await authorize({ aud: 'https://evil.example/fhir' });
    expect(response.headers.get('location') ?? '').toMatch(/error=invalid_request/);
  });

  it.each(['quickclaims', 'wellpath-beta', 'no-such-app'])('refuses the %s client, which is not approved', async (clientId) => {
    const response = await authorize({ redirect_uri: `https://${clientId}.example/callback` }, clientId);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('invalid_client');
  });
});

describe('revocation', () => {
  it('at the revocation endpoint: the access token gets 401 and the refresh token is refused at once', async () => {
    const { tokens, grant } = await standaloneLaunch();
    expect((await fhir('ExplanationOfBenefit', tokens.access_token)).status).toBe(200);
    await oidc.tokenRevocation(config, tokens.refresh_token!);
    const after = await fhir('ExplanationOfBenefit', tokens.access_token);
    expect(after.status).toBe(401);
    expect(after.body.resourceType).toBe('OperationOutcome');
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50)); // the consent record is updated from the provider's event
    const [row] = await hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
    expect(row.revokedAt).not.toBeNull();
  });

  it('revoking the access token alone ends the consent grant (revoked by the app): a new authorization asks again', async () => {
    const { tokens, grant, browser } = await standaloneLaunch({ scope: 'launch/patient openid fhirUser patient/*.rs' });
    await oidc.tokenRevocation(config, tokens.access_token, { token_type_hint: 'access_token' });
    expect((await fhir('Patient', tokens.access_token)).status).toBe(401);
    // Recorded before the revocation endpoint answers.
    const [row] = await hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
    expect(row.revokedAt).not.toBeNull();
    expect(row.revokedReason).toBe('revoked-by-app');
    expect(row.revokedBy).toBe('app:blue-button-explorer');
    // Nothing of the grant is left with the provider (its grant, the refresh token, the code), and
    // the revocation is recorded once.
    expect(await hub.db.select({ model: oidcModels.model }).from(oidcModels).where(eq(oidcModels.grantId, grant.id))).toEqual([]);
    expect(await hub.db.select().from(auditEvents).where(and(eq(auditEvents.grantId, grant.id), eq(auditEvents.action, 'consent.revoked')))).toHaveLength(1);
    // The same browser (still signed in to the hub) asks again: the consent pages, not a code.
    const again = new URL(oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'launch/patient openid fhirUser patient/*.rs', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', aud: hub.fhirBase }));
    const response = await browser.get(again.href);
    expect(response.headers.get('location') ?? '').toMatch(/^\/consent\/[\w-]+$/);
  });

  it('a revocation the database cannot record answers 503 and leaves the token for a retry, which ends the consent once', async () => {
    const { tokens, grant } = await standaloneLaunch({ scope: 'launch/patient openid fhirUser patient/*.rs' });
    const revoke = () =>
      fetch(`${hub.issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: tokens.access_token, token_type_hint: 'access_token', client_id: CLIENT_ID }),
      });
    const consent = async () => (await hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id)))[0];
    // The consent record refuses writes, as a read-only database does (25006).
    await hub.db.execute(sql.raw(`create function refuse_consent_write() returns trigger language plpgsql as $$ begin raise exception 'read only' using errcode = '25006'; end $$`));
    await hub.db.execute(sql.raw('create trigger refuse_consent_write before update on consent_grants for each row execute function refuse_consent_write()'));
    try {
      const refused = await revoke();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      expect(((await refused.json()) as { error: string }).error).toBe('temporarily_unavailable');
      // Nothing was half done: the token still works, so the app can revoke it again.
      expect((await fhir('Patient', tokens.access_token)).status).toBe(200);
      expect((await consent()).revokedAt).toBeNull();
    } finally {
      await hub.db.execute(sql.raw('drop trigger refuse_consent_write on consent_grants'));
      await hub.db.execute(sql.raw('drop function refuse_consent_write()'));
    }
    const retried = await revoke();
    expect(retried.status).toBe(200);
    expect((await fhir('Patient', tokens.access_token)).status).toBe(401);
    expect((await consent()).revokedReason).toBe('revoked-by-app');
    const audit = await hub.db.select().from(auditEvents).where(and(eq(auditEvents.grantId, grant.id), eq(auditEvents.action, 'consent.revoked')));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(CLIENT_ID);
  });

  it('when the grant is revoked (Stop sharing): every token of it stops at once', async () => {
    const { tokens, grant } = await standaloneLaunch();
    await revokeConsentGrant({ grantId: grant.id, by: { kind: 'member', id: MARIA }, reason: 'member-stopped' });
    expect((await fhir('ExplanationOfBenefit', tokens.access_token)).status).toBe(401);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
    const introspection = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(introspection.active).toBe(false);
  });

  it('suspending the app stops its tokens without a restart', async () => {
    const { tokens } = await standaloneLaunch();
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
    await hub.db.update(apps).set({ status: 'suspended' }).where(eq(apps.id, CLIENT_ID));
    try {
      expect((await fhir('Patient', tokens.access_token)).status).toBe(401);
      const toAuth = await fetch(oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }), { redirect: 'manual' });
      expect(toAuth.status).toBe(400);
    } finally {
      await hub.db.update(apps).set({ status: 'approved' }).where(eq(apps.id, CLIENT_ID));
    }
  });
});

describe('the patient compartment', () => {
  it("answers 404 for another member's resources on every path, and _include adds only the member's own", async () => {
    const fatima = await standaloneLaunch({ memberId: FATIMA, includeSensitive: true });
    const fatimaEob = (await fhir('ExplanationOfBenefit?_count=1', fatima.tokens.access_token)).body.entry[0].resource;
    const fatimaCoverage = (await fhir('Coverage', fatima.tokens.access_token)).body.entry[0].resource;
    const maria = await standaloneLaunch({ includeSensitive: true });
    const token = maria.tokens.access_token;
    const fatimaPatient = patientIdFor(FATIMA);

    expect((await fhir(`ExplanationOfBenefit/${fatimaEob.id}`, token)).status).toBe(404);
    expect((await fhir(`Coverage/${fatimaCoverage.id}`, token)).status).toBe(404);
    expect((await fhir(`Patient/${fatimaPatient}`, token)).status).toBe(404);
    for (const query of [
      `ExplanationOfBenefit?patient=${fatimaPatient}`,
      `ExplanationOfBenefit?patient=Patient/${fatimaPatient}`,
      `ExplanationOfBenefit?_id=${fatimaEob.id}`,
      `Coverage?patient=${fatimaPatient}`,
      `Coverage?_id=${fatimaCoverage.id}`,
      `Patient?_id=${fatimaPatient}`,
      `ExplanationOfBenefit?_id=${fatimaEob.id}&_include=ExplanationOfBenefit:patient`,
    ]) {
      const { status, body } = await fhir(query, token);
      expect(status, query).toBe(200);
      expect(body.entry ?? [], query).toEqual([]);
    }
    const withIncludes = await fhir('ExplanationOfBenefit?_count=5&_include=ExplanationOfBenefit:patient&_include=ExplanationOfBenefit:coverage&_include=ExplanationOfBenefit:provider&_include=ExplanationOfBenefit:insurer', token);
    const included = withIncludes.body.entry.filter((e: any) => e.search.mode === 'include').map((e: any) => e.resource);
    expect(included.some((r: any) => r.resourceType === 'Patient')).toBe(true);
    for (const resource of included) {
      if (resource.resourceType === 'Patient') expect(resource.id).toBe(patientIdFor(MARIA));
      if (resource.resourceType === 'Coverage') expect(resource.beneficiary.reference).toBe(`Patient/${patientIdFor(MARIA)}`);
    }
  });
});

describe('FHIR API behaviour', () => {
  it('publishes SMART discovery and a CapabilityStatement', async () => {
    const smart = (await (await fetch(`${hub.fhirBase}/.well-known/smart-configuration`)).json()) as any;
    expect(smart.code_challenge_methods_supported).toEqual(['S256']);
    for (const capability of ['launch-standalone', 'context-standalone-patient', 'client-public', 'client-confidential-symmetric', 'permission-offline', 'permission-patient', 'permission-v1', 'permission-v2', 'sso-openid-connect']) {
      expect(smart.capabilities).toContain(capability);
    }
    expect(smart.token_endpoint).toBe(`${hub.issuer}/token`);
    // Authorization requests come by GET only: SMART's optional POST form is neither advertised
    // nor served, so no form request can skip the offline_access prompt a GET gets.
    expect(smart.capabilities).not.toContain('authorize-post');
    const posted = await fetch(`${hub.issuer}/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: CLIENT_ID, response_type: 'code', scope: 'openid offline_access patient/*.rs', redirect_uri: REDIRECT_URI }),
    });
    expect(posted.status).toBe(404);
    const metadata = (await (await fetch(`${hub.fhirBase}/metadata`)).json()) as any;
    expect(metadata.resourceType).toBe('CapabilityStatement');
    expect(metadata.rest[0].security.extension[0].url).toContain('oauth-uris');
  });

  it('names only its own address in discovery, whatever X-Forwarded-Host or -Proto a client sends', async () => {
    const discovery = (await (
      await fetch(`${hub.issuer}/.well-known/openid-configuration`, { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } })
    ).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(hub.issuer);
    for (const name of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'revocation_endpoint', 'introspection_endpoint']) {
      expect(String(discovery[name]), name).toMatch(new RegExp(`^${hub.issuer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`));
    }
  });

  it('has no logout endpoint of its own: signing out is the hub\u2019s, and never ends a connection', async () => {
    const discovery = (await (await fetch(`${hub.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.end_session_endpoint).toBeUndefined();
    const { tokens } = await standaloneLaunch();
    const logout = await fetch(`${hub.issuer}/session/end?client_id=${CLIENT_ID}&id_token_hint=${tokens.id_token ?? ''}`, { redirect: 'manual' });
    await logout.arrayBuffer();
    expect(logout.status).toBe(404);
    expect((await fhir('Patient', tokens.access_token)).status).toBe(200);
  });

  it('answers 401 with an OperationOutcome without a token', async () => {
    const response = await fetch(`${hub.fhirBase}/ExplanationOfBenefit`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).resourceType).toBe('OperationOutcome');
  });

  it('ignores unknown parameters leniently and refuses them under Prefer: handling=strict', async () => {
    const { tokens } = await standaloneLaunch();
    const lenient = await fhir('ExplanationOfBenefit?foo=bar&_count=2', tokens.access_token);
    expect(lenient.status).toBe(200);
    expect(lenient.body.entry.some((e: any) => e.search.mode === 'outcome')).toBe(true);
    const strict = await fetch(`${hub.fhirBase}/ExplanationOfBenefit?foo=bar`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, prefer: 'handling=strict' },
    });
    expect(strict.status).toBe(400);
  });

  it('filters by type, service-date and _lastUpdated', async () => {
    const { tokens } = await standaloneLaunch();
    const pharmacy = await fhir('ExplanationOfBenefit?type=pharmacy&_count=200', tokens.access_token);
    expect(pharmacy.body.entry.length).toBeGreaterThan(0);
    for (const e of pharmacy.body.entry) expect(e.resource.type.coding[0].code).toBe('pharmacy');
    const recent = await fhir('ExplanationOfBenefit?service-date=ge2024-01-01&service-date=lt2025-01-01&_count=200', tokens.access_token);
    for (const e of recent.body.entry) expect(serviceDate(e.resource) >= '2024-01-01' && serviceDate(e.resource) < '2025-01-01').toBe(true);
    expect((await fhir('ExplanationOfBenefit?_lastUpdated=gt2999-01-01', tokens.access_token)).body.entry).toEqual([]);
    expect((await fhir('ExplanationOfBenefit?service-date=notadate', tokens.access_token)).status).toBe(400);
  });

  it('searches by POST _search like GET, and refuses a search body over 16 kB with 413', async () => {
    const { tokens } = await standaloneLaunch();
    const post = (body: string) =>
      fetch(`${hub.fhirBase}/ExplanationOfBenefit/_search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const byGet = await fhir('ExplanationOfBenefit?type=pharmacy&_count=3', tokens.access_token);
    const byPost = await post('type=pharmacy&_count=3');
    expect(byPost.status).toBe(200);
    const ids = (bundle: any) => bundle.entry.map((e: any) => e.resource.id);
    expect(ids(await byPost.json())).toEqual(ids(byGet.body));
    const tooLong = await post(`type=${'x'.repeat(20_000)}`);
    expect(tooLong.status).toBe(413);
    expect(((await tooLong.json()) as any).resourceType).toBe('OperationOutcome');
  });

  it('logs every read per grant (type and count, never content)', async () => {
    const { tokens, grant } = await standaloneLaunch();
    await fhir('ExplanationOfBenefit?_count=3', tokens.access_token);
    const { accessLog } = await import('@/lib/db/schema');
    const rows = await hub.db.select().from(accessLog).where(eq(accessLog.grantId, grant.id));
    expect(rows).toEqual([expect.objectContaining({ resourceType: 'ExplanationOfBenefit', interaction: 'search', count: 3 })]);
  });
});
