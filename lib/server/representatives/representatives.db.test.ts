import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, appClock, calendarDateIn, eighteenthBirthday, startOfDayInstant, todayIn, type CalendarDate } from '@/lib/calendar';
import { authorities, consentGrants, members, outbox } from '@/lib/db/schema';
import { loadAccountScope, permissionsFor } from '@/lib/server/account/account-scope';
import { changeSharing } from '@/lib/server/account/change-sharing';
import { AppError } from '@/lib/server/errors/app-error';
import { listRelationships } from './list-relationships';
import { describeConnections } from '@/lib/server/account/describe-connections';
import { listAccountConnections } from '@/lib/server/account/list-account-connections';
import { stopSharing } from '@/lib/server/account/stop-sharing';
import { testWording } from '@/lib/server/account/testing/test-wording';
import { approveConnectFlow } from '@/lib/server/connect/approve-connect-flow';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { renderMail } from '@/lib/server/mail/render-mail';
import { runDueNotices } from '@/lib/server/notices/run-due-notices';
import type { MailTemplate } from '@/lib/server/mail/mail-templates';
import type { Locale } from '@/lib/i18n/locales';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { suiteHub } from '@/lib/testing/suite-hub';

const EMMA = '100000000009';
const LUCA = '100000000017';
const FATIMA = '100000000016';
const GIULIA = 'R-0002';
const OMAR = 'R-0006';
const GRACE = '100000000011';
const THOMAS = 'R-0004';
const MICHELLE = 'R-0003';

async function errorCode(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(() => null, (e: unknown) => e);
  return error instanceof AppError ? error.code : error ? String(error) : null;
}
const memberView = async (memberId: string) => (await loadAccountScope({ kind: 'member', memberId }))!;
const repView = async (repId: string) => (await loadAccountScope({ kind: 'representative', repId }))!;
const ids = async (scope: Awaited<ReturnType<typeof memberView>>) => (await listAccountConnections(scope)).map((c) => c.grantId);

const suite = suiteHub({ dataDirPrefix: 'hub-representatives-' });
afterEach(async () => {
  await settleMailDeliveries();
  delete process.env.CLOCK_NOW;
});

/** Runs the application's clock from noon (payer time) of a day. */
const setDay = (day: CalendarDate) => {
  process.env.CLOCK_NOW = new Date(startOfDayInstant(day).getTime() + 12 * 3_600_000).toISOString();
};

/** The mail queued for one address, rendered as it goes out. */
async function mailTo(address: string) {
  const rows = await suite.hub.db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(outbox.createdAt);
  return rows.map((row) => ({ template: row.template, ...renderMail(row.template as MailTemplate, row.locale as Locale, row.params as Record<string, string>) }));
}

async function authorityOf(repId: string, memberId: string) {
  const [row] = await suite.hub.db.select().from(authorities).where(and(eq(authorities.repId, repId), eq(authorities.memberId, memberId)));
  return row;
}

let flowCount = 0;
/** A representative's step 5 through the real approval (receipt and notices included). */
async function approveAs(repId: string, memberId: string, options: { appId?: string; duration?: '90d' | '1y'; locale?: Locale; includeSensitive?: boolean } = {}) {
  const authority = await authorityOf(repId, memberId);
  flowCount += 1;
  const flow = {
    id: `rep-flow-${flowCount}-${Date.now()}`,
    appId: options.appId ?? 'blue-button-explorer',
    interactionUid: null,
    entry: 'gallery' as const,
    step: 'approve' as const,
    state: {
      privacyReviewed: true,
      termsAccepted: true,
      subject: { kind: 'representative' as const, id: repId },
      actingFor: { memberId, authorityId: authority.id, authorityType: authority.type },
    },
  };
  const locale = options.locale ?? 'en';
  const done = await approveConnectFlow(flow, { categories: ['personal', 'claims'], includeSensitive: options.includeSensitive ?? false, duration: options.duration ?? '1y' }, 'browser-key', {
    locale,
    categoryNames: testWording(locale).categoryNames,
  });
  const [grant] = await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, done.state.grantId!));
  return grant;
}

