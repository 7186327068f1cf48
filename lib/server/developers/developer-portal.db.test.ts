import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { appPrivacyVersions, apps, auditEvents, developerAccounts, verificationCodes } from '@/lib/db/schema';
import { PRIVACY_QUESTION_IDS } from '@/lib/privacy-questions';
import { connectionRequestSchema } from '@/lib/schemas/developer';
import { loadAccountScope } from '@/lib/server/account/account-scope';
import { listPrivacyChanges } from '@/lib/server/account/list-privacy-changes';
import { changeAppStatus } from '@/lib/server/apps/change-app-status';
import { findAppForReview } from '@/lib/server/apps/find-app-for-review';
import { listAppsForReview } from '@/lib/server/apps/list-apps-for-review';
import { markPrivacyAnswers, privacyAnswerShown } from '@/lib/server/apps/mark-privacy-answers';
import { findClientMetadata } from '@/lib/server/apps/find-client-metadata';
import { findGalleryApp } from '@/lib/server/apps/find-gallery-app';
import { moveAppClock, resetAppClock } from '@/lib/server/identity/testing/move-app-clock';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { readDevOutbox } from '@/lib/server/mail/read-dev-outbox';
import { suiteHub } from '@/lib/testing/suite-hub';
import { changePrivacyAnswers } from './change-privacy-answers';
import { confirmDeveloperCode } from './confirm-developer-code';
import { endPreviousClientSecret } from './end-previous-client-secret';
import { findDeveloperApp } from './find-developer-app';
import { listDeveloperApps } from './list-developer-apps';
import { requestAppConnection } from './request-app-connection';
import { requestDeveloperCode } from './request-developer-code';
import { rotateClientSecret } from './rotate-client-secret';

const suite = suiteHub({ dataDirPrefix: 'hub-developers-' });
afterEach(() => resetAppClock());

const network = '198.51.100.7';

/** Signs a developer in as the portal does, reading the code from their email. */
async function signIn(email: string) {
  const { developerId, sent } = await requestDeveloperCode({ email, locale: 'en', networkKey: network });
  expect(sent.ok).toBe(true);
  await settleMailDeliveries();
  const mail = (await readDevOutbox()).find((m) => m.to === email.trim().toLowerCase());
  const code = /^ {4}(\d{6})$/m.exec(mail!.text)![1];
  expect(await confirmDeveloperCode({ developerId, code })).toEqual({ ok: true });
  const [account] = await suite.hub.db.select().from(developerAccounts).where(eq(developerAccounts.id, developerId));
  return { id: account.id, email: account.email, signedInAt: Date.now() };
}

const form = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Health Journal',
  organization: 'Journal Works LLC',
  description: 'Keeps your claims in a private journal.',
  website: 'https://journal.example',
  launchUrl: '',
  redirectUri1: 'https://journal.example/callback',
  clientType: 'public',
  scopes: ['launch/patient', 'openid', 'fhirUser', 'patient/ExplanationOfBenefit.rs', 'patient/Patient.rs'],
  privacyPolicyUrl: 'https://journal.example/privacy',
  termsUrl: '',
  'privacy-sharing': 'We never share your data.',
  'privacy-deletion': 'Delete your account in Settings.',
  attest: 'yes',
  ...overrides,
});

