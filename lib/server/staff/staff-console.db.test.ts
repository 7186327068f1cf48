import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { updateCaseSchema } from '@/lib/schemas/staff';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { auditEvents, authorities, cases, consentGrants, members, oidcModels, outbox, staff } from '@/lib/db/schema';
import { loadAccountScope } from '@/lib/server/account/account-scope';
import { describeConnections } from '@/lib/server/account/describe-connections';
import { listAccountConnections } from '@/lib/server/account/list-account-connections';
import { testWording } from '@/lib/server/account/testing/test-wording';
import { writeHubSession } from '@/lib/server/auth/hub-session';
import { AppError } from '@/lib/server/errors/app-error';
import { verifyIdentity } from '@/lib/server/identity/verify-identity';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { suiteHub } from '@/lib/testing/suite-hub';
import { readHubSession } from '@/lib/server/auth/hub-session';
import { loadStaffActor, type StaffActor } from './load-staff-actor';
import { listStaffAccounts, setStaffDisabled, setStaffRoles, unlockStaffSignIn } from './manage-staff';
import { listCaseQueue } from './list-case-queue';
import { listCaseOwners } from './load-case';
import { addCaseNote, updateCase } from './update-case';
import { lookupCaller } from './lookup-caller';
import { loadCallerRecord } from './load-caller-record';
import { loadRepresentativeRecord } from './load-representative-record';
import { connectAsRepresentative } from '@/lib/testing/connect-as-representative';
import { renderMail } from '@/lib/server/mail/render-mail';
import { recordAuthorityEnd } from './record-authority-end';
import { recordStaffMemberAccess } from './record-staff-member-access';
import { sendConnectLink } from './send-connect-link';
import { signInStaffWithPassword } from './sign-in-staff-with-password';
import { STAFF_LOOKUP_LIMITS } from './staff-lookup-limits';
import { permissionsOf } from './staff-permissions';
import { stopConnectionForCaller } from './stop-connection-for-caller';

// The session cookie and the request's headers, faked at the one seam server code reads them
// through, so the console's actions and routes run as a signed-in staff user would.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string | { name: string }) => void jar.delete(typeof name === 'string' ? name : name.name),
  }),
  headers: async () => new Headers({ 'x-request-id': 'test-request', 'x-pathname': '/staff' }),
}));

const MARIA = '100000000001';
const KEVIN = '100000000002';
const FATIMA = '100000000016';
const previousDemoData = process.env.DEMO_DATA;
const suite = suiteHub({ dataDirPrefix: 'hub-staff-', restoreEnv: ['DEMO_DATA'] });
afterEach(async () => {
  await settleMailDeliveries();
  jar.clear();
  process.env.DEMO_DATA = previousDemoData;
});

const actor = (username: string, roles: string[]): StaffActor => ({ username, name: username, roles, permissions: permissionsOf(roles), verifiedAt: Date.now() });
const casey = actor('casey.csr', ['csr']);

async function signInAs(username: string) {
  await writeHubSession({ kind: 'staff', username, roles: [], verifiedAt: Date.now() });
}

