import { and, eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, appClock, calendarDateIn, endOfDayInstant, todayIn } from '@/lib/calendar';
import { accessLog, appPrivacyVersions, apps, auditEvents, cases, consentGrants, oidcModels, outbox } from '@/lib/db/schema';
import { DrizzleOidcAdapter } from '@/lib/server/smart/oidc-adapter';
import { AppError } from '@/lib/server/errors/app-error';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { startTestSmtpServer } from '@/lib/server/mail/testing/test-smtp-server';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { connectAsRepresentative as connectRepresentative } from '@/lib/testing/connect-as-representative';
import { suiteHub } from '@/lib/testing/suite-hub';
import type { TestHub } from '@/lib/testing/test-hub';
import { loadAccountScope, memberInScope, type AccountScope, type AccountViewer } from './account-scope';
import type { DataCategory } from '@/lib/server/smart/smart-scopes';
import { changeSharing, ConnectionChangedElsewhere } from './change-sharing';
import { countWeeklyReads, mondayOf } from './count-weekly-reads';
import { describeConnections } from './describe-connections';
import { listAccountCases } from './list-account-cases';
import { findAccountConnection, listAccountConnections } from './list-account-connections';
import { listGrantAccess } from './list-grant-access';
import { listPrivacyChanges } from './list-privacy-changes';
import { reportProblem } from './report-problem';
import { stopSharing } from './stop-sharing';
import { testWording } from './testing/test-wording';
import { loadCallerRecord } from '@/lib/server/staff/load-caller-record';

// The JSON route reads the session and the request's language through these two; the test names
// the viewer instead.
const signedIn = vi.hoisted(() => ({ account: null as null | { session: unknown; scope: unknown } }));
vi.mock('./load-signed-in-account', () => ({ loadSignedInAccount: async () => signedIn.account }));
vi.mock('./account-wording', async () => ({ accountWording: async () => (await import('./testing/test-wording')).testWording('en') }));

const MARIA = '100000000001';
const FATIMA = '100000000016';
const EMMA = '100000000009';
const NOAH = '100000000010';
const GRACE = '100000000011';

let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
// Registered before the hub: the mail server is up before the hub starts and closes after it.
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => smtp?.close());
const suite = suiteHub({ dataDirPrefix: 'hub-account-', mailToDevOutbox: false, restoreEnv: ['SMTP_URL'] });
afterEach(async () => {
  await settleMailDeliveries();
  signedIn.account = null;
});

const scopeOf = async (viewer: AccountViewer) => (await loadAccountScope(viewer))!;
const memberScope = (memberId: string) => scopeOf({ kind: 'member', memberId });
const wording = testWording('en');
const grantRow = async (id: string) => (await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, id)))[0];

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

/** A gallery approval (no token yet) for a member. */
const connect = (memberId: string, appId = 'carecompass', options: Partial<Parameters<TestHub['approve']>[0]> = {}) =>
  suite.hub.approve({ uid: null, memberId, appId, ...options }).then((r) => r.grant);

/** A representative's approval for a member they act for. */
const connectAsRepresentative = (repId: string, memberId: string, appId?: string) => connectRepresentative(suite.hub, repId, memberId, appId);

