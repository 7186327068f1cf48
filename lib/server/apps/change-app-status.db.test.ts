import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, auditEvents } from '@/lib/db/schema';
import * as oidc from 'openid-client';
import { CookieJar, startTestHub, type TestHub } from '@/lib/testing/test-hub';
import { changeAppStatus } from './change-app-status';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());

async function connect() {
  const config = await oidc.discovery(new URL(hub.issuer), 'blue-button-explorer', { redirect_uris: ['http://127.0.0.1:8765/callback'] }, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: 'http://127.0.0.1:8765/callback',
    scope: 'openid offline_access patient/*.rs',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    aud: hub.fhirBase,
  });
  const browser = new CookieJar();
  const uid = (await browser.get(url.href)).headers.get('location')!.split('/').pop()!;
  const { returnTo } = await hub.approve({ uid, memberId: '100000000001' });
  const callback = new URL((await browser.get(new URL(returnTo!, hub.url).href)).headers.get('location')!);
  return { config, tokens: await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier }) };
}

describe('changeAppStatus', () => {
  it('suspends at once, and reinstating brings back no old token', async () => {
    const { config, tokens } = await connect();
    const { affectedGrantIds } = await changeAppStatus({ appId: 'blue-button-explorer', status: 'suspended', reason: 'Leaked credentials', staffUsername: 'alex.admin' });
    expect(affectedGrantIds.length).toBeGreaterThan(0);
    const read = await fetch(`${hub.fhirBase}/Patient`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(read.status).toBe(401);
    await changeAppStatus({ appId: 'blue-button-explorer', status: 'approved', reason: 'Credentials rotated and verified', staffUsername: 'alex.admin' });
    const again = await fetch(`${hub.fhirBase}/Patient`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(again.status).toBe(401);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
    const audit = await hub.db.select().from(auditEvents).where(eq(auditEvents.appId, 'blue-button-explorer'));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['app.suspended', 'app.approved']));
  });

  it('always needs a reason, and only allowed transitions', async () => {
    await expect(changeAppStatus({ appId: 'medtrack-rx', status: 'suspended', reason: '  ', staffUsername: 'alex.admin' })).rejects.toThrow();
    await expect(changeAppStatus({ appId: 'wellpath-beta', status: 'suspended', reason: 'x', staffUsername: 'alex.admin' })).rejects.toThrow();
    const [app] = await hub.db.select().from(apps).where(eq(apps.id, 'medtrack-rx'));
    expect(app.status).toBe('approved');
  });
});
