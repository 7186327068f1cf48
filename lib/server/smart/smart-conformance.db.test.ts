import { eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps } from '@/lib/db/schema';
import providerAccess from '@/lib/demo/fixtures/provider-access.json';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// What the SMART discovery document says the server does, it does; and what SMART App Launch 2
// asks of the server's answers (token introspection), they hold.

const CLIENT_ID = 'blue-button-explorer';
const REDIRECT_URI = 'http://127.0.0.1:8765/callback';
const MARIA = '100000000001';

let hub: TestHub;
let config: oidc.Configuration;
let smart: Record<string, any>;
let openid: Record<string, any>;

beforeAll(async () => {
  hub = await startTestHub();
  config = await oidc.discovery(new URL(hub.issuer), CLIENT_ID, { redirect_uris: [REDIRECT_URI] }, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  smart = (await (await fetch(`${hub.fhirBase}/.well-known/smart-configuration`)).json()) as Record<string, any>;
  openid = (await (await fetch(`${hub.issuer}/.well-known/openid-configuration`)).json()) as Record<string, any>;
}, 120_000);
afterAll(async () => hub?.close());

/** The redirect an authorization request gets (the consent pages, or an error back to the app). */
async function authorizationRedirect(scope: string) {
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    state: 'abc',
    aud: hub.fhirBase,
  });
  const response = await fetch(url, { redirect: 'manual' });
  await response.arrayBuffer();
  return response.headers.get('location') ?? '';
}

const scopes = (scope: unknown) => String(scope ?? '').split(' ').filter(Boolean);

describe('online_access', () => {
  it('is accepted for an app that never registered it, and adds no refresh token', async () => {
    expect(await authorizationRedirect('launch/patient openid fhirUser online_access patient/*.rs')).toMatch(/^\/consent\/[\w-]+$/);
    const { tokens } = await hub.launch({ memberId: MARIA, scope: 'launch/patient openid fhirUser online_access patient/*.rs' });
    expect(tokens.refresh_token).toBeUndefined();
    expect(scopes(tokens.scope)).not.toContain('offline_access');
    expect(scopes(tokens.scope)).not.toContain('online_access');
    expect(scopes(tokens.scope)).toContain('patient/*.rs');
  });

  it('is not advertised as a permission the server grants (no refresh tokens while online)', () => {
    expect(smart.capabilities).not.toContain('permission-online');
    expect(smart.scopes_supported).not.toContain('online_access');
  });
});

describe('profile', () => {
  it('is not advertised, and an app that asks for it gets its launch without a name in the ID token', async () => {
    expect(smart.scopes_supported).not.toContain('profile');
    expect(openid.scopes_supported).not.toContain('profile');
    expect(await authorizationRedirect('launch/patient openid fhirUser profile patient/*.rs')).toMatch(/^\/consent\/[\w-]+$/);
    const { tokens } = await hub.launch({ memberId: MARIA, scope: 'launch/patient openid fhirUser profile patient/*.rs' });
    expect(scopes(tokens.scope)).not.toContain('profile');
    const claims = tokens.claims()!;
    expect(claims.fhirUser).toBe(`${hub.fhirBase}/Patient/${patientIdFor(MARIA)}`);
    expect(claims.name).toBeUndefined();
    expect(claims.given_name).toBeUndefined();
  });
});

describe('userinfo', () => {
  it('is neither advertised nor served: fhirUser is in the ID token', async () => {
    expect(smart.userinfo_endpoint).toBeUndefined();
    expect(openid.userinfo_endpoint).toBeUndefined();
    const { tokens } = await hub.launch({ memberId: MARIA, scope: 'launch/patient openid fhirUser patient/*.rs' });
    const response = await fetch(`${hub.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    await response.arrayBuffer();
    expect(response.status).toBe(404);
  });
});

describe('token introspection (SMART App Launch 2, "Token Introspection")', () => {
  it('answers the scope of the token response, the patient and fhirUser', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA, scope: 'launch/patient openid fhirUser offline_access patient/*.rs' });
    const answer = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(answer.active).toBe(true);
    expect(scopes(answer.scope).sort()).toEqual(scopes(tokens.scope).sort());
    expect(scopes(answer.scope)).toEqual(expect.arrayContaining(['launch/patient', 'openid', 'fhirUser', 'offline_access', 'patient/*.rs']));
    expect(answer.patient).toBe(patientIdFor(MARIA));
    expect(answer.fhirUser).toBe(`${hub.fhirBase}/Patient/${patientIdFor(MARIA)}`);

    // The same for the access token of a refresh.
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    const again = await oidc.tokenIntrospection(config, refreshed.access_token);
    expect(scopes(again.scope).sort()).toEqual(scopes(refreshed.scope).sort());
    expect(again.patient).toBe(patientIdFor(MARIA));
    expect(again.fhirUser).toBe(`${hub.fhirBase}/Patient/${patientIdFor(MARIA)}`);
  });

  it('names no fhirUser when no ID token was issued', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA, scope: 'launch/patient patient/*.rs' });
    expect(tokens.id_token).toBeUndefined();
    const answer = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(scopes(answer.scope).sort()).toEqual(['launch/patient', 'patient/*.rs']);
    expect(answer.patient).toBe(patientIdFor(MARIA));
    expect(answer.fhirUser).toBeUndefined();
  });
});

describe('SMART Backend Services in discovery', () => {
  it('lists client_credentials with private_key_jwt, its signing algorithms and the asymmetric capability, as the server supports', () => {
    expect(smart.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    expect(smart.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['none', 'client_secret_basic', 'private_key_jwt']));
    // SMART Backend Services: RS384 or ES384 at least.
    expect(smart.token_endpoint_auth_signing_alg_values_supported).toEqual(expect.arrayContaining(['RS384', 'ES384']));
    expect(smart.capabilities).toContain('client-confidential-asymmetric');
    // Nothing the OAuth server itself does not offer.
    for (const grant of smart.grant_types_supported) expect(openid.grant_types_supported, grant).toContain(grant);
    for (const method of smart.token_endpoint_auth_methods_supported) expect(openid.token_endpoint_auth_methods_supported, method).toContain(method);
    for (const alg of smart.token_endpoint_auth_signing_alg_values_supported) expect(openid.token_endpoint_auth_signing_alg_values_supported, alg).toContain(alg);
  });

  it('lists the system/ scopes backend clients are registered for', () => {
    const registered = providerAccess.backendClients.flatMap((client) => client.scopes.split(' '));
    expect(smart.scopes_supported).toEqual(expect.arrayContaining(registered));
  });
});

describe('Consent scopes', () => {
  it('an app registered for patient/Consent.rs reads the member’s sharing choices', async () => {
    const [app] = await hub.db.select().from(apps).where(eq(apps.clientId, CLIENT_ID));
    await hub.db.update(apps).set({ scopes: 'launch/patient patient/Consent.rs' }).where(eq(apps.clientId, CLIENT_ID));
    try {
      const { tokens } = await hub.launch({ memberId: MARIA, scope: 'launch/patient patient/Consent.rs' });
      expect(scopes(tokens.scope)).toContain('patient/Consent.rs');
      const response = await fetch(`${hub.fhirBase}/Consent?patient=${patientIdFor(MARIA)}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).resourceType).toBe('Bundle');
    } finally {
      await hub.db.update(apps).set({ scopes: app.scopes }).where(eq(apps.clientId, CLIENT_ID));
    }
  });
});