describe('whose connections a viewer sees', () => {
  it('a member sees only their own connections, and never another member’s history', async () => {
    const mine = await connect(MARIA);
    const fatimas = await connect(FATIMA);
    await suite.hub.db.insert(accessLog).values({ grantId: fatimas.id, resourceType: 'ExplanationOfBenefit', interaction: 'search', count: 12 });
    const maria = await memberScope(MARIA);

    const listed = await listAccountConnections(maria);
    expect(listed.map((c) => c.grantId)).toContain(mine.id);
    expect(listed.every((c) => c.memberId === MARIA)).toBe(true);
    expect(await findAccountConnection(maria, fatimas.id)).toBeNull();
    expect(await findAccountConnection(maria, 'not-a-grant-id')).toBeNull();
    expect(await listGrantAccess(maria, fatimas.id)).toMatchObject({ rows: [], total: 0 });
    const weeks = await countWeeklyReads(maria, fatimas.id, { from: new Date(Date.now() - 86_400_000), to: new Date() });
    expect(weeks.every((w) => w.reads === 0)).toBe(true);
  });

  it('refuses another member’s grant id in every action, and leaves that grant alone', async () => {
    const fatimas = await connect(FATIMA);
    const maria = await memberScope(MARIA);
    await expectAppError(stopSharing(maria, { grantId: fatimas.id, locale: 'en' }), 'not-found');
    await expectAppError(
      changeSharing(maria, { grantId: fatimas.id, categories: ['personal'], includeSensitive: false, endInDays: null, locale: 'en', categoryNames: wording.categoryNames }),
      'not-found',
    );
    await expectAppError(reportProblem(maria, { about: fatimas.id, otherAppName: '', memberId: '', kind: 'misuse', description: 'Something odd happened.', contact: '' }), 'not-found');
    await expectAppError(reportProblem(maria, { about: 'other', otherAppName: 'X', memberId: FATIMA, kind: 'misuse', description: 'Something odd happened.', contact: '' }), 'no-member');
    const after = await grantRow(fatimas.id);
    expect(after.revokedAt).toBeNull();
    expect(after.replacedBy).toBeNull();
    expect(await suite.hub.db.select().from(cases).where(eq(cases.memberId, FATIMA))).toHaveLength(0);
  });

  it('a representative sees the members under active authority only, each labelled', async () => {
    const emmas = await connectAsRepresentative('R-0002', EMMA);
    const noahs = await connect(NOAH);
    const graces = await connect(GRACE);

    const giulia = await scopeOf({ kind: 'representative', repId: 'R-0002' });
    expect(giulia.members.map((m) => m.memberId).sort()).toEqual([EMMA, '100000000017']);
    const listed = await listAccountConnections(giulia);
    expect(listed.map((c) => c.grantId)).toContain(emmas.id);
    expect(listed.map((c) => c.grantId)).not.toContain(noahs.id);
    const payload = describeConnections(giulia, listed, wording);
    expect(payload.forRepresentative).toBe(true);
    const emma = payload.members.find((m) => m.memberId === EMMA)!;
    expect(emma.heading).toBe('Emma Rossi (you act as parent)');
    expect(emma.current.find((c) => c.grantId === emmas.id)).toMatchObject({ approvedBy: 'You, as parent', sensitive: 'Not shared', categories: ['Personal information', 'Claims and visits'] });

    // Noah turned 18: his parent's authority ended. Karen Liu's designation ended 30 days ago.
    for (const repId of ['R-0003', 'R-0005']) {
      const ended = await scopeOf({ kind: 'representative', repId });
      expect(ended.members).toEqual([]);
      expect(await listAccountConnections(ended)).toEqual([]);
      expect(await findAccountConnection(ended, repId === 'R-0003' ? noahs.id : graces.id)).toBeNull();
    }
    const thomas = await scopeOf({ kind: 'representative', repId: 'R-0004' });
    expect((await listAccountConnections(thomas)).map((c) => c.grantId)).toEqual([graces.id]);
    expect(memberInScope(thomas, MARIA)).toBeUndefined();
  });

  it('the JSON route answers 401 without a session and 404 for a member outside the scope', async () => {
    const { GET } = await import('@/app/(member)/account/api/connections/route');
    const fatimas = await connect(FATIMA);
    const mine = await connect(MARIA);
    const request = (query = '') => new NextRequest(`http://localhost/account/api/connections${query}`);

    expect((await GET(request())).status).toBe(401);
    signedIn.account = { session: { kind: 'member', memberId: MARIA, verifiedAt: 0 }, scope: await memberScope(MARIA) };
    expect((await GET(request(`?memberId=${FATIMA}`))).status).toBe(404);
    const own = await GET(request(`?memberId=${MARIA}`));
    expect(own.status).toBe(200);
    const body = JSON.stringify(await own.json());
    expect(body).toContain(mine.id);
    expect(body).not.toContain(fatimas.id);
    expect(body).not.toContain(FATIMA);
  });
});

