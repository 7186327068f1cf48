import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appClock, todayIn } from '@/lib/calendar';
import { auditEvents, members, outbox, representatives } from '@/lib/db/schema';
import { sendConnectLinkSchema } from '@/lib/schemas/staff';
import { recordPhoneSharingChoice } from '@/lib/server/sharing/record-phone-sharing-choice';
import { renderMail } from '@/lib/server/mail/render-mail';
import { suiteHub } from '@/lib/testing/suite-hub';
import { listConnectLinkCallers } from './list-connect-link-callers';
import { loadCallerRecord } from './load-caller-record';
import type { StaffActor } from './load-staff-actor';
import { sendConnectLink } from './send-connect-link';
import { permissionsOf } from './staff-permissions';

// Probe 11, F3 and F4: the CSR chooses the language the caller speaks (saved as theirs), and a
// link goes to whoever is calling: never to a child a parent acts for.
const MARIA = '100000000001';
const LINH = '100000000005';
const EMMA = '100000000009'; // 12; parent Giulia Rossi (R-0002)
const FATIMA = '100000000016'; // adult; designee Omar Haddad (R-0006)

const casey: StaffActor = { username: 'casey.csr', name: 'Casey Morgan', roles: ['csr'], permissions: permissionsOf(['csr']), verifiedAt: Date.now() };
const suite = suiteHub({ dataDirPrefix: 'hub-caller-language-' });
const links = (memberId: string) => suite.hub.db.select().from(outbox).where(like(outbox.dedupeKey, `connect-link:${memberId}:%`));
const localeOf = async (memberId: string) => (await suite.hub.db.select({ l: members.preferredLocale }).from(members).where(eq(members.memberId, memberId)))[0].l;
const repLocaleOf = async (repId: string) => (await suite.hub.db.select({ l: representatives.preferredLocale }).from(representatives).where(eq(representatives.repId, repId)))[0].l;

describe('the language the caller speaks', () => {
  it('a link in Spanish to a member whose language on file is English: sent in Spanish, opens the flow in Spanish, saved and audited, and the caller screen says Spanish', async () => {
    expect((await loadCallerRecord(MARIA))!.language).toBe('English');
    const sent = await sendConnectLink(casey, { memberId: MARIA, appId: 'carecompass', caller: 'member', locale: 'es' });
    expect(sent).toMatchObject({ locale: 'es', to: { isMember: true } });
    const [mail] = await links(MARIA);
    expect(mail).toMatchObject({ toAddress: 'maria.santos@members.example', template: 'connect-link', locale: 'es' });
    expect((mail.params as Record<string, string>).connectUrl).toBe(`${suite.hub.url}/apps/carecompass/connect?lang=es`);
    expect(renderMail('connect-link', 'es', mail.params as Record<string, string>).subject).toBe('Conecte CareCompass a su información de MassHealth');
    expect(await localeOf(MARIA)).toBe('es');
    expect((await loadCallerRecord(MARIA))!.language).toBe('Spanish');
    const [audit] = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'flow.link-sent'), eq(auditEvents.memberId, MARIA)));
    expect(audit.details).toEqual({ to: 'member', locale: 'es', languageSavedFrom: 'en' });
    await suite.hub.db.update(members).set({ preferredLocale: 'en' }).where(eq(members.memberId, MARIA));
  });

  it('no language on the form keeps the one on file', async () => {
    await sendConnectLink(casey, { memberId: LINH, appId: 'carecompass', caller: 'member' });
    const [mail] = await links(LINH);
    expect(mail.locale).toBe(await localeOf(LINH));
  });

  it('a phone choice in Spanish: the member’s receipt is in Spanish, and Spanish is saved as their language', async () => {
    await recordPhoneSharingChoice(casey, { memberId: LINH, caller: 'member', choice: 'providers-off', planName: '', planMemberId: '', relation: '', policy: '', locale: 'es' });
    const [{ email }] = await suite.hub.db.select({ email: members.email }).from(members).where(eq(members.memberId, LINH));
    const [receipt] = await suite.hub.db.select().from(outbox).where(and(like(outbox.dedupeKey, 'sharing-receipt:%'), eq(outbox.toAddress, email)));
    expect(receipt).toMatchObject({ template: 'sharing-providers-off', locale: 'es' });
    expect(await localeOf(LINH)).toBe('es');
    const [audit] = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'sharing.provider-access.off'), eq(auditEvents.memberId, LINH)));
    expect(audit.details).toMatchObject({ caller: 'member', locale: 'es' });
  });

  it('a parent choosing by phone in Spanish for a child: the parent’s receipt is in Spanish and saved as the parent’s language; the child’s is untouched', async () => {
    const before = await localeOf(EMMA);
    await recordPhoneSharingChoice(casey, { memberId: EMMA, caller: 'R-0002', choice: 'providers-off', planName: '', planMemberId: '', relation: '', policy: '', locale: 'es' });
    const receipts = await suite.hub.db.select().from(outbox).where(and(like(outbox.dedupeKey, 'sharing-receipt:%'), eq(outbox.template, 'sharing-rep-providers-off')));
    expect(receipts).toMatchObject([{ toAddress: 'giulia.rossi@reps.example', locale: 'es' }]);
    expect(await repLocaleOf('R-0002')).toBe('es');
    expect(await localeOf(EMMA)).toBe(before);
    await suite.hub.db.update(representatives).set({ preferredLocale: 'en' }).where(eq(representatives.repId, 'R-0002'));
  });
});