describe('developer sign-in', () => {
  it('answers a new and a known address the same way, and the code signs either in', async () => {
    const known = await signIn('known.dev@apps.example');
    moveAppClock(61); // past the one-minute wait between codes
    const again = await requestDeveloperCode({ email: 'KNOWN.dev@apps.example ', locale: 'en', networkKey: '198.51.100.8' });
    const fresh = await requestDeveloperCode({ email: 'new.dev@apps.example', locale: 'en', networkKey: '198.51.100.8' });
    expect(again.developerId).toBe(known.id);
    // What the portal shows depends on nothing but whether the code went out.
    expect(Object.keys(again.sent).sort()).toEqual(Object.keys(fresh.sent).sort());
    expect(again.sent).toMatchObject({ ok: true, resendAfterSeconds: 60 });
    expect(fresh.sent).toMatchObject({ ok: true, resendAfterSeconds: 60 });
    // The code is stored only hashed, like a member's.
    const [code] = await suite.hub.db.select().from(verificationCodes).where(eq(verificationCodes.subjectId, fresh.developerId));
    expect(code).toMatchObject({ subjectKind: 'developer', purpose: 'developer-sign-in' });
    expect(code.codeHash).toMatch(/^hmac-sha256\./);
  });

  it('holds to the email-code limits: a resend waits a minute, a code dies after 5 wrong tries', async () => {
    const { developerId } = await requestDeveloperCode({ email: 'limits.dev@apps.example', locale: 'en', networkKey: network });
    expect((await requestDeveloperCode({ email: 'limits.dev@apps.example', locale: 'en', networkKey: network })).sent).toMatchObject({ ok: false, reason: 'wait' });
    const tries = [];
    for (let i = 0; i < 5; i += 1) tries.push(await confirmDeveloperCode({ developerId, code: '000000' }));
    expect(tries.at(-1)).toMatchObject({ ok: false, reason: 'too-many-tries' });
    const [account] = await suite.hub.db.select().from(developerAccounts).where(eq(developerAccounts.id, developerId));
    expect(account.verifiedAt).toBeNull();
  });
});

describe('connection requests', () => {
  it('refuses an http redirect that is not loopback, a wildcard and a fragment, each with its own message', () => {
    const result = connectionRequestSchema.safeParse(
      form({ redirectUri1: 'http://journal.example/callback', redirectUri2: 'https://*.journal.example/cb', redirectUri3: 'https://journal.example/cb#x', redirectUri4: 'http://127.0.0.1:9000/cb' }),
    );
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(issues).toEqual({ redirectUri1: 'redirectHttpNotLoopback', redirectUri2: 'redirectWildcard', redirectUri3: 'redirectFragment' });
  });

  it('refuses an app or company name that shows nothing, or turns its own letters around', () => {
    for (const name of ['\u200B\u200B\u200B', 'Good\u202Eppa liveE', '\u2067Health\u2069 Journal', '\u200F\u200F']) {
      const result = connectionRequestSchema.safeParse(form({ name, organization: name }));
      const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
      expect([name, issues.name, issues.organization]).toEqual([name, 'nameHiddenCharacters', 'nameHiddenCharacters']);
    }
    expect(connectionRequestSchema.safeParse(form({ name: 'صحتي Health', organization: 'Ñandú Apps' })).success).toBe(true);
  });

  it('needs the attestation, a resource scope and a first redirect URI', () => {
    const result = connectionRequestSchema.safeParse(form({ attest: '', scopes: ['openid'], redirectUri1: '' }));
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(issues).toMatchObject({ attest: 'attestRequired', scopes: 'chooseScopes', redirectUri1: 'redirectRequired' });
  });

  it('makes a pending app no one but its developer sees, and only a reviewer can list', async () => {
    const ana = await signIn('ana@journal.example');
    const request = connectionRequestSchema.parse(form({ redirectUri1: 'http://127.0.0.1:9100/', redirectUri2: 'com.journal.app:/callback' }));
    const { appId, clientId, clientSecret } = await requestAppConnection(ana, request);
    expect(appId).toMatch(/^health-journal-[0-9a-f]{6}$/);
    expect(clientId).toBe(appId);
    expect(clientSecret).toBeNull();
    expect(await findGalleryApp(appId)).toBeNull();
    expect(await findClientMetadata(clientId)).toBeNull();
    const mine = await findDeveloperApp(ana.id, appId);
    expect(mine).toMatchObject({
      status: 'pending',
      redirectUris: ['http://127.0.0.1:9100/', 'com.journal.app:/callback'],
      scopes: ['launch/patient', 'openid', 'fhirUser', 'patient/Patient.rs', 'patient/ExplanationOfBenefit.rs'],
      privacy: { sharing: { answer: 'We never share your data.' }, deletion: { answer: 'Delete your account in Settings.' } },
    });
    const [row] = await suite.hub.db.select().from(apps).where(eq(apps.id, appId));
    expect(row).toMatchObject({ codeOfConductAttested: true, contactEmail: 'ana@journal.example', developerAccountId: ana.id });
  });

  it('never lets a developer see or change another developer’s app', async () => {
    const ana = await signIn('ana2@journal.example');
    const ben = await signIn('ben@other.example');
    const { appId } = await requestAppConnection(ana, connectionRequestSchema.parse(form({ clientType: 'confidential' })));
    expect(await findDeveloperApp(ben.id, appId)).toBeNull();
    expect((await listDeveloperApps(ben.id)).map((a) => a.id)).not.toContain(appId);
    expect((await listDeveloperApps(ana.id)).map((a) => a.id)).toContain(appId);
    await expect(changePrivacyAnswers(ben.id, { appId, answers: { sharing: 'We sell everything.' } })).rejects.toMatchObject({ messageKey: 'appNotFound' });
    await expect(rotateClientSecret(ben.id, appId)).rejects.toMatchObject({ messageKey: 'appNotFound' });
    await expect(endPreviousClientSecret(ben.id, appId)).rejects.toMatchObject({ messageKey: 'appNotFound' });
    // Nor a demo app that no developer account owns.
    expect(await findDeveloperApp(ben.id, 'medtrack-rx')).toBeNull();
    const [row] = await suite.hub.db.select().from(apps).where(eq(apps.id, appId));
    expect(row.privacy).toEqual({ sharing: { answer: 'We never share your data.' }, deletion: { answer: 'Delete your account in Settings.' } });
  });
});