/** The case form as the page draws it for a new, unowned case, with `changes` made by the user. */
function caseForm(caseId: string, changes: Record<string, string>, shown: Record<string, string> = {}) {
  const form = new FormData();
  const showing = { shownStatus: 'open', shownOwner: '', shownDueOn: '', shownOcr: 'no', shownFtc: 'no', ...shown };
  for (const [key, value] of Object.entries({ caseId, status: showing.shownStatus, owner: showing.shownOwner, dueOn: showing.shownDueOn, ...showing, ...changes })) form.set(key, value);
  return form;
}

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe('staff sign-in', () => {
  const tryPassword = (username: string, password: string, networkKey = '198.51.100.7') => signInStaffWithPassword({ username, password, networkKey });

  it('opens with the right password, and answers alike for a wrong password and an unknown username', async () => {
    expect(await tryPassword(' Casey.CSR ', 'demo-csr-2026!')).toEqual({ ok: true, staff: { username: 'casey.csr', name: 'Casey Morgan' } });
    expect(await tryPassword('casey.csr', 'demo-csr-2026?')).toEqual({ ok: false, reason: 'invalid' });
    expect(await tryPassword('nobody.here', 'demo-csr-2026!')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('locks a username after five failures, known or not, without locking anyone else or any member', async () => {
    for (const username of ['pat.privacy', 'ghost.user']) {
      for (let i = 0; i < 5; i += 1) expect((await tryPassword(username, 'wrong', `203.0.113.${i}`)).ok).toBe(false);
      const locked = await tryPassword(username, username === 'pat.privacy' ? 'demo-privacy-2026!' : 'wrong', '203.0.113.99');
      expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    }
    // The trail names the real account being tried, never a username no account has.
    const locks = await suite.hub.db.select().from(auditEvents).where(eq(auditEvents.action, 'staff.sign-in-locked'));
    expect(locks.map((l) => l.actorId)).toEqual(['pat.privacy', null]);
    expect((await tryPassword('alex.admin', 'demo-admin-2026!', '203.0.113.99')).ok).toBe(true);
    // Fifty staff failures from one address lock that address for staff sign-in only: a member
    // verifying their identity from the same address goes on.
    for (let i = 0; i < 50; i += 1) await tryPassword(`guess.${i}`, 'wrong', '192.0.2.50');
    expect(await tryPassword('alex.admin', 'demo-admin-2026!', '192.0.2.50')).toMatchObject({ ok: false, reason: 'locked' });
    const member = await verifyIdentity({ kind: 'member', given: 'Maria', family: 'Santos', birthDate: '1984-03-12', id: MARIA, zip: '02119', networkKey: '192.0.2.50' });
    expect(member.ok).toBe(true);
  });

  it('refuses the demo accounts once demo data is off, and disabled accounts always', async () => {
    process.env.DEMO_DATA = '0';
    expect(await tryPassword('alex.admin', 'demo-admin-2026!', '198.51.100.20')).toEqual({ ok: false, reason: 'invalid' });
    process.env.DEMO_DATA = '1';
    await suite.hub.db.update(staff).set({ disabledAt: new Date() }).where(eq(staff.username, 'alex.admin'));
    expect(await tryPassword('alex.admin', 'demo-admin-2026!', '198.51.100.21')).toEqual({ ok: false, reason: 'invalid' });
    await suite.hub.db.update(staff).set({ disabledAt: null }).where(eq(staff.username, 'alex.admin'));
  });
});

describe('managing staff (staff:manage)', () => {
  const alex = actor('alex.admin', ['admin', 'app_reviewer']);

  it('disabling ends every session of the account at once; an administrator cannot disable themself or drop their own staff:manage', async () => {
    await signInAs('casey.csr');
    expect(await loadStaffActor()).toMatchObject({ username: 'casey.csr' });
    await setStaffDisabled(alex, 'casey.csr', true);
    expect(await readHubSession()).toBeNull();
    expect((await signInStaffWithPassword({ username: 'casey.csr', password: 'demo-csr-2026!', networkKey: '198.51.100.30' })).ok).toBe(false);
    await setStaffDisabled(alex, 'casey.csr', false);
    await expectAppError(setStaffDisabled(alex, 'alex.admin', true), 'self');
    await expectAppError(setStaffRoles(alex, 'alex.admin', ['app_reviewer']), 'self');
    // Nor give themself a role: reading members and the audit trail takes a second person.
    for (const more of [['admin', 'app_reviewer', 'privacy_officer'], ['admin', 'app_reviewer', 'csr'], ['admin', 'csr']] as const) {
      await expectAppError(setStaffRoles(alex, 'alex.admin', [...more]), 'self');
    }
    expect(await setStaffRoles(alex, 'alex.admin', ['admin', 'app_reviewer', 'privacy_officer']).catch((e: AppError) => e.messageKey)).toBe('noRoleForYourself');
    const rolesBefore = (await suite.hub.db.select().from(staff).where(eq(staff.username, 'alex.admin')))[0].roles;
    expect([...rolesBefore].sort()).toEqual(['admin', 'app_reviewer']);
    // Giving a role up is theirs to do, as long as they keep staff:manage.
    await setStaffRoles(alex, 'alex.admin', ['admin']);
    expect((await suite.hub.db.select().from(staff).where(eq(staff.username, 'alex.admin')))[0].roles).toEqual(['admin']);
    await suite.hub.db.update(staff).set({ roles: rolesBefore }).where(eq(staff.username, 'alex.admin'));
    await setStaffRoles(alex, 'casey.csr', ['csr', 'privacy_officer']);
    expect((await suite.hub.db.select().from(staff).where(eq(staff.username, 'casey.csr')))[0].roles).toEqual(['csr', 'privacy_officer']);
    await setStaffRoles(alex, 'casey.csr', ['csr']);
  });

  it('never leaves nobody who can manage staff, even when two administrators disable each other at once', async () => {
    await suite.hub.db.insert(staff).values({ username: 'sam.admin', name: 'Sam Admin', roles: ['admin'], passwordHash: null });
    const sam = actor('sam.admin', ['admin']);
    // Each takes the other out at the same moment: one change goes through, the other is refused.
    const results = await Promise.allSettled([setStaffDisabled(alex, 'sam.admin', true), setStaffDisabled(sam, 'alex.admin', true)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'last-manager', messageKey: 'keepOneManager' });
    const managers = (await suite.hub.db.select().from(staff)).filter((row) => row.disabledAt === null && permissionsOf(row.roles).has('staff:manage'));
    expect(managers).toHaveLength(1);
    // The same with roles: one takes the other's administrator role while being disabled by them.
    await suite.hub.db.update(staff).set({ disabledAt: null }).where(inArray(staff.username, ['alex.admin', 'sam.admin']));
    const again = await Promise.allSettled([setStaffRoles(sam, 'alex.admin', ['app_reviewer']), setStaffDisabled(alex, 'sam.admin', true)]);
    expect(again.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((again.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'last-manager' });
    // Put things back as the other tests expect them.
    await suite.hub.db.update(staff).set({ disabledAt: null, roles: ['admin', 'app_reviewer'] }).where(eq(staff.username, 'alex.admin'));
    await suite.hub.db.update(staff).set({ disabledAt: new Date() }).where(eq(staff.username, 'sam.admin'));
  });

  it('shows a locked username and lifts the lock', async () => {
    for (let i = 0; i < 5; i += 1) await signInStaffWithPassword({ username: 'alex.admin', password: 'wrong', networkKey: `198.51.100.${40 + i}` });
    expect((await listStaffAccounts()).find((a) => a.username === 'alex.admin')?.lockedUntil).toBeInstanceOf(Date);
    await unlockStaffSignIn(alex, 'alex.admin');
    expect((await listStaffAccounts()).find((a) => a.username === 'alex.admin')?.lockedUntil).toBeNull();
    expect((await signInStaffWithPassword({ username: 'alex.admin', password: 'demo-admin-2026!', networkKey: '198.51.100.50' })).ok).toBe(true);
  });
});

describe('permissions on the server', () => {
  it('refuses a direct server-action call without the permission, and changes nothing', async () => {
    const { updateCaseAction } = await import('@/app/(staff)/staff/(console)/cases/actions');
    const [open] = await suite.hub.db.insert(cases).values({ id: crypto.randomUUID(), memberId: MARIA, kind: 'breach', description: 'Lost a letter.', reportedByKind: 'member', reportedById: MARIA }).returning();
    const form = caseForm(open.id, { status: 'closed' });
    await signInAs('casey.csr');
    const refused = await updateCaseAction({}, form);
    expect(refused.formError).toMatch(/role does not allow/);
    expect((await suite.hub.db.select().from(cases).where(eq(cases.id, open.id)))[0].status).toBe('open');
    const [refusal] = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'staff.refused'), eq(auditEvents.actorId, 'casey.csr')));
    expect(refusal.details).toMatchObject({ permission: 'cases:manage' });

    // pat.privacy holds cases:manage: the same call goes through (and redirects back to the case).
    await signInAs('pat.privacy');
    await expect(updateCaseAction({}, form)).rejects.toThrow(/NEXT_REDIRECT/);
    expect((await suite.hub.db.select().from(cases).where(eq(cases.id, open.id)))[0].status).toBe('closed');
  });

  it('refuses route calls: 401 without a staff session, 403 without the permission', async () => {
    const routes = [
      ['audit:read', (await import('@/app/(staff)/staff/(console)/audit/export/route')).GET, 'http://localhost/staff/audit/export'],
      ['reports:read', (await import('@/app/(staff)/staff/(console)/reports/export/route')).GET, 'http://localhost/staff/reports/export?year=2026'],
      ['cases:manage', (await import('@/app/(staff)/staff/api/cases/route')).GET, 'http://localhost/staff/api/cases'],
    ] as const;
    for (const [, GET, url] of routes) expect((await GET(new Request(url), undefined)).status).toBe(401);
    await writeHubSession({ kind: 'member', memberId: MARIA, verifiedAt: Date.now() });
    for (const [, GET, url] of routes) expect((await GET(new Request(url), undefined)).status).toBe(401);
    await signInAs('casey.csr');
    for (const [, GET, url] of routes) expect((await GET(new Request(url), undefined)).status).toBe(403);
    await signInAs('pat.privacy');
    expect((await routes[0][1](new Request(routes[0][2]), undefined)).status).toBe(200);
    expect((await routes[2][1](new Request(routes[2][2]), undefined)).status).toBe(200);
    expect((await routes[1][1](new Request(routes[1][2]), undefined)).status).toBe(403);
  });
});

describe('helping a caller', () => {
  it('finds callers as they spell themselves: accents, apostrophes and split names; twins by family name and birth date', async () => {
    expect(await lookupCaller({ by: 'name', lastName: 'obrien nunez', firstName: 'JOSE', birthDate: '1996-04-09' })).toMatchObject([{ kind: 'member', memberId: '100000000012' }]);
    expect(await lookupCaller({ by: 'name', lastName: 'Nunez', firstName: "José O'Brien", birthDate: '1996-04-09' })).toMatchObject([{ memberId: '100000000012' }]);
    expect((await lookupCaller({ by: 'name', lastName: 'brooks', firstName: '', birthDate: '2001-07-19' })).map((m) => m.kind === 'member' && m.memberId).sort()).toEqual(['100000000013', '100000000014']);
    expect(await lookupCaller({ by: 'id', id: '1000-0000-0001' })).toMatchObject([{ kind: 'member', memberId: MARIA }]);
    expect(await lookupCaller({ by: 'id', id: 'r 0002' })).toMatchObject([{ kind: 'representative', repId: 'R-0002' }]);
    expect(await lookupCaller({ by: 'name', lastName: 'Santos', firstName: 'Maria', birthDate: '1984-03-13' })).toEqual([]);
  });

  it('stops a connection for the caller: tokens die at once; the account and an email in the approver’s language say customer service did it, and why', async () => {
    await suite.hub.db.update(members).set({ preferredLocale: 'es' }).where(eq(members.memberId, MARIA));
    const { tokens, grant } = await suite.hub.launch({ memberId: MARIA, appId: 'blue-button-explorer' });
    expect(await suite.hub.fhirStatus('ExplanationOfBenefit', tokens.access_token)).toBe(200);
    const fatimas = (await suite.hub.launch({ memberId: FATIMA })).grant;

    // Another member's grant id, with Maria's member ID: not found, and left alone.
    await expectAppError(stopConnectionForCaller(casey, { memberId: MARIA, grantId: fatimas.id, reason: 'caller-asked', note: '' }), 'not-found');
    expect((await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, fatimas.id)))[0].revokedAt).toBeNull();

    await stopConnectionForCaller(casey, { memberId: MARIA, grantId: grant.id, reason: 'suspected-misuse', note: 'Caller saw targeted ads.' });
    expect(await suite.hub.fhirStatus('ExplanationOfBenefit', tokens.access_token)).toBe(401);
    expect(await suite.hub.db.select().from(oidcModels).where(eq(oidcModels.grantId, grant.id))).toEqual([]);
    const [row] = await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
    expect(row).toMatchObject({ revokedBy: 'staff:casey.csr', revokedReason: 'customer-service:suspected-misuse' });
    const [audit] = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.grantId, grant.id), eq(auditEvents.action, 'consent.revoked')));
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: 'casey.csr', details: { reason: 'customer-service:suspected-misuse', note: 'Caller saw targeted ads.' } });

    for (const locale of ['en', 'es'] as const) {
      const scope = (await loadAccountScope({ kind: 'member', memberId: MARIA }))!;
      const view = describeConnections(scope, await listAccountConnections(scope), testWording(locale));
      const note = view.members[0].past.find((c) => c.grantId === grant.id)!.note;
      expect(note).toBe(
        locale === 'en'
          ? 'MassHealth Customer Service stopped sharing. Why: You told us you think the app is misusing your information.'
          : 'El Servicio al Cliente de MassHealth dejó de compartir. Por qué: usted nos dijo que cree que la app está usando mal su información.',
      );
    }
    const [mail] = await suite.hub.db.select().from(outbox).where(eq(outbox.dedupeKey, `connection-stopped-by-staff:${grant.id}`));
    expect(mail).toMatchObject({ toAddress: 'maria.santos@members.example', locale: 'es', template: 'connection-stopped-by-staff' });
    expect(mail.params).toMatchObject({ appName: 'Blue Button Explorer', reason: 'usted nos dijo que cree que la app está usando mal su información.' });
    expect(JSON.stringify(mail.params)).not.toContain('casey');
    await suite.hub.db.update(members).set({ preferredLocale: 'en' }).where(eq(members.memberId, MARIA));
  });

  it('tells the representative who made a connection customer service stopped whose it was', async () => {
    const giulias = await connectAsRepresentative(suite.hub, 'R-0002', '100000000009');
    await stopConnectionForCaller(casey, { memberId: '100000000009', grantId: giulias.id, reason: 'suspected-misuse', note: '' });
    const [mail] = await suite.hub.db.select().from(outbox).where(eq(outbox.dedupeKey, `connection-stopped-by-staff:${giulias.id}`));
    expect(mail).toMatchObject({ toAddress: 'giulia.rossi@reps.example', template: 'connection-stopped-by-staff-representative' });
    expect(mail.params).toMatchObject({ memberName: 'Emma Rossi', reason: "You told us you think the app is misusing Emma Rossi's information." });
    const words = renderMail('connection-stopped-by-staff-representative', 'es', mail.params as Record<string, string>);
    expect(words.subject).toBe('MassHealth dejó de compartir la información de Emma Rossi con MedTrack Rx');
  });

  it('sends a connect link to the address on file, never to someone who cannot connect yet, a few an hour at most', async () => {
    await expectAppError(sendConnectLink(casey, { memberId: KEVIN, appId: 'carecompass', caller: 'member', locale: 'en' }), 'not-eligible');
    await expectAppError(sendConnectLink(casey, { memberId: MARIA, appId: 'not-an-app', caller: 'member', locale: 'en' }), 'no-app');
    for (let i = 0; i < 3; i += 1) await sendConnectLink(casey, { memberId: MARIA, appId: 'carecompass', caller: 'member', locale: 'en' });
    await expectAppError(sendConnectLink(casey, { memberId: MARIA, appId: 'carecompass', caller: 'member', locale: 'en' }), 'rate-limited');
    const links = await suite.hub.db.select().from(outbox).where(eq(outbox.template, 'connect-link'));
    expect(links).toHaveLength(3);
    expect(links[0]).toMatchObject({ toAddress: 'maria.santos@members.example', params: { appName: 'CareCompass', connectUrl: `${suite.hub.url}/apps/carecompass/connect?lang=en` } });
    expect(links[0].sealedParams).toBeNull();
  });

  it('flags a staff user who opens many different members in a short time in the privacy officer’s queue, once', async () => {
    const browsing = actor('flag.tester', ['csr']);
    await suite.hub.db.insert(staff).values({ username: 'flag.tester', name: 'Flag Tester', roles: ['csr'], passwordHash: null });
    const ids = (await suite.hub.db.select({ id: members.memberId }).from(members)).map((m) => m.id);
    for (const memberId of ids.slice(0, STAFF_LOOKUP_LIMITS.flag.distinctMembers - 1)) await recordStaffMemberAccess(browsing, { action: 'staff.member-viewed', memberId });
    const flagged = async () => (await listCaseQueue('all')).cases.filter((c) => c.about === 'Staff user flag.tester');
    expect(await flagged()).toEqual([]);
    for (const memberId of ids.slice(STAFF_LOOKUP_LIMITS.flag.distinctMembers - 1, STAFF_LOOKUP_LIMITS.flag.distinctMembers + 1)) {
      await recordStaffMemberAccess(browsing, { action: 'staff.member-viewed', memberId });
    }
    expect(await flagged()).toMatchObject([{ kind: 'Staff viewed many members', reportedBy: 'System', statusLabel: 'New' }]);
    const views = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.actorId, 'flag.tester'), eq(auditEvents.action, 'staff.member-viewed')));
    expect(views).toHaveLength(STAFF_LOOKUP_LIMITS.flag.distinctMembers + 1);
  });
});