describe('approving', () => {
  it('is all or nothing: when the grant\u2019s copy in the authorization server cannot be written, no grant or audit row remains; the retry writes both', async () => {
    const requestKey = crypto.randomUUID();
    const auditRows = async () => (await suite.hub.db.select({ id: auditEvents.id }).from(auditEvents)).length;
    const before = await auditRows();
    const upsert = vi.spyOn(DrizzleOidcAdapter.prototype, 'upsert').mockRejectedValueOnce(new Error('connection lost'));
    await expect(suite.hub.approve({ uid: null, memberId: GRACE, appId: 'carecompass', requestKey })).rejects.toThrow('connection lost');
    expect(upsert).toHaveBeenCalledTimes(1);
    upsert.mockRestore();
    expect(await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.requestKey, requestKey))).toEqual([]);
    expect(await auditRows()).toBe(before);

    const { grant } = await suite.hub.approve({ uid: null, memberId: GRACE, appId: 'carecompass', requestKey });
    expect(grant.requestKey).toBe(requestKey);
    const [mirror] = await suite.hub.db.select().from(oidcModels).where(and(eq(oidcModels.model, 'Grant'), eq(oidcModels.id, grant.id)));
    expect(mirror?.grantId).toBe(grant.id);
    expect(await auditRows()).toBeGreaterThan(before);
  });
});

describe('past and paused connections', () => {
  it('say when and why they ended, or why the app cannot read now', async () => {
    const ran = await connect(MARIA, 'carecompass');
    const yesterday = addDays(todayIn(appClock()), -1);
    await suite.hub.db.update(consentGrants).set({ expiresAt: endOfDayInstant(yesterday) }).where(eq(consentGrants.id, ran.id));
    const paused = await connect(MARIA, 'medtrack-rx');
    // A reviewer's own words stay with staff: members read the criterion, translated.
    await suite.hub.db.update(apps).set({ status: 'suspended', statusCriterion: 'failed-security-assessment', statusReason: 'Pen test found SQL injection' }).where(eq(apps.id, 'medtrack-rx'));
    try {
      const maria = await memberScope(MARIA);
      const [view] = describeConnections(maria, await listAccountConnections(maria), wording).members;
      expect(view.past.find((c) => c.grantId === ran.id)).toMatchObject({
        state: 'ended',
        note: 'It ended on its end date.',
        endsOn: formatCalendarDate(yesterday, 'en'),
      });
      expect(view.current.find((c) => c.grantId === paused.id)).toMatchObject({ state: 'paused' });
      expect(view.current.find((c) => c.grantId === paused.id)!.note).toContain('The reason: The app did not pass our security check.');
      expect(view.current.find((c) => c.grantId === paused.id)!.note).not.toContain('SQL');
      const spanish = describeConnections(maria, await listAccountConnections(maria), testWording('es')).members[0];
      expect(spanish.current.find((c) => c.grantId === paused.id)!.note).toContain('El motivo: la app no pasó nuestra revisión de seguridad.');
      expect(spanish.past.find((c) => c.grantId === ran.id)!.note).toBe('Terminó en su fecha final.');
    } finally {
      await suite.hub.db.update(apps).set({ status: 'approved', statusReason: null, statusCriterion: null }).where(eq(apps.id, 'medtrack-rx'));
    }
  });
});