describe('redirect URIs the authorization server takes', () => {
  it('refuses every URI not in a browser\'s standard form, and a native app\'s https loopback one', () => {
    const result = connectionRequestSchema.safeParse(
      form({ redirectUri1: 'https:journal.example/cb', redirectUri2: 'HTTPS://JOURNAL.example/cb', redirectUri3: 'https://\u0430pple.com/cb', redirectUri4: 'https://journal.example\\@evil.example/cb', redirectUri5: 'https://journal.example' }),
    );
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(issues).toEqual({ redirectUri1: 'redirectNotStandard', redirectUri2: 'redirectNotStandard', redirectUri3: 'redirectNotStandard', redirectUri4: 'redirectNotStandard', redirectUri5: 'redirectNotStandard' });
    const mixed = connectionRequestSchema.safeParse(form({ redirectUri1: 'com.journal.app:/cb', redirectUri2: 'https://localhost:8443/cb', redirectUri3: 'com.journal.app:/cb' }));
    expect(Object.fromEntries(mixed.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({ redirectUri2: 'redirectNativeLoopbackHttps', redirectUri3: 'redirectDuplicate' });
  });

  it.each([
    ['a native app', ['http://127.0.0.1:9100/cb', 'com.journal.app:/cb', 'https://journal.example/native-cb'], 'native'],
    ['a web app', ['https://journal.example/cb', 'http://localhost:5173/cb', 'https://localhost:8443/cb'], 'web'],
  ])('%s, once approved, may use each URI it registered', async (_, uris, applicationType) => {
    const ana = await signIn(`ana-${applicationType}@journal.example`);
    const request = connectionRequestSchema.parse(form(Object.fromEntries(uris.map((uri, i) => [`redirectUri${i + 1}`, uri]))));
    const { appId, clientId } = await requestAppConnection(ana, request);
    await changeAppStatus({ appId, decision: 'approve', criterion: 'security-criteria-met', staffUsername: 'alex.admin' });
    const metadata = (await findClientMetadata(clientId))!;
    expect(metadata.application_type).toBe(applicationType);
    // The authorization server's own client checks (which refused the whole app before).
    await expect(suite.hub.provider.Client.validate(metadata)).resolves.toBeUndefined();
    for (const redirectUri of uris) {
      const query = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'launch/patient patient/Patient.rs', state: 'abcdefgh', aud: suite.hub.fhirBase, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
      const answer = await fetch(`${suite.hub.url}/oauth/auth?${query}`, { redirect: 'manual' });
      expect([redirectUri, answer.status]).toEqual([redirectUri, 303]);
    }
  });
});

describe('privacy answers changed after approval', () => {
  it('make a new version that members who connected are shown, and keep a reviewer’s mark only on unchanged words', async () => {
    const ana = await signIn('ana3@journal.example');
    const { appId } = await requestAppConnection(ana, connectionRequestSchema.parse(form()));
    await changeAppStatus({ appId, decision: 'approve', criterion: 'security-criteria-met', staffUsername: 'alex.admin' });
    await suite.hub.db.update(apps).set({ privacy: { sharing: { answer: 'We never share your data.', flag: 'ok' }, deletion: { answer: 'Delete your account in Settings.', flag: 'caution' } } }).where(eq(apps.id, appId));
    const { grant } = await suite.hub.approve({ uid: null, memberId: '100000000001', appId });

    const { changed } = await changePrivacyAnswers(ana.id, {
      appId,
      answers: { sharing: 'We share your data with research partners.', deletion: 'Delete your account in Settings.', use: 'To show your claims.' },
    });
    expect(changed).toEqual(['use', 'sharing']);
    const [row] = await suite.hub.db.select().from(apps).where(eq(apps.id, appId));
    expect(row.privacy).toEqual({
      use: { answer: 'To show your claims.' },
      sharing: { answer: 'We share your data with research partners.' },
      deletion: { answer: 'Delete your account in Settings.', flag: 'caution' },
    });
    expect(await suite.hub.db.select({ n: sql<number>`count(*)::int` }).from(appPrivacyVersions).where(eq(appPrivacyVersions.appId, appId))).toEqual([{ n: 1 }]);

    const maria = (await loadAccountScope({ kind: 'member', memberId: '100000000001' }))!;
    const shown = (await listPrivacyChanges(maria)).find((c) => c.grantId === grant.id);
    expect(shown?.changes).toEqual([
      { questionId: 'use', before: null, after: 'To show your claims.' },
      { questionId: 'sharing', before: 'We never share your data.', after: 'We share your data with research partners.' },
    ]);
    // Saving the same words again makes no new version.
    expect((await changePrivacyAnswers(ana.id, { appId, answers: { sharing: 'We share your data with research partners.', deletion: 'Delete your account in Settings.', use: 'To show your claims.' } })).changed).toEqual([]);
    const audit = await suite.hub.db.select().from(auditEvents).where(eq(auditEvents.appId, appId));
    expect(audit.map((a) => a.action).filter((action) => action.startsWith('app.'))).toEqual(['app.requested', 'app.approved', 'app.privacy-changed']);

    // The reviewer is told: the app waits in the queue with the answers to read again, until the marks are saved.
    const waiting = (await listAppsForReview('waiting')).find((a) => a.id === appId);
    expect(waiting?.privacyToReview?.questions).toEqual(['use', 'sharing']);
    expect((await findAppForReview(appId))?.privacyToReview?.questions).toEqual(['use', 'sharing']);
    const drawn = (await findAppForReview(appId))!.privacy;
    await markPrivacyAnswers({ appId, marks: {}, shown: Object.fromEntries(PRIVACY_QUESTION_IDS.map((id) => [id, privacyAnswerShown(drawn[id])])), staffUsername: 'alex.admin' });
    expect((await listAppsForReview('waiting')).find((a) => a.id === appId)).toBeUndefined();
    expect((await findAppForReview(appId))?.privacyToReview).toBeNull();
    // A later change asks again, for its own answers only.
    await changePrivacyAnswers(ana.id, { appId, answers: { sharing: 'We share your data with research partners.', deletion: 'Email us to delete.', use: 'To show your claims.' } });
    expect((await findAppForReview(appId))?.privacyToReview?.questions).toEqual(['deletion']);
  });
});

describe('a confidential client’s secret', () => {
  /** Client authentication at the token endpoint: a right secret gets past it (to invalid_grant), a wrong one gets invalid_client. */
  async function authenticates(clientId: string, secret: string): Promise<boolean> {
    const response = await fetch(`${suite.hub.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'not-a-real-code', redirect_uri: 'https://journal.example/callback', code_verifier: 'v'.repeat(43) }),
    });
    const body = (await response.json()) as { error: string };
    expect(['invalid_grant', 'invalid_client']).toContain(body.error);
    return body.error === 'invalid_grant';
  }

  it('is stored hashed, and after a rotation the old one works beside the new one for the grace period, then not', async () => {
    const ana = await signIn('ana4@journal.example');
    const { appId, clientId, clientSecret } = await requestAppConnection(ana, connectionRequestSchema.parse(form({ clientType: 'confidential', name: 'Care Ledger' })));
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await suite.hub.db.select().from(apps).where(eq(apps.id, appId));
    expect(row.clientSecretHash).toMatch(/^sha256\./);
    expect(JSON.stringify(row)).not.toContain(clientSecret!);
    await changeAppStatus({ appId, decision: 'approve', criterion: 'security-criteria-met', staffUsername: 'alex.admin' });
    expect(await authenticates(clientId, clientSecret!)).toBe(true);
    expect(await authenticates(clientId, 'a-guess')).toBe(false);

    const rotated = await rotateClientSecret(ana.id, appId);
    expect(rotated.clientSecret).not.toBe(clientSecret);
    expect(rotated.previousValidUntil.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(await authenticates(clientId, rotated.clientSecret)).toBe(true);
    expect(await authenticates(clientId, clientSecret!)).toBe(true);
    expect((await findDeveloperApp(ana.id, appId))?.previousSecretValidUntil).toEqual(rotated.previousValidUntil);

    moveAppClock(7 * 86_400 + 60);
    expect(await authenticates(clientId, clientSecret!)).toBe(false);
    expect(await authenticates(clientId, rotated.clientSecret)).toBe(true);
    resetAppClock();

    // Another rotation while the first secret still works (it does again, the clock being back)
    // would stop that one at once: refused, with the day it works until, unless the developer ticks
    // that they understand. Nothing changed meanwhile.
    await expect(rotateClientSecret(ana.id, appId, { locale: 'en' })).rejects.toMatchObject({
      messageKey: 'oldSecretStillLive',
      field: 'endOldSecret',
      values: { date: expect.stringMatching(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/) },
    });
    expect(await authenticates(clientId, clientSecret!)).toBe(true);
    expect(await authenticates(clientId, rotated.clientSecret)).toBe(true);
    // A leaked secret can be ended at once.
    const again = await rotateClientSecret(ana.id, appId, { endOldSecret: true });
    expect(await authenticates(clientId, clientSecret!)).toBe(false);
    expect(await authenticates(clientId, rotated.clientSecret)).toBe(true);
    await endPreviousClientSecret(ana.id, appId);
    expect(await authenticates(clientId, rotated.clientSecret)).toBe(false);
    expect(await authenticates(clientId, again.clientSecret)).toBe(true);
  });

  it('after a suspension for exposed credentials, no secret that existed then works again: reinstating needs a new one and ends the one it replaced', async () => {
    const ana = await signIn('ana5@journal.example');
    const { appId, clientId, clientSecret: leaked } = await requestAppConnection(ana, connectionRequestSchema.parse(form({ clientType: 'confidential', name: 'Care Ledger Two' })));
    await changeAppStatus({ appId, decision: 'approve', criterion: 'security-criteria-met', staffUsername: 'alex.admin' });
    // Rotated before the leak was reported: the older secret still works in its grace period.
    const current = await rotateClientSecret(ana.id, appId);
    expect(await authenticates(clientId, leaked!)).toBe(true);

    await changeAppStatus({ appId, decision: 'suspend', criterion: 'credentials-exposed', staffUsername: 'alex.admin' });
    expect((await findDeveloperApp(ana.id, appId))?.previousSecretValidUntil).toBeNull();
    // Not reinstated on the secrets of before.
    await expect(changeAppStatus({ appId, decision: 'reinstate', criterion: 'security-issue-resolved', staffUsername: 'alex.admin' })).rejects.toMatchObject({ messageKey: 'newSecretFirst' });
    expect((await suite.hub.db.select({ status: apps.status }).from(apps).where(eq(apps.id, appId)))[0].status).toBe('suspended');

    const fresh = await rotateClientSecret(ana.id, appId);
    await changeAppStatus({ appId, decision: 'reinstate', criterion: 'security-issue-resolved', staffUsername: 'alex.admin' });
    expect(await authenticates(clientId, fresh.clientSecret)).toBe(true);
    expect(await authenticates(clientId, current.clientSecret)).toBe(false);
    expect(await authenticates(clientId, leaked!)).toBe(false);
    const reinstated = (await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.appId, appId), eq(auditEvents.action, 'app.reinstated'))))[0];
    expect(reinstated.details).toMatchObject({ replacedSecretEnded: true });
  });
});