describe('a parent of two', () => {
  it('gets a receipt for each child that names the child and says “you act as her/his parent”', async () => {
    await approveAs(GIULIA, EMMA);
    await approveAs(GIULIA, LUCA, { locale: 'es' });
    const mail = await mailTo('giulia.rossi@reps.example');
    const receipts = mail.filter((m) => m.template === 'representative-receipt');
    expect(receipts).toHaveLength(2);
    expect(receipts[0].subject).toBe('You shared Emma Rossi’s information with Blue Button Explorer'.replace('’', "'"));
    expect(receipts[0].text).toContain("You said yes to sharing Emma Rossi's MassHealth information with the app Blue Button Explorer. You act as her parent.");
    expect(receipts[0].text).not.toContain('your information');
    expect(receipts[1].text).toContain('Usted actúa en nombre de Luca Rossi como su madre o padre.');
    // Minors are not written to about what their parent does.
    expect(await mailTo('emma.rossi@members.example')).toHaveLength(0);
  });

  it('gets a receipt in its own words when sharing less for a child', async () => {
    const grant = await approveAs(GIULIA, EMMA, { appId: 'open-notes' });
    const giulia = (await loadAccountScope({ kind: 'representative', repId: GIULIA }))!;
    await changeSharing(giulia, { grantId: grant.id, categories: ['personal'], includeSensitive: false, endInDays: null, locale: 'en', categoryNames: testWording('en').categoryNames });
    const [changed] = (await mailTo('giulia.rossi@reps.example')).filter((m) => m.template === 'representative-changed');
    expect(changed.subject).toBe("You changed what Open Notes Journal can get of Emma Rossi's information");
    expect(changed.text).toContain('It now gets less. You act as her parent.');
    expect(changed.text).toContain('What the app can get now: Personal information.');
    expect(changed.text).not.toContain('You said yes');
    expect(await mailTo('emma.rossi@members.example')).toHaveLength(0);
  });
});

describe('an adult member whose representative acts', () => {
  it('is told who connected and stopped an app and how to stop it, and sees it in the account', async () => {
    const grant = await approveAs(OMAR, FATIMA);
    const [told] = await mailTo('fatima.haddad@members.example');
    expect(told.template).toBe('representative-acted');
    expect(told.subject).toBe('Omar Haddad connected Blue Button Explorer to your information');
    expect(told.text).toContain('Omar Haddad, your authorized representative, connected the app Blue Button Explorer to your MassHealth information.');
    expect(told.text).toContain('choose “Stop sharing”');
    expect(told.text).toContain('/account');
    // What the app gets and until when, as her own receipt would say it.
    expect(told.text).toContain('What the app can get: Personal information, Claims and visits.');
    expect(told.text).toContain('This does not include claims about mental health care or treatment for alcohol or drug use.');
    expect(told.text).toContain(`The app can get your information until ${formatCalendarDate(calendarDateIn(new Date(grant.expiresAt.getTime() - 1)), 'en')}.`);

    const fatima = (await loadAccountScope({ kind: 'member', memberId: FATIMA }))!;
    const view = describeConnections(fatima, await listAccountConnections(fatima), testWording('en'));
    expect(view.members[0].current.find((c) => c.grantId === grant.id)?.approvedBy).toBe('Omar Haddad, as authorized representative');

    const omar = (await loadAccountScope({ kind: 'representative', repId: OMAR }))!;
    await stopSharing(omar, { grantId: grant.id, locale: 'en' });
    const stopped = (await mailTo('fatima.haddad@members.example')).find((m) => m.subject === 'Omar Haddad stopped Blue Button Explorer');
    expect(stopped?.text).toContain('If you did not want this, you can connect the app again yourself.');
    expect(stopped?.text).not.toContain('What the app can get');
    expect(stopped?.text).not.toContain('until');
    const toOmar = (await mailTo('omar.haddad@reps.example')).map((m) => m.subject);
    expect(toOmar).toContain("Blue Button Explorer no longer gets Fatima Haddad's information");
  });

  it('is emailed that it ended when she stops a connection her representative made, and so is the representative', async () => {
    const grant = await approveAs(OMAR, FATIMA, { appId: 'carecompass' });
    const fatima = (await loadAccountScope({ kind: 'member', memberId: FATIMA }))!;
    await stopSharing(fatima, { grantId: grant.id, locale: 'es' });
    const toFatima = (await mailTo('fatima.haddad@members.example')).filter((m) => m.template === 'connection-ended');
    expect(toFatima.map((m) => m.subject)).toEqual(['CareCompass ya no recibe su información']);
    const toOmar = (await mailTo('omar.haddad@reps.example')).filter((m) => m.template === 'representative-connection-ended').map((m) => m.subject);
    expect(toOmar).toContain("CareCompass no longer gets Fatima Haddad's information");
  });
});