describe('connecting an app again', () => {
  // Daniel Murphy: no other test here connects him.
  const DANIEL = '100000000004';

  it('ends the connection the same person made before, tokens included: one card, one "Stop sharing"', async () => {
    const first = await suite.hub.launch({ memberId: DANIEL });
    const second = await suite.hub.launch({ memberId: DANIEL });
    expect(await suite.hub.fhirStatus('Coverage', first.tokens.access_token)).toBe(401);
    expect(await suite.hub.fhirStatus('Coverage', second.tokens.access_token)).toBe(200);
    const daniel = await memberScope(DANIEL);
    const [view] = describeConnections(daniel, await listAccountConnections(daniel), wording).members;
    expect(view.current.map((c) => c.grantId)).toEqual([second.grant.id]);
    expect(view.current[0].note).toBeNull();
    expect(view.past.find((c) => c.grantId === first.grant.id)).toMatchObject({ state: 'ended', note: 'Blue Button Explorer was connected again. The new connection took its place.' });
    const [audit] = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.grantId, first.grant.id), eq(auditEvents.action, 'consent.revoked')));
    expect(audit).toMatchObject({ actorKind: 'member', actorId: DANIEL, details: { reason: 'connected-again', replacedBy: second.grant.id } });
    // Customer service reads the same on the caller screen.
    const caller = (await loadCallerRecord(DANIEL))!;
    expect(caller.connections.find((c) => c.grantId === first.grant.id)).toMatchObject({ current: false, state: 'Replaced: the app was connected again' });
    await stopSharing(daniel, { grantId: second.grant.id, locale: 'en' });
    expect(await suite.hub.fhirStatus('Coverage', second.tokens.access_token)).toBe(401);
    // Two past cards of one app: their links say when each ended.
    const past = describeConnections(daniel, await listAccountConnections(daniel), wording).members[0].past.filter((c) => c.appName === 'Blue Button Explorer');
    expect(past.length).toBeGreaterThanOrEqual(2);
    for (const card of past) expect(card.linkName).toMatch(/^Blue Button Explorer, ended on [A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [AP]M Eastern time( \(\d of \d\))?$/);
    // Ended in the same minute here: numbered, so no two links read alike.
    expect(new Set(past.map((card) => card.linkName)).size).toBe(past.length);
    // When the app last read: to the minute, naming the payer's time zone (a phone may be set to another).
    expect(past.find((c) => c.grantId === second.grant.id)!.lastRead).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\s[AP]M Eastern time$/);
    const enEspanol = describeConnections(daniel, await listAccountConnections(daniel), testWording('es')).members[0].past;
    expect(enEspanol.find((c) => c.grantId === second.grant.id)!.lastRead).toMatch(/^\d{1,2} de [a-z]+ de \d{4} a las? \d{1,2}:\d{2}\s[ap]\.\s?m\. hora del Este$/);
  });

  it('leaves a connection someone else made: both say so, and each stops on its own', async () => {
    const own = await connect(FATIMA, 'open-notes');
    const omars = await connectAsRepresentative('R-0006', FATIMA, 'open-notes');
    const fatima = await memberScope(FATIMA);
    const current = describeConnections(fatima, await listAccountConnections(fatima), wording).members[0].current;
    for (const id of [own.id, omars.id]) {
      const view = current.find((c) => c.grantId === id)!;
      expect(view.note).toBe('You have 2 connections with Open Notes Journal, each approved by a different person. Stopping this one does not stop the others.');
      expect(view.approvedOn).toMatch(/\d{1,2}:\d{2}/);
    }
    // Their links ("Stop sharing: …") are told apart by who approved each (WCAG 2.4.4).
    expect(current.find((c) => c.grantId === own.id)!.linkName).toBe('Open Notes Journal, approved by you');
    expect(current.find((c) => c.grantId === omars.id)!.linkName).toBe('Open Notes Journal, approved by Omar Haddad, as authorized representative');
    const omar = (await loadAccountScope({ kind: 'representative', repId: 'R-0006' }))!;
    const omarsView = describeConnections(omar, await listAccountConnections(omar), wording).members.find((m) => m.memberId === FATIMA)!.current;
    // Omar, a designee, sees only the connection he made: his links need no more than the app.
    expect(omarsView.map((c) => [c.grantId, c.linkName])).toEqual([[omars.id, 'Open Notes Journal']]);
    const spanish = describeConnections(fatima, await listAccountConnections(fatima), testWording('es')).members[0].current;
    expect(spanish.find((c) => c.grantId === own.id)!.linkName).toBe('Open Notes Journal, conexión aprobada por usted');
    expect(spanish.find((c) => c.grantId === own.id)!.note).toBe('Usted tiene 2 conexiones con Open Notes Journal, cada una aprobada por una persona diferente. Si detiene esta, las otras siguen.');
    await stopSharing(fatima, { grantId: own.id, locale: 'en' });
    const after = describeConnections(fatima, await listAccountConnections(fatima), wording).members[0].current;
    expect(after.find((c) => c.grantId === omars.id)).toMatchObject({ state: 'active', note: null, linkName: 'Open Notes Journal' });
    expect(after.find((c) => c.grantId === omars.id)!.approvedOn).not.toMatch(/\d{1,2}:\d{2}/);
  });
});

