import { and, eq, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appClock, todayIn } from '@/lib/calendar';
import { appDecisions, apps, auditEvents, consentGrants, outbox } from '@/lib/db/schema';
import { loadAccountScope } from '@/lib/server/account/account-scope';
import { describeConnections } from '@/lib/server/account/describe-connections';
import { listAccountConnections } from '@/lib/server/account/list-account-connections';
import { testWording } from '@/lib/server/account/testing/test-wording';
import { setProvider } from '@/lib/server/smart/provider-instance';
import { CookieJar, startTestHub, type TestHub } from '@/lib/testing/test-hub';
import { changeAppStatus } from './change-app-status';
import { findGalleryApp } from './find-gallery-app';
import { galleryLastUpdated, listGalleryApps } from './list-gallery-apps';

// Two instances on one database, as behind a load balancer: a suspension decided through either
// must bite on both at the app's next call.
let hub: TestHub;
let other: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  other = await startTestHub({ database: hub.database, publicUrl: hub.url });
  setProvider(hub.provider);
}, 120_000);
afterAll(async () => {
  await other?.close();
  await hub?.close();
});

const MARIA = '100000000001';
const SAMPLE = 'blue-button-explorer';

async function fhirStatusOn(instance: TestHub, token: string): Promise<number> {
  const response = await fetch(`${instance.ownUrl}/fhir/Patient`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

/** Where the authorization endpoint sends a browser that starts a connection for the sample app. */
async function startAuthorization(): Promise<{ status: number; location: string | null; body: string }> {
  const url = new URL(`${hub.issuer}/auth`);
  const verifier = oidc.randomPKCECodeVerifier();
  Object.entries({
    client_id: SAMPLE,
    response_type: 'code',
    redirect_uri: 'http://127.0.0.1:8765/callback',
    scope: 'launch/patient openid patient/*.rs',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    aud: hub.fhirBase,
  }).forEach(([k, v]) => url.searchParams.set(k, v));
  const response = await new CookieJar().get(url.href);
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
}

const decisionsOf = (appId: string) => hub.db.select().from(appDecisions).where(eq(appDecisions.appId, appId)).orderBy(appDecisions.id);

describe('suspending and reinstating an app', () => {
  it('takes the app out at once on every instance, ends its connections and tells their people; reinstating brings back no old token', async () => {
    const { config, tokens, grant } = await hub.launch({ memberId: MARIA });
    // Both instances have served the token (and may hold what they read about it).
    expect(await fhirStatusOn(hub, tokens.access_token)).toBe(200);
    expect(await fhirStatusOn(other, tokens.access_token)).toBe(200);
    expect((await startAuthorization()).location).toMatch(/^\/consent\//);

    const suspended = await changeAppStatus({ appId: SAMPLE, decision: 'suspend', criterion: 'credentials-exposed', notes: 'Client id and a test token posted in a public gist', staffUsername: 'alex.admin' });
    expect(suspended).toMatchObject({ status: 'suspended', grantsEnded: 1, peopleTold: 1 });

    // Gone from the gallery; the authorization server no longer knows the client.
    expect((await listGalleryApps()).map((a) => a.id)).not.toContain(SAMPLE);
    expect(await findGalleryApp(SAMPLE)).toBeNull();
    const refused = await startAuthorization();
    expect(refused.status).toBe(400);
    expect(refused.location).toBeNull();
    expect(refused.body).toContain('This app cannot connect');
    // Its access token is refused on the next call on both instances, and its refresh token too.
    expect(await fhirStatusOn(hub, tokens.access_token)).toBe(401);
    expect(await fhirStatusOn(other, tokens.access_token)).toBe(401);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
    // The connection ended, with the criterion as its reason; Maria is told.
    const [ended] = await hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
    expect(ended).toMatchObject({ revokedBy: 'staff:alex.admin', revokedReason: 'app-suspended:credentials-exposed' });
    const removed = await hub.db.select().from(outbox).where(eq(outbox.template, 'app-access-removed'));
    expect(removed.map((m) => m.toAddress)).toEqual(['maria.santos@members.example']);
    expect(removed[0].params).toMatchObject({ reason: "The app's secret keys for connecting to MassHealth were made public. Someone else could have used them." });
    // Her account says so too, in plain words and in her language, pointing to other apps.
    const maria = (await loadAccountScope({ kind: 'member', memberId: MARIA }))!;
    const noteIn = async (locale: 'en' | 'es') =>
      describeConnections(maria, await listAccountConnections(maria), testWording(locale)).members[0].past.find((c) => c.grantId === grant.id)?.note;
    expect(await noteIn('en')).toMatch(/^MassHealth stopped this app on .+\. Why: The app's secret keys for connecting to MassHealth were made public\..* You can choose a different app from the list of apps\.$/);
    expect(await noteIn('es')).toMatch(/^MassHealth detuvo esta app el .+\. Por qué: las claves secretas de la app .* Puede elegir otra app de la lista de apps\.$/);
    expect(await noteIn('en')).not.toContain('gist');

    const reinstated = await changeAppStatus({ appId: SAMPLE, decision: 'reinstate', criterion: 'security-issue-resolved', notes: 'Secret rotated; repository scrubbed', staffUsername: 'alex.admin' });
    expect(reinstated).toMatchObject({ status: 'approved', grantsEnded: 0, peopleTold: 1 });
    expect((await listGalleryApps()).map((a) => a.id)).toContain(SAMPLE);
    // The old tokens stay dead and the old connection stays ended…
    expect(await fhirStatusOn(hub, tokens.access_token)).toBe(401);
    expect(await fhirStatusOn(other, tokens.access_token)).toBe(401);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
    expect((await hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id)))[0].revokedAt).not.toBeNull();
    // …and a new connection works.
    const again = await hub.launch({ memberId: MARIA });
    expect(await fhirStatusOn(other, again.tokens.access_token)).toBe(200);
    const back = await hub.db.select().from(outbox).where(eq(outbox.template, 'app-reinstated'));
    expect(back.map((m) => m.toAddress)).toEqual(['maria.santos@members.example']);

    // Both decisions are on record with their criteria and notes, and audited.
    expect((await decisionsOf(SAMPLE)).map((d) => [d.decision, d.fromStatus, d.toStatus, d.criterion, d.decidedBy])).toEqual([
      ['suspend', 'approved', 'suspended', 'credentials-exposed', 'alex.admin'],
      ['reinstate', 'suspended', 'approved', 'security-issue-resolved', 'alex.admin'],
    ]);
    const audit = await hub.db.select().from(auditEvents).where(eq(auditEvents.appId, SAMPLE)).orderBy(auditEvents.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['app.suspended', 'consent.revoked', 'app.reinstated']));
    expect(audit.find((a) => a.action === 'app.suspended')?.details).toMatchObject({ criterion: 'credentials-exposed', grantsEnded: 1 });
  });
});

describe('a decision', () => {
  it('cannot be saved without a criterion from its list: a deny or suspend needs a security criterion, never a privacy answer', async () => {
    const before = await hub.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    for (const [appId, decision, criterion] of [
      ['wellpath-beta', 'deny', ''],
      ['wellpath-beta', 'deny', 'privacy-answers'],
      ['wellpath-beta', 'deny', 'security-criteria-met'],
      ['medtrack-rx', 'suspend', ''],
      ['medtrack-rx', 'suspend', 'sells data for advertising'],
      ['medtrack-rx', 'suspend', 'security-issue-resolved'],
      ['wellpath-beta', 'approve', 'credentials-exposed'],
    ] as const) {
      await expect(changeAppStatus({ appId, decision, criterion, notes: 'I do not like its answers', staffUsername: 'alex.admin' }), `${decision} ${criterion}`).rejects.toMatchObject({
        name: 'AppError',
        messageKey: 'criterionRequired',
        field: 'criterion',
      });
    }
    const rows = await hub.db.select({ id: apps.id, status: apps.status }).from(apps).where(sql`${apps.id} in ('wellpath-beta', 'medtrack-rx')`).orderBy(apps.id);
    expect(rows).toEqual([
      { id: 'medtrack-rx', status: 'approved' },
      { id: 'wellpath-beta', status: 'pending' },
    ]);
    expect(await decisionsOf('wellpath-beta')).toEqual([]);
    expect(await hub.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents)).toEqual(before);
  });

  it('only moves an app the ways the rules allow', async () => {
    await expect(changeAppStatus({ appId: 'wellpath-beta', decision: 'suspend', criterion: 'malicious-code', staffUsername: 'alex.admin' })).rejects.toMatchObject({ messageKey: 'statusChangeNotAllowed' });
    await expect(changeAppStatus({ appId: 'medtrack-rx', decision: 'reinstate', criterion: 'security-issue-resolved', staffUsername: 'alex.admin' })).rejects.toMatchObject({ messageKey: 'statusChangeNotAllowed' });
    await expect(changeAppStatus({ appId: 'medtrack-rx', decision: 'deny', criterion: 'malicious-code', staffUsername: 'alex.admin' })).rejects.toMatchObject({ messageKey: 'statusChangeNotAllowed' });
    await expect(changeAppStatus({ appId: 'no-such-app', decision: 'approve', criterion: 'security-criteria-met', staffUsername: 'alex.admin' })).rejects.toMatchObject({ messageKey: 'appUnavailable' });
  });

  it('is audited in the same transaction: when the audit row cannot be written, nothing changes and nobody is told', async () => {
    const { grant } = await hub.approve({ uid: null, memberId: MARIA, appId: 'open-notes' });
    const mailBefore = (await hub.db.select().from(outbox)).length;
    await hub.db.execute(sql`alter table audit_events add constraint refuse_app_suspended check (action <> 'app.suspended') not valid`);
    try {
      await expect(changeAppStatus({ appId: 'open-notes', decision: 'suspend', criterion: 'unresolved-vulnerability', staffUsername: 'alex.admin' })).rejects.toThrow();
    } finally {
      await hub.db.execute(sql`alter table audit_events drop constraint refuse_app_suspended`);
    }
    expect((await hub.db.select().from(apps).where(eq(apps.id, 'open-notes')))[0].status).toBe('approved');
    expect((await hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id)))[0].revokedAt).toBeNull();
    expect(await decisionsOf('open-notes')).toEqual([]);
    expect((await hub.db.select().from(outbox)).length).toBe(mailBefore);
  });
});