describe('when an authority ends', () => {
  it('Emma’s 18th birthday: the grant her parent made is capped, then ended with the right notice to each', async () => {
    const [emma] = await suite.hub.db.select().from(members).where(eq(members.memberId, EMMA));
    const birthday = eighteenthBirthday(emma.birthDate as CalendarDate);
    setDay(addDays(birthday, -1));
    const grant = await approveAs(GIULIA, EMMA, { appId: 'carecompass' });
    expect(calendarDateIn(new Date(grant.expiresAt.getTime() - 1))).toBe(addDays(birthday, -1));
    const receipt = (await mailTo('giulia.rossi@reps.example')).filter((m) => m.template === 'representative-receipt').at(-1)!;
    expect(receipt.text).toContain('Emma Rossi turns 18 the next day: from then on, Emma Rossi makes this choice.');

    setDay(birthday);
    expect((await runDueNotices()).authorityEnded).toBeGreaterThanOrEqual(1);
    expect((await runDueNotices()).authorityEnded).toBe(0); // once
    const [after] = await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
    expect(after.revokedReason).toBe('authority-ended:child-turned-18');

    const toGiulia = (await mailTo('giulia.rossi@reps.example')).filter((m) => m.template === 'authority-ended-representative');
    expect(toGiulia.length).toBeGreaterThanOrEqual(1);
    expect(toGiulia.at(-1)!.text).toContain("A parent's authority ends on the child's 18th birthday");
    expect(toGiulia.at(-1)!.text).not.toMatch(/connect (it|the app) again/);
    const toEmma = (await mailTo('emma.rossi@members.example')).filter((m) => m.template === 'authority-ended-member');
    expect(toEmma.length).toBeGreaterThanOrEqual(1);
    expect(toEmma.at(-1)!.text).toContain('You may connect apps yourself now.');

    const emmaScope = (await loadAccountScope({ kind: 'member', memberId: EMMA }))!;
    const view = describeConnections(emmaScope, await listAccountConnections(emmaScope), testWording('en'));
    const shown = view.members[0].past.find((c) => c.grantId === grant.id)!;
    expect(shown.state).toBe('ended');
    expect(shown.note).toContain('you turned 18, so Giulia Rossi');
  });

  it('an end date recorded after the approval stops the connection on that date, with both notices', async () => {
    const grant = await approveAs(OMAR, FATIMA, { appId: 'medtrack-rx' });
    const authority = await authorityOf(OMAR, FATIMA);
    const lastDay = addDays(todayIn(appClock()), 10);
    await suite.hub.db.update(authorities).set({ end: lastDay }).where(eq(authorities.id, authority.id));
    try {
      // Before the end: still sharing, and the account says so.
      const fatima = (await loadAccountScope({ kind: 'member', memberId: FATIMA }))!;
      expect((await listAccountConnections(fatima)).find((c) => c.grantId === grant.id)?.state).toBe('active');
      setDay(lastDay);
      await runDueNotices();
      expect((await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id)))[0].revokedAt).toBeNull();

      setDay(addDays(lastDay, 1));
      // Before the scheduler runs, the account already shows it ended, and why.
      const before = (await listAccountConnections(fatima)).find((c) => c.grantId === grant.id)!;
      expect(before.state).toBe('expired');
      await runDueNotices();
      const [after] = await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
      expect(after).toMatchObject({ revokedBy: 'system:', revokedReason: 'authority-ended:ended' });
      const toOmar = (await mailTo('omar.haddad@reps.example')).filter((m) => m.template === 'authority-ended-representative').at(-1)!;
      expect(toOmar.text).toContain('Why: your authority to act for Fatima Haddad ended.');
      expect(toOmar.text).toContain('Fatima Haddad can name you again by signing a new Authorized Representative form');
      const toFatima = (await mailTo('fatima.haddad@members.example')).filter((m) => m.template === 'authority-ended-member').at(-1)!;
      expect(toFatima.text).toContain('Omar Haddad can no longer act for you');
      const view = describeConnections(fatima, await listAccountConnections(fatima), testWording('en'));
      expect(view.members[0].past.find((c) => c.grantId === grant.id)?.note).toContain("Omar Haddad's authority to act for you ended");
    } finally {
      await suite.hub.db.update(authorities).set({ end: null }).where(eq(authorities.id, authority.id));
    }
  });
});


