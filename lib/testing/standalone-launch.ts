import * as oidc from 'openid-client';
import { CookieJar } from './cookie-jar';

const REDIRECT_URI = 'http://127.0.0.1:8765/callback';

/**
 * A whole standalone launch of the demo app `blue-button-explorer` as its browser would make it,
 * with openid-client: authorize (PKCE S256), the member's approval (`approve`: the consent page's
 * part, given the interaction's uid and the browser, resolving to where the browser goes next),
 * the resumed redirect, the code exchange. Only HTTP to the hub at `publicUrl`, so it runs in any
 * process: the tests' hub (lib/testing/test-hub.ts) and the benchmark's app (bench/churn-client.ts).
 */
export async function standaloneLaunch(publicUrl: string, scope: string | undefined, approve: (uid: string, browser: CookieJar) => Promise<string>) {
  const config = await oidc.discovery(new URL(`${publicUrl}/oauth`), 'blue-button-explorer', { redirect_uris: [REDIRECT_URI] }, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: scope ?? 'launch/patient openid fhirUser offline_access patient/*.rs',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    aud: `${publicUrl}/fhir`,
  });
  const browser = new CookieJar();
  const toConsent = await browser.get(url.href);
  const consentPath = toConsent.headers.get('location') ?? '';
  if (toConsent.status !== 303 || !/^\/consent\/[\w-]+$/.test(consentPath)) throw new Error(`expected a consent redirect, got ${toConsent.status} ${consentPath}`);
  const returnTo = await approve(consentPath.split('/').pop()!, browser);
  const resumed = await browser.get(new URL(returnTo, publicUrl).href);
  const callback = new URL(resumed.headers.get('location') ?? 'http://invalid/');
  if (resumed.status !== 303 || `${callback.origin}${callback.pathname}` !== REDIRECT_URI) throw new Error(`expected a redirect to the app, got ${resumed.status}`);
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return { config, tokens, browser };
}
