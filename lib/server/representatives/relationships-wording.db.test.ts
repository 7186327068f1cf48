import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, appClock, startOfDayInstant, todayIn, type CalendarDate } from '@/lib/calendar';
import { authorities, consentGrants, members } from '@/lib/db/schema';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import type { Locale } from '@/lib/i18n/locales';
import { PAYER } from '@/lib/payer';
import { loadAccountScope, type AccountViewer } from '@/lib/server/account/account-scope';
import { changeSharing } from '@/lib/server/account/change-sharing';
import { describeConnections, whoseInformationNote } from '@/lib/server/account/describe-connections';
import { findAccountConnection, listAccountConnections } from '@/lib/server/account/list-account-connections';
import { stopSharing } from '@/lib/server/account/stop-sharing';
import { testWording } from '@/lib/server/account/testing/test-wording';
import { approveConnectFlow } from '@/lib/server/connect/approve-connect-flow';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { suiteHub } from '@/lib/testing/suite-hub';
import { describeFormerMember, describeUpcomingMember } from './describe-relationships';
import { listRelationships, type FormerMember } from './list-relationships';
import { capacityWords } from './representative-wording';

const HAROLD = '100000000008';
const EMMA = '100000000009';
const NOAH = '100000000010';
const GRACE = '100000000011';
const FATIMA = '100000000016';
const SUSAN = 'R-0001';
const GIULIA = 'R-0002';
const MICHELLE = 'R-0003';
const THOMAS = 'R-0004';
const KAREN = 'R-0005';
const OMAR = 'R-0006';

const suite = suiteHub({ dataDirPrefix: 'hub-relationships-wording-' });
afterEach(async () => {
  await settleMailDeliveries();
  delete process.env.CLOCK_NOW;
});

const setDay = (day: CalendarDate) => {
  process.env.CLOCK_NOW = new Date(startOfDayInstant(day).getTime() + 12 * 3_600_000).toISOString();
};
const scopeOf = async (viewer: AccountViewer) => (await loadAccountScope(viewer))!;
const rep = (repId: string) => scopeOf({ kind: 'representative', repId });
const wordingOf = (locale: Locale) => {
  const w = testWording(locale);
  return { r: w.r!, authorityName: w.authorityName, locale };
};

async function authorityOf(repId: string, memberId: string) {
  const [row] = await suite.hub.db.select().from(authorities).where(and(eq(authorities.repId, repId), eq(authorities.memberId, memberId)));
  return row;
}

let flowCount = 0;
async function approveAs(repId: string, memberId: string, appId = 'carecompass') {
  const authority = await authorityOf(repId, memberId);
  flowCount += 1;
  const flow = {
    id: `wording-flow-${flowCount}-${Date.now()}`,
    appId,
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
  const done = await approveConnectFlow(flow, { categories: ['personal', 'claims'], includeSensitive: false, duration: '1y' }, 'browser-key', {
    locale: 'en',
    categoryNames: testWording('en').categoryNames,
  });
  const [grant] = await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, done.state.grantId!));
  return grant;
}

/** Sets an authority's dates for one test, and puts them back after. */
async function withAuthority(repId: string, memberId: string, dates: { start?: CalendarDate; end?: CalendarDate | null }, run: () => Promise<void>) {
  const authority = await authorityOf(repId, memberId);
  await suite.hub.db.update(authorities).set(dates).where(eq(authorities.id, authority.id));
  try {
    await run();
  } finally {
    await suite.hub.db.update(authorities).set({ start: authority.start, end: authority.end }).where(eq(authorities.id, authority.id));
  }
}