describe('stop sharing', () => {
  it('ends the grant and every token of it at once, with an audit row and the “ended” email', async () => {
    const { tokens, grant, config } = await suite.hub.launch({ memberId: MARIA });
    expect(await suite.hub.fhirStatus('ExplanationOfBenefit', tokens.access_token)).toBe(200);
    const maria = await memberScope(MARIA);
    const received = smtp.received.length;

    expect(await stopSharing(maria, { grantId: grant.id, locale: 'es' })).toEqual({ appName: 'Blue Button Explorer', grantId: grant.id });
    expect(await suite.hub.fhirStatus('ExplanationOfBenefit', tokens.access_token)).toBe(401);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
    expect(await grantRow(grant.id)).toMatchObject({ revokedReason: 'member-stopped', revokedBy: `member:${MARIA}` });
    const audit = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.grantId, grant.id), eq(auditEvents.action, 'consent.revoked')));
    expect(audit).toHaveLength(1);

    await settleMailDeliveries();
    const mails = smtp.received.slice(received);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['maria.santos@members.example']);
    expect(mails[0].decoded).toContain('La app Blue Button Explorer ya no puede recibir su información');

    await expectAppError(stopSharing(maria, { grantId: grant.id, locale: 'en' }), 'already-ended');
    const past = (await listAccountConnections(maria)).find((c) => c.grantId === grant.id)!;
    expect(past.state).toBe('stopped');
    const view = describeConnections(maria, [past], wording).members[0].past[0];
    expect(view).toMatchObject({ state: 'ended', note: 'You stopped sharing.' });
  });

  it('a parent stopping the connection their child made tells the parent, naming the child, and never writes to the child', async () => {
    const emmas = await connect(EMMA, 'medtrack-rx');
    const giulia = await scopeOf({ kind: 'representative', repId: 'R-0002' });
    await stopSharing(giulia, { grantId: emmas.id, locale: 'es' });
    const mails = await suite.hub.db.select().from(outbox).where(sql`${outbox.dedupeKey} like ${`%${emmas.id}%`}`);
    expect(mails.map((m) => [m.toAddress, m.template, m.locale])).toEqual([['giulia.rossi@reps.example', 'representative-connection-ended', 'es']]);
    expect(mails[0].params).toMatchObject({ memberName: 'Emma Rossi', appName: 'MedTrack Rx' });
    // Recorded as the representative's stop, not the member's.
    expect(await grantRow(emmas.id)).toMatchObject({ revokedReason: 'representative-stopped', revokedBy: 'representative:R-0002' });
  });

  it('says the app ended the connection when the app revoked its own access, not that MassHealth stopped it', async () => {
    const { tokens, grant } = await suite.hub.launch({ memberId: MARIA });
    const revoked = await fetch(`${suite.hub.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.access_token, token_type_hint: 'access_token', client_id: 'blue-button-explorer' }),
    });
    expect(revoked.status).toBe(200);
    const maria = await memberScope(MARIA);
    const past = (await listAccountConnections(maria)).find((c) => c.grantId === grant.id)!;
    expect(past).toMatchObject({ state: 'stopped', revokedByKind: 'app' });
    expect(describeConnections(maria, [past], wording).members[0].past[0].note).toBe('Blue Button Explorer ended this connection itself. To share with it again, connect it again.');
    expect(describeConnections(maria, [past], testWording('es')).members[0].past[0].note).toBe('Blue Button Explorer terminó esta conexión por su cuenta. Para volver a compartir con la app, conéctela otra vez.');
  });
});

describe('change what is shared', () => {
  it('replaces the grant with a narrower one and ends the old one’s tokens', async () => {
    const { tokens, grant: old, config } = await suite.hub.launch({ memberId: MARIA, includeSensitive: true, duration: '1y' });
    const maria = await memberScope(MARIA);
    const received = smtp.received.length;

    const changed = await changeSharing(maria, {
      grantId: old.id,
      categories: ['personal', 'coverage'],
      includeSensitive: false,
      endInDays: 30,
      locale: 'en',
      categoryNames: wording.categoryNames,
    });
    const replacement = await grantRow(changed.grantId);
    expect(replacement).toMatchObject({ memberId: MARIA, appId: 'blue-button-explorer', categories: ['personal', 'coverage'], includeSensitive: false, revokedAt: null });
    expect(replacement.expiresAt.getTime()).toBe(endOfDayInstant(addDays(todayIn(appClock()), 30)).getTime());
    expect(replacement.scopes).not.toContain('ExplanationOfBenefit');
    expect(await grantRow(old.id)).toMatchObject({ revokedReason: 'replaced', replacedBy: changed.grantId });

    // The old tokens end at once; the new grant waits in the authorization server for a new launch.
    expect(await suite.hub.fhirStatus('Patient', tokens.access_token)).toBe(401);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
    expect(await suite.hub.db.select().from(oidcModels).where(and(eq(oidcModels.model, 'Grant'), eq(oidcModels.id, changed.grantId)))).toHaveLength(1);

    await settleMailDeliveries();
    const receipts = smtp.received.slice(received);
    expect(receipts).toHaveLength(1);
    expect(receipts[0].decoded).toContain('Personal information, Coverage');
    // A change has its own words: the app gets less (not "You said yes to sharing").
    expect(receipts[0].decoded).toContain('You changed what the app Blue Button Explorer can get');
    expect(receipts[0].decoded).not.toContain('You said yes');

    // A second submit of the same choice lands on the same replacement.
    const same = { grantId: old.id, categories: ['personal', 'coverage'] as DataCategory[], includeSensitive: false, endInDays: 30, locale: 'en' as const, categoryNames: wording.categoryNames };
    expect(await changeSharing(maria, same)).toEqual(changed);
    // Another choice made on the old form (another tab) is not dropped while saying "saved": nothing
    // changes, and the member is sent to the connection as it now is, to choose again.
    const stale = await changeSharing(maria, { ...same, categories: ['coverage'] }).then(() => null, (e: unknown) => e);
    expect(stale).toBeInstanceOf(ConnectionChangedElsewhere);
    expect((stale as ConnectionChangedElsewhere).grantId).toBe(changed.grantId);
    expect(await grantRow(changed.grantId)).toMatchObject({ categories: ['personal', 'coverage'], revokedAt: null });
    // The replacement itself needs a real change.
    await expectAppError(
      changeSharing(maria, { grantId: changed.grantId, categories: ['personal', 'coverage'], includeSensitive: false, endInDays: 60, locale: 'en', categoryNames: wording.categoryNames }),
      'no-change',
    );
  });

  it('stops the connection now in force when "Stop sharing" comes from a page drawn before a change', async () => {
    const old = await connect(MARIA, 'open-notes', { categories: ['personal', 'coverage'], includeSensitive: false });
    const maria = await memberScope(MARIA);
    const changed = await changeSharing(maria, { grantId: old.id, categories: ['personal'], includeSensitive: false, endInDays: null, locale: 'en', categoryNames: wording.categoryNames });
    // The stop page of the old connection, still open in another tab.
    expect(await stopSharing(maria, { grantId: old.id, locale: 'en' })).toEqual({ appName: 'Open Notes Journal', grantId: changed.grantId });
    expect(await grantRow(changed.grantId)).toMatchObject({ revokedReason: 'member-stopped' });
    await expectAppError(stopSharing(maria, { grantId: old.id, locale: 'en' }), 'already-ended');
  });

  it('never adds a category or sensitive data the member had not shared', async () => {
    const old = await connect(MARIA, 'carecompass', { categories: ['personal'], includeSensitive: false });
    const maria = await memberScope(MARIA);
    await expectAppError(
      changeSharing(maria, { grantId: old.id, categories: ['personal', 'claims'], includeSensitive: true, endInDays: null, locale: 'en', categoryNames: wording.categoryNames }),
      'no-change',
    );
    await expectAppError(
      changeSharing(maria, { grantId: old.id, categories: ['claims'], includeSensitive: false, endInDays: null, locale: 'en', categoryNames: wording.categoryNames }),
      'no-category',
    );
  });
});

describe('access history', () => {
  it('pages every read newest first and counts reads per week in the payer’s time zone', async () => {
    const grant = await connect(MARIA, 'open-notes');
    const now = Date.now();
    const rows = Array.from({ length: 30 }, (_, i) => ({
      grantId: grant.id,
      at: new Date(now - i * 2 * 86_400_000),
      resourceType: i % 3 === 0 ? 'Patient' : 'ExplanationOfBenefit',
      interaction: i % 3 === 0 ? 'read' : 'search',
      count: i % 3 === 0 ? 1 : 50,
    }));
    await suite.hub.db.insert(accessLog).values(rows);
    await suite.hub.db.update(consentGrants).set({ createdAt: new Date(now - 70 * 86_400_000) }).where(eq(consentGrants.id, grant.id));
    const maria = await memberScope(MARIA);

    const first = await listGrantAccess(maria, grant.id);
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0].at.getTime()).toBe(rows[0].at.getTime());
    expect(first.rows.map((r) => r.at.getTime())).toEqual([...first.rows.map((r) => r.at.getTime())].sort((a, b) => b - a));
    const second = await listGrantAccess(maria, grant.id, { page: 2 });
    expect(second.rows.map((r) => r.at.getTime())).toEqual(rows.slice(25).map((r) => r.at.getTime()));
    expect((await listGrantAccess(maria, grant.id, { page: 99 })).page).toBe(2);

    const weeks = await countWeeklyReads(maria, grant.id, { from: new Date(now - 70 * 86_400_000), to: new Date(now) });
    // 70 days span 11 weeks, or 10 when the span starts on a Monday in the payer's zone (it did in
    // CI once: a Monday 00:01 Eastern, 70 days before a Sunday 23:01 after the clocks went back).
    const firstMonday = mondayOf(calendarDateIn(new Date(now - 70 * 86_400_000)));
    const lastMonday = mondayOf(calendarDateIn(new Date(now)));
    const weekCount = 1 + (Date.parse(lastMonday) - Date.parse(firstMonday)) / (7 * 86_400_000);
    expect(weekCount === 10 || weekCount === 11).toBe(true);
    expect(weeks).toHaveLength(weekCount);
    expect(weeks[0].weekStart).toBe(firstMonday);
    expect(weeks.at(-1)?.weekStart).toBe(lastMonday);
    expect(weeks.every((w, i) => w.weekStart === mondayOf(w.weekStart) && (i === 0 || w.weekStart === addDays(weeks[i - 1].weekStart, 7)))).toBe(true);
    expect(weeks.reduce((sum, w) => sum + w.reads, 0)).toBe(30);
    expect(weeks.reduce((sum, w) => sum + w.records, 0)).toBe(rows.reduce((sum, r) => sum + r.count, 0));
  });
});

describe('weekly reads', () => {
  it('counts the weeks of a span in the payer’s time zone, across the change of clocks', async () => {
    const grant = await connect(MARIA, 'open-notes');
    const maria = await memberScope(MARIA);
    // Monday 00:01 Eastern (summer time) to Sunday 23:01 Eastern (winter time): exactly 10 weeks.
    const fromMonday = await countWeeklyReads(maria, grant.id, { from: new Date('2026-09-28T04:01:00Z'), to: new Date('2026-12-07T04:01:00Z') });
    expect(fromMonday.map((w) => w.weekStart)).toEqual(Array.from({ length: 10 }, (_, i) => addDays('2026-09-28', 7 * i)));
    // One hour earlier it is still Sunday in Eastern time, so that week counts too: 11.
    const fromSunday = await countWeeklyReads(maria, grant.id, { from: new Date('2026-09-28T03:01:00Z'), to: new Date('2026-12-07T04:01:00Z') });
    expect(fromSunday[0].weekStart).toBe('2026-09-21');
    expect(fromSunday).toHaveLength(11);
  });
});

describe('report a problem', () => {
  it('opens a case for the privacy officer, with an audit row that holds no words of the report', async () => {
    const grant = await connect(MARIA, 'medtrack-rx');
    const maria = await memberScope(MARIA);
    const { caseId } = await reportProblem(maria, { about: grant.id, otherAppName: '', memberId: '', kind: 'breach', description: 'My neighbour knew about my prescriptions.', contact: '617-555-0101' });
    const [row] = await suite.hub.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ memberId: MARIA, appId: 'medtrack-rx', grantId: grant.id, kind: 'breach', status: 'open', reportedByKind: 'member', reportedById: MARIA });
    const [audit] = await suite.hub.db.select().from(auditEvents).where(eq(auditEvents.action, 'case.opened'));
    expect(JSON.stringify(audit)).not.toContain('neighbour');

    const { caseId: other } = await reportProblem(maria, { about: 'other', otherAppName: 'Pill Pal', memberId: '', kind: 'misuse', description: 'It sent me ads about my care.', contact: '' });
    const listed = await listAccountCases(maria);
    expect(listed.map((c) => c.id)).toEqual(expect.arrayContaining([caseId, other]));
    expect(listed.find((c) => c.id === other)).toMatchObject({ appName: null, otherAppName: 'Pill Pal', status: 'open' });
    expect(await listAccountCases(await memberScope(FATIMA))).toEqual([]);
  });

  it('opens one case for one form, however often and at once it is sent', async () => {
    const maria = await memberScope(MARIA);
    const report = { about: 'other', otherAppName: 'Pill Pal', memberId: '', kind: 'misuse' as const, description: 'It sent my visits to an advertiser.', contact: '', reportKey: crypto.randomUUID() };
    const first = await Promise.all([reportProblem(maria, report), reportProblem(maria, report)]);
    const again = await reportProblem(maria, report);
    expect(new Set([...first, again].map((r) => r.caseId)).size).toBe(1);
    expect(await suite.hub.db.select().from(cases).where(eq(cases.description, report.description))).toHaveLength(1);
    expect(await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'case.opened'), sql`${auditEvents.details}->>'caseId' = ${again.caseId}`))).toHaveLength(1);
    // Another form (another key) is another report; so is Fatima's with the same key.
    expect((await reportProblem(maria, { ...report, reportKey: crypto.randomUUID() })).caseId).not.toBe(again.caseId);
    expect((await reportProblem(await memberScope(FATIMA), report)).caseId).not.toBe(again.caseId);
  });
});

describe('privacy answers changed', () => {
  it('shows which answers changed since the member connected, old and new', async () => {
    const grant = await connect(MARIA, 'blue-button-explorer');
    const [app] = await suite.hub.db.select().from(apps).where(eq(apps.id, 'blue-button-explorer'));
    const before = app.privacy;
    const after = { ...before, 'sale-advertising-research': { answer: 'We may use your data for research.', flag: 'warning' as const } };
    delete (after as Record<string, unknown>).deletion;
    // The developer portal keeps the answers being replaced, then saves the new ones.
    await suite.hub.db.insert(appPrivacyVersions).values({ appId: app.id, privacy: before });
    await suite.hub.db.update(apps).set({ privacy: after, privacyUpdatedAt: new Date() }).where(eq(apps.id, app.id));

    const changes = (await listPrivacyChanges(await memberScope(MARIA))).find((c) => c.grantId === grant.id)!;
    expect(changes.changes).toEqual([
      { questionId: 'sale-advertising-research', before: before['sale-advertising-research']?.answer ?? null, after: 'We may use your data for research.' },
      { questionId: 'deletion', before: before.deletion?.answer ?? null, after: null },
    ]);
    // A member who connects after the change has nothing to be told.
    const later = await connect(MARIA, 'blue-button-explorer');
    expect((await listPrivacyChanges(await memberScope(MARIA))).some((c) => c.grantId === later.id)).toBe(false);
  });
});

describe('the outbox row of a stop', () => {
  it('is one per grant however often the stop is tried', async () => {
    const grant = await connect(MARIA, 'carecompass');
    const maria: AccountScope = await memberScope(MARIA);
    await Promise.allSettled([stopSharing(maria, { grantId: grant.id, locale: 'en' }), stopSharing(maria, { grantId: grant.id, locale: 'en' })]);
    expect(await suite.hub.db.select().from(outbox).where(eq(outbox.dedupeKey, `connection-ended:${grant.id}`))).toHaveLength(1);
  });
});