describe('handling a case', () => {
  const pat = actor('pat.privacy', ['privacy_officer']);
  const casey2 = actor('casey.csr', ['csr', 'privacy_officer']);
  const untouched = { status: 'open', owner: null, dueOn: null, referredToOcr: false, referredToFtc: false } as const;
  const newCase = async (values: Partial<typeof cases.$inferInsert> = {}) =>
    (await suite.hub.db.insert(cases).values({ id: crypto.randomUUID(), memberId: MARIA, kind: 'complaint', description: 'An app sent me ads.', reportedByKind: 'member', reportedById: MARIA, ...values }).returning())[0];
  const read = async (id: string) => (await suite.hub.db.select().from(cases).where(eq(cases.id, id)))[0];

  it('saves only what each user changed, so two people saving one case at once keep both changes', async () => {
    const open = await newCase();
    // Both opened the page while the case was new; pat saves first, casey's stale form second.
    await updateCase(pat, { caseId: open.id, ...untouched, status: 'in_review', owner: 'pat.privacy', shown: untouched });
    await updateCase(casey2, { caseId: open.id, ...untouched, referredToOcr: true, shown: untouched });
    expect(await read(open.id)).toMatchObject({ status: 'in_review', owner: 'pat.privacy', referredToOcr: true });
    const updates = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'case.updated'), sql`${auditEvents.details}->>'caseId' = ${open.id}`));
    expect(updates.map((u) => [u.actorId, u.details])).toEqual([
      ['pat.privacy', { caseId: open.id, changed: { status: 'in_review', owner: 'pat.privacy' } }],
      ['casey.csr', { caseId: open.id, changed: { referredToOcr: true } }],
    ]);
  });

  it('refuses a change to a part someone else changed meanwhile, saving nothing, and takes it once the user has seen theirs', async () => {
    const open = await newCase();
    await updateCase(pat, { caseId: open.id, ...untouched, status: 'in_review', shown: untouched });
    const stale = { caseId: open.id, ...untouched, status: 'closed' as const, referredToFtc: true, shown: untouched };
    const error = await updateCase(casey2, stale).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict', messageKey: 'caseChangedMeanwhile', values: { parts: 'Status' } });
    expect(await read(open.id)).toMatchObject({ status: 'in_review', referredToFtc: false });
    // The same choice, now over what the page shows after the refusal: saved.
    await updateCase(casey2, { ...stale, shown: { ...untouched, status: 'in_review' } });
    expect(await read(open.id)).toMatchObject({ status: 'closed', referredToFtc: true });
    // The same value chosen by both is no conflict.
    await updateCase(pat, { caseId: open.id, ...untouched, status: 'closed', shown: untouched });
  });

  it('keeps a flagged staff user off the case about them: no owning, saving or notes, and not offered as its owner', async () => {
    const flag = await newCase({ memberId: null, kind: 'staff-access', description: 'Viewed many members.', reportedByKind: 'system', reportedById: null, aboutStaff: 'casey.csr' });
    await expectAppError(updateCase(casey2, { caseId: flag.id, ...untouched, status: 'closed', shown: untouched }), 'forbidden');
    await expectAppError(addCaseNote(casey2, { caseId: flag.id, note: 'Nothing to see.' }), 'forbidden');
    await expectAppError(updateCase(pat, { caseId: flag.id, ...untouched, owner: 'casey.csr', shown: untouched }), 'owner');
    expect(await read(flag.id)).toMatchObject({ status: 'open', owner: null });
    expect((await listCaseOwners('casey.csr')).map((o) => o.username)).not.toContain('casey.csr');
    await updateCase(pat, { caseId: flag.id, ...untouched, owner: 'pat.privacy', status: 'closed', shown: untouched });
    expect(await read(flag.id)).toMatchObject({ status: 'closed', owner: 'pat.privacy' });
  });

  it('takes a due date that is a real day from today to two years on, with a field message otherwise', async () => {
    const open = await newCase();
    const today = todayIn(appClock());
    for (const dueOn of ['2027-02-30', '2027-13-01', '0000-01-01', '31/01/2027']) {
      expect(updateCaseSchema.safeParse(Object.fromEntries(caseForm(open.id, { dueOn }))).error?.issues.map((i) => [i.path[0], i.message])).toEqual([['dueOn', 'dueDate']]);
    }
    const dueOn = (day: string) => ({ caseId: open.id, ...untouched, dueOn: day as CalendarDate, shown: untouched });
    await expectAppError(updateCase(pat, dueOn(addDays(today, -1))), 'due-date');
    await expectAppError(updateCase(pat, dueOn('9999-12-31')), 'due-date');
    await updateCase(pat, dueOn(addDays(today, 30)));
    expect((await read(open.id)).dueOn).toBe(addDays(today, 30));
  });
});