describe('a link for a caller who acts for the member', () => {
  it('for a child a parent acts for: only the parent may ask, and the link goes to the parent, naming the child; the child is never emailed', async () => {
    const callers = await listConnectLinkCallers(suite.hub.db, EMMA, todayIn(appClock()));
    expect(callers!.map((c) => [c.kind, c.value])).toEqual([['representative', 'R-0002']]);
    await expect(sendConnectLink(casey, { memberId: EMMA, appId: 'carecompass', caller: 'member', locale: 'en' })).rejects.toMatchObject({ code: 'caller-cannot-act', field: 'caller' });
    const sent = await sendConnectLink(casey, { memberId: EMMA, appId: 'carecompass', caller: 'R-0002', locale: 'en' });
    expect(sent.to).toEqual({ name: 'Giulia Rossi', maskedEmail: expect.stringMatching(/^g/), isMember: false });
    const mails = await links(EMMA);
    expect(mails).toMatchObject([{ toAddress: 'giulia.rossi@reps.example', template: 'connect-link-representative', params: { memberName: 'Emma Rossi', appName: 'CareCompass' } }]);
    const en = renderMail('connect-link-representative', 'en', mails[0].params as Record<string, string>);
    expect(en.subject).toBe("Connect CareCompass to Emma Rossi's MassHealth information");
    expect(en.text).toContain('choose Emma Rossi');
    expect(en.text).toContain(`${suite.hub.url}/apps/carecompass/connect?lang=en`);
    const es = renderMail('connect-link-representative', 'es', mails[0].params as Record<string, string>);
    expect(es.text).toContain('elija a Emma Rossi');
    expect(await suite.hub.db.select().from(outbox).where(eq(outbox.toAddress, 'emma.rossi@members.example'))).toEqual([]);
    const [audit] = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'flow.link-sent'), eq(auditEvents.memberId, EMMA)));
    expect(audit.details).toEqual({ to: 'representative', representativeId: 'R-0002', authorityType: 'parent', locale: 'en' });
  });

  it('for an adult with a designee: the member or the designee, who connects apps for them too; a representative with no authority for them is refused', async () => {
    const callers = await listConnectLinkCallers(suite.hub.db, FATIMA, todayIn(appClock()));
    expect(callers!.map((c) => c.value)).toEqual(['member', 'R-0006']);
    await sendConnectLink(casey, { memberId: FATIMA, appId: 'carecompass', caller: 'R-0006', locale: 'en' });
    expect(await links(FATIMA)).toMatchObject([{ toAddress: 'omar.haddad@reps.example', template: 'connect-link-representative', params: { memberName: 'Fatima Haddad' } }]);
    await expect(sendConnectLink(casey, { memberId: FATIMA, appId: 'carecompass', caller: 'R-0002', locale: 'en' })).rejects.toMatchObject({ code: 'caller-cannot-act' });
  });

  it('the form’s fields are named apart from the phone choice’s, and an unchosen caller says to choose one', () => {
    const parsed = sendConnectLinkSchema.safeParse({ memberId: EMMA, appId: 'carecompass', linkCaller: 'R-0002', linkLanguage: 'es' });
    expect(parsed.data).toEqual({ memberId: EMMA, appId: 'carecompass', caller: 'R-0002', locale: 'es' });
    expect(sendConnectLinkSchema.safeParse({ memberId: EMMA, appId: 'carecompass' }).error!.issues.map((i) => [i.path[0], i.message])).toEqual([['linkCaller', 'chooseCaller']]);
  });
});