describe('the gallery’s “updated on” date', () => {
  it('is the day of the last decision that changed the list: an approval moves it, a denial does not', async () => {
    const today = todayIn(appClock());
    await hub.db.update(apps).set({ statusSince: '2026-01-05' }).where(and(eq(apps.status, 'approved')));
    await hub.db.update(apps).set({ statusSince: '2026-01-04', privacyUpdatedAt: null }).where(sql`${apps.status} <> 'approved'`);
    await hub.db.update(apps).set({ privacyUpdatedAt: null });
    expect(await galleryLastUpdated()).toBe('2026-01-05');
    await hub.db.insert(apps).values({ id: 'denied-one', clientId: 'denied-one', name: 'Denied One', developer: 'X', summary: 'x', clientType: 'public', redirectUris: ['https://x.example/cb'], scopes: 'openid', status: 'pending', statusSince: '2026-01-04', privacy: {} });
    await changeAppStatus({ appId: 'denied-one', decision: 'deny', criterion: 'developer-identity-unverified', staffUsername: 'alex.admin' });
    expect(await galleryLastUpdated()).toBe('2026-01-05');
    await changeAppStatus({ appId: 'wellpath-beta', decision: 'approve', criterion: 'security-criteria-met', staffUsername: 'alex.admin' });
    expect(await galleryLastUpdated()).toBe(today);
  });
});