describe('an authority that ran out, as staff read it', () => {
  it('names its last day, the day the representative is told, on both records', async () => {
    const today = todayIn(appClock());
    const lastDay = formatCalendarDate(addDays(today, -30), 'en');
    const karen = (await loadRepresentativeRecord('R-0005'))!.members.find((m) => m.memberId === '100000000011')!;
    expect(karen).toMatchObject({ active: false, status: `Cannot act for them: the authority's last day was ${lastDay}` });
    const member = (await loadCallerRecord('100000000011'))!;
    expect(member.representatives.find((r) => r.repId === 'R-0005')).toMatchObject({ active: false, status: `Ended: the last day was ${lastDay}` });
  });
});

describe('recording when a representative’s authority ends', () => {
  const authorityOfOmar = async () => (await loadRepresentativeRecord('R-0006'))!.members.find((m) => m.memberId === FATIMA)!;
  const errorKey = async (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof AppError ? error.messageKey : String(error)));

  it('takes only a day from today on, only sooner than an end already on file, and records who did it', async () => {
    const before = await authorityOfOmar();
    expect(before).toMatchObject({ active: true, status: 'Can act for them' });
    const today = todayIn(appClock());
    const input = { repId: 'R-0006', authorityId: before.authorityId, reason: 'member-withdrew' as const, requestId: 'test-request' };
    expect(await errorKey(recordAuthorityEnd(casey, { ...input, lastDay: addDays(today, -1) }))).toBe('authorityEndPast');
    expect(await errorKey(recordAuthorityEnd(casey, { ...input, repId: 'R-0002', lastDay: addDays(today, 5) }))).toBe('authorityNotFound');

    const lastDay = addDays(today, 10);
    await recordAuthorityEnd(casey, { ...input, lastDay });
    expect((await authorityOfOmar()).status).toMatch(/^Can act for them until /);
    // An end can come sooner, never later.
    expect(await errorKey(recordAuthorityEnd(casey, { ...input, lastDay: addDays(today, 20) }))).toBe('authorityEndLater');
    const [audit] = await suite.hub.db.select().from(auditEvents).where(eq(auditEvents.action, 'representative.authority-end-recorded'));
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: 'casey.csr', memberId: FATIMA, details: { repId: 'R-0006', lastDay, reason: 'member-withdrew', previousEnd: null } });
    await suite.hub.db.update(authorities).set({ end: null }).where(eq(authorities.id, before.authorityId));
  });
});