describe('the written policy, per role (docs/representatives-policy.md)', () => {
  it('is the table: designees and minors are limited, the others see and change everything', () => {
    expect(permissionsFor({ kind: 'member', age: 40 })).toEqual({ sees: 'all', changes: 'all' });
    expect(permissionsFor({ kind: 'member', age: 12 })).toEqual({ sees: 'all', changes: 'own' });
    expect(permissionsFor({ kind: 'representative', type: 'parent' })).toEqual({ sees: 'all', changes: 'all' });
    expect(permissionsFor({ kind: 'representative', type: 'legal_guardian' })).toEqual({ sees: 'all', changes: 'all' });
    expect(permissionsFor({ kind: 'representative', type: 'personal_representative' })).toEqual({ sees: 'all', changes: 'all' });
    expect(permissionsFor({ kind: 'representative', type: 'authorized_representative_designee' })).toEqual({ sees: 'own', changes: 'own' });
  });

  it('a designee sees and stops only what they connected, never the member’s own (nor its sensitive choice)', async () => {
    const fatimasOwn = (await suite.hub.approve({ uid: null, memberId: FATIMA, appId: 'open-notes', includeSensitive: true })).grant;
    const omars = await approveAs(OMAR, FATIMA, { appId: 'carecompass' });
    const omar = await repView(OMAR);
    expect(await ids(omar)).toContain(omars.id);
    expect(await ids(omar)).not.toContain(fatimasOwn.id);
    expect(await errorCode(stopSharing(omar, { grantId: fatimasOwn.id, locale: 'en' }))).toBe('not-found');
    expect(
      await errorCode(changeSharing(omar, { grantId: fatimasOwn.id, categories: ['personal'], includeSensitive: false, endInDays: null, locale: 'en', categoryNames: testWording('en').categoryNames })),
    ).toBe('not-found');
    expect((await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, fatimasOwn.id)))[0].revokedAt).toBeNull();
    // The member sees both, and may stop the designee's.
    const fatima = await memberView(FATIMA);
    expect(await ids(fatima)).toEqual(expect.arrayContaining([fatimasOwn.id, omars.id]));
    await stopSharing(fatima, { grantId: omars.id, locale: 'en' });
    const view = describeConnections(omar, await listAccountConnections(omar), testWording('en'));
    expect(view.members[0].note).toContain('You see only the connections you made for Fatima Haddad.');
  });

  it('a 12-year-old sees a parent’s connection but cannot stop it; the parent can stop the child’s own', async () => {
    const giulias = await approveAs(GIULIA, EMMA, { appId: 'medtrack-rx' });
    const emmasOwn = (await suite.hub.approve({ uid: null, memberId: EMMA, appId: 'open-notes' })).grant;
    const emma = await memberView(EMMA);
    expect(await ids(emma)).toEqual(expect.arrayContaining([giulias.id, emmasOwn.id]));
    expect(await errorCode(stopSharing(emma, { grantId: giulias.id, locale: 'en' }))).toBe('not-allowed');
    expect((await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, giulias.id)))[0].revokedAt).toBeNull();
    const view = describeConnections(emma, await listAccountConnections(emma), testWording('en'));
    expect(view.members[0].current.find((c) => c.grantId === giulias.id)?.canChange).toBe(false);
    expect(view.members[0].current.find((c) => c.grantId === emmasOwn.id)?.canChange).toBe(true);
    await stopSharing(await repView(GIULIA), { grantId: emmasOwn.id, locale: 'en' });
    await stopSharing(emma, { grantId: emmasOwn.id, locale: 'en' }).catch(() => undefined);
    expect((await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, emmasOwn.id)))[0].revokedBy).toBe(`representative:${GIULIA}`);
  });

  it('a legal guardian of an adult sees and stops the member’s own connections; the member sees the guardian', async () => {
    const gracesOwn = (await suite.hub.approve({ uid: null, memberId: GRACE, appId: 'open-notes' })).grant;
    const thomas = await repView(THOMAS);
    expect(await ids(thomas)).toContain(gracesOwn.id);
    await stopSharing(thomas, { grantId: gracesOwn.id, locale: 'en' });
    // Grace is told who stopped it.
    const told = (await mailTo('grace.liu@members.example')).find((m) => m.template === 'representative-acted')!;
    expect(told.subject).toBe('Thomas Liu stopped Open Notes Journal');
    expect(told.text).toContain('Thomas Liu, your legal guardian, stopped the app Open Notes Journal.');
    const grace = await memberView(GRACE);
    const { actingForYou } = await listRelationships(grace);
    expect(actingForYou).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Thomas Liu', type: 'legal_guardian', active: true }),
        expect.objectContaining({ name: 'Karen Liu', type: 'authorized_representative_designee', active: false }),
      ]),
    );
  });

  it('a parent whose child turned 18 sees the child under “no longer act for”, and can neither see nor stop', async () => {
    const michelle = await repView(MICHELLE);
    expect(michelle.members).toHaveLength(0);
    const { former } = await listRelationships(michelle);
    expect(former).toEqual([expect.objectContaining({ name: 'Noah Carter', reason: 'child-turned-18' })]);
  });
});

describe('the member\'s mental health and substance use claims', () => {
  it('are never included by a designee (refused, nothing approved); a parent may include them', async () => {
    const before = (await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.memberId, FATIMA))).length;
    expect(await errorCode(approveAs(OMAR, FATIMA, { appId: 'open-notes', includeSensitive: true }))).toBe('designee-sensitive');
    expect(await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.memberId, FATIMA))).toHaveLength(before);
    const giulias = await approveAs(GIULIA, EMMA, { appId: 'open-notes', includeSensitive: true });
    expect(giulias.includeSensitive).toBe(true);
    // Her receipt says so.
    const [receipt] = await suite.hub.db.select().from(outbox).where(eq(outbox.dedupeKey, `connection-receipt:${giulias.id}`));
    expect(receipt.params).toMatchObject({ sensitive: 'shared' });
    expect((await mailTo('giulia.rossi@reps.example')).at(-1)?.text).toContain('This includes claims about mental health care and treatment for alcohol or drug use.');
  });
});
