import * as oidc from 'openid-client';
import { CookieJar, type TestHub } from '@/lib/testing/test-hub';

export const SAMPLE_CLIENT_ID = 'blue-button-explorer';
const REDIRECT_URI = 'http://127.0.0.1:8765/callback';

export async function discoverSampleClient(hub: TestHub): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(hub.issuer), SAMPLE_CLIENT_ID, { redirect_uris: [REDIRECT_URI] }, oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

/**
 * The sample app's standalone launch with openid-client, the member's approval standing in for
 * the consent pages (the hub's `approve`). Answers the tokens and the consent grant they belong to.
 */
export async function standaloneLaunch(hub: TestHub, config: oidc.Configuration, options: Omit<Parameters<TestHub['approve']>[0], 'uid'>) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'launch/patient openid fhirUser offline_access patient/*.rs',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    aud: hub.fhirBase,
  });
  const browser = new CookieJar();
  const toConsent = await browser.get(url.href);
  const uid = toConsent.headers.get('location')!.split('/').pop()!;
  const { grant, returnTo } = await hub.approve({ ...options, uid });
  const resumed = await browser.get(new URL(returnTo!, hub.url).href);
  const callback = new URL(resumed.headers.get('location')!);
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return { tokens, grant };
}

export async function fhirStatus(hub: TestHub, path: string, token: string): Promise<number> {
  const response = await fetch(`${hub.fhirBase}/${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
  await response.arrayBuffer();
  return response.status;
}