describe('a personal representative of a member who died', () => {
  it('sees the member among those they no longer act for, why (with the date) and the records request, in English and Spanish', async () => {
    const [harold] = await suite.hub.db.select().from(members).where(eq(members.memberId, HAROLD));
    const died = harold.deceasedDate as CalendarDate;
    const susan = await rep(SUSAN);
    expect(susan.members).toHaveLength(0);
    const { former } = await listRelationships(susan);
    expect(former).toEqual([expect.objectContaining({ memberId: HAROLD, name: 'Harold Whitfield', reason: 'member-deceased', date: died, connectedApps: false })]);

    const en = describeFormerMember(former[0], wordingOf('en'));
    expect(en.name).toBe('Harold Whitfield');
    expect(en.authority).toBe('personal representative');
    expect(en.why.join(' ')).toBe(`Harold died on ${formatCalendarDate(died, 'en')}.`);
    expect(en.next).toBe("What you can do: apps cannot be connected for a member who has died. You can ask for Harold's records instead.");
    expect(en.recordsRequestUrl).toBe(PAYER.recordsRequestUrl);

    const es = describeFormerMember(former[0], wordingOf('es'));
    expect(es.why.join(' ')).toBe(`Harold falleció el ${formatCalendarDate(died, 'es')}.`);
    expect(es.next).toContain('Puede pedir los registros de Harold.');
    expect(es.recordsRequestUrl).toBe(PAYER.recordsRequestUrl);
  });
});

describe('an authority that has not started', () => {
  it('is listed with the day it starts', async () => {
    const starts = addDays(todayIn(appClock()), 5);
    await withAuthority(OMAR, FATIMA, { start: starts }, async () => {
      const { former, upcoming } = await listRelationships(await rep(OMAR));
      expect(former).toEqual([]);
      expect(upcoming).toEqual([expect.objectContaining({ memberId: FATIMA, startsOn: starts })]);
      const view = describeUpcomingMember(upcoming[0], wordingOf('en'));
      expect(view.why.join(' ')).toBe(`Your authority to act for Fatima starts on ${formatCalendarDate(starts, 'en')}. Until then, you cannot connect apps for Fatima.`);
      expect(view.next).toContain(`Come back on ${formatCalendarDate(starts, 'en')}.`);
    });
  });
});

describe('after a stop or a change, a representative reads the member’s name', () => {
  it('a stop: Giulia reads Emma Rossi’s information (English and Spanish); the member still reads “your”', async () => {
    const grant = await approveAs(GIULIA, EMMA, 'carecompass');
    const giulia = await rep(GIULIA);
    await stopSharing(giulia, { grantId: grant.id, locale: 'en' });
    const stopped = (await findAccountConnection(giulia, grant.id))!;
    expect(whoseInformationNote('flashStoppedMore', stopped, giulia, testWording('en'))).toBe(
      "CareCompass can no longer get Emma Rossi's information from MassHealth. We sent an email about it.",
    );
    expect(whoseInformationNote('flashStoppedMore', stopped, giulia, testWording('es'))).toContain('ya no puede recibir la información de Emma Rossi');
    const emma = await scopeOf({ kind: 'member', memberId: EMMA });
    expect(whoseInformationNote('flashStoppedMore', stopped, emma, testWording('en'))).toContain('can no longer get your information');
  });

  it('a change: Omar reads Fatima Haddad’s information after saving and in the change page’s note', async () => {
    const grant = await approveAs(OMAR, FATIMA, 'open-notes');
    const omar = await rep(OMAR);
    const before = (await findAccountConnection(omar, grant.id))!;
    expect(whoseInformationNote('changeNote', before, omar, testWording('en'))).toBe(
      "When you save, Open Notes Journal's current access ends right away. The app must connect again to get Fatima Haddad's information with your new choices.",
    );
    await changeSharing(omar, { grantId: grant.id, categories: ['personal'], includeSensitive: false, endInDays: null, locale: 'en', categoryNames: testWording('en').categoryNames });
    const current = (await listAccountConnections(omar)).find((c) => c.state === 'active' && c.appName === 'Open Notes Journal')!;
    expect(whoseInformationNote('flashChangedMore', current, omar, testWording('en'))).toBe(
      "Open Notes Journal must connect again to get Fatima Haddad's information with your new choices. Until then it gets nothing.",
    );
    expect(whoseInformationNote('flashChangedMore', current, omar, testWording('es'))).toContain('la información de Fatima Haddad');
  });
});

describe('an ended guardianship', () => {
  it('the guardian reads a guardian’s next step, and that the apps they connected stopped', async () => {
    await approveAs(THOMAS, GRACE, 'medtrack-rx');
    const lastDay = addDays(todayIn(appClock()), 3);
    await withAuthority(THOMAS, GRACE, { end: lastDay }, async () => {
      setDay(addDays(lastDay, 1));
      const { former } = await listRelationships(await rep(THOMAS));
      expect(former).toEqual([expect.objectContaining({ memberId: GRACE, reason: 'ended', date: lastDay, connectedApps: true })]);
      const view = describeFormerMember(former[0], wordingOf('en'));
      expect(view.why).toEqual([`Your authority to act for Grace ended on ${formatCalendarDate(lastDay, 'en')}.`, 'The apps you connected for Grace have stopped.']);
      expect(view.next).toContain('court or legal papers');
      expect(view.next).not.toContain('Authorized Representative form');
      expect(describeFormerMember(former[0], wordingOf('es')).next).toContain('papeles legales');
    });
  });
});

describe('the next step and the wording, per authority', () => {
  it('an ended designee who connected nothing is told of a new form, not that their apps stopped', async () => {
    const { former } = await listRelationships(await rep(KAREN));
    expect(former).toEqual([expect.objectContaining({ memberId: GRACE, reason: 'ended', connectedApps: false })]);
    const view = describeFormerMember(former[0], wordingOf('en'));
    expect(view.why.join(' ')).not.toContain('have stopped');
    expect(view.next).toContain('new Authorized Representative form');
    expect(view.next).not.toContain('court');
  });

  it('a parent whose child turned 18, having connected nothing, is not told their apps stopped', async () => {
    const { former } = await listRelationships(await rep(MICHELLE));
    expect(former).toEqual([expect.objectContaining({ memberId: NOAH, reason: 'child-turned-18', connectedApps: false })]);
    const view = describeFormerMember(former[0], wordingOf('en'));
    expect(view.why.join(' ')).not.toContain('have stopped');
    expect(describeFormerMember({ ...former[0], connectedApps: true }, wordingOf('en')).why).toContain('The apps you connected for Noah have stopped.');
  });

  it('a parent whose authority ended by a date on file has no form to renew', () => {
    const parent: FormerMember = { memberId: EMMA, name: 'Emma Rossi', type: 'parent', reason: 'ended', date: '2026-12-01' as CalendarDate, connectedApps: false };
    const view = describeFormerMember(parent, wordingOf('en'));
    expect(view.next).toContain('there is no form to renew for a parent');
    expect(view.next).not.toContain('court');
  });

  it('Spanish names a parent the same way in the heading and in “you act as”', async () => {
    const giulia = await rep(GIULIA);
    const headings = describeConnections(giulia, [], testWording('es')).members.map((m) => m.heading);
    expect(headings).toContain('Emma Rossi (usted actúa como madre o padre)');
    expect(capacityWords('es', 'parent', 'female')).toBe('su madre o padre');
  });
});

describe('a member whose guardian’s authority ended', () => {
  it('reads “to act for you”, not their own name (English and Spanish)', async () => {
    const grant = await approveAs(THOMAS, GRACE, 'blue-button-explorer');
    const lastDay = addDays(todayIn(appClock()), 3);
    await withAuthority(THOMAS, GRACE, { end: lastDay }, async () => {
      setDay(addDays(lastDay, 1));
      const grace = await scopeOf({ kind: 'member', memberId: GRACE });
      const noteIn = async (locale: Locale) => describeConnections(grace, await listAccountConnections(grace), testWording(locale)).members[0].past.find((c) => c.grantId === grant.id)!.note!;
      expect(await noteIn('en')).toBe(`Ended on ${formatCalendarDate(lastDay, 'en')}: Thomas Liu's authority to act for you ended.`);
      const es = await noteIn('es');
      expect(es).toContain('para actuar en su nombre.');
      expect(es).not.toContain('Grace Liu');
    });
  });
});
