import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, addYears, appClock, endOfDayInstant, startOfDayInstant, todayIn } from '@/lib/calendar';
import { outbox } from '@/lib/db/schema';
import { renderMail } from '@/lib/server/mail/render-mail';
import { setUpDataDir } from '@/lib/testing/set-up-data-dir';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { enqueueSharingExplanations } from './enqueue-sharing-explanations';

const today = todayIn(appClock());
setUpDataDir('hub-sharing-notices-');
const database = setUpTestDatabase({ today, settleMail: true });

const sentTo = async (kind: 'welcome' | 'yearly') =>
  (await database.db.select({ to: outbox.toAddress }).from(outbox).where(like(outbox.dedupeKey, `sharing-explained:${kind}:%`))).map((r) => r.to);

describe('the Provider Access and Payer-to-Payer explanations by email', () => {
  it('go to members whose coverage started within the last week, once, on the day the scheduler runs', async () => {
    // Kevin (3 days), Aisha (6 days) and Daniel (exactly 7 days) started this week; nobody else did.
    const first = await enqueueSharingExplanations(startOfDayInstant(today));
    expect(first.welcome).toBe(3);
    expect((await sentTo('welcome')).sort()).toEqual(['aisha.johnson@members.example', 'daniel.murphy@members.example', 'kevin.tran@members.example']);
    // Members whose coverage anniversary has passed this year get this year's instead; never the new ones.
    expect(await sentTo('yearly')).toContain('maria.santos@members.example');
    expect(await sentTo('yearly')).not.toContain('kevin.tran@members.example');
    // Running again (another instance, five minutes later) sends nothing new.
    expect(await enqueueSharingExplanations(endOfDayInstant(today))).toEqual({ welcome: 0, yearly: 0 });
    // The next day Daniel is past the week; nothing new either.
    expect((await enqueueSharingExplanations(startOfDayInstant(addDays(today, 1)))).welcome).toBe(0);
  });

  it('go to every enrolled member once a year, on the anniversary of coverage start, never to a deceased or past member', async () => {
    const nextYear = addYears(today, 1);
    const before = (await sentTo('yearly')).filter((to) => to === 'maria.santos@members.example').length;
    const result = await enqueueSharingExplanations(endOfDayInstant(nextYear));
    const sent = await sentTo('yearly');
    // Kevin, Aisha and Daniel started a year ago: their first yearly one is due.
    expect(sent).toEqual(expect.arrayContaining(['kevin.tran@members.example', 'aisha.johnson@members.example', 'daniel.murphy@members.example']));
    // Maria (since 2014-07-01) gets next year's once its anniversary has come; Linh (left), Harold (deceased) get none.
    const maria = sent.filter((to) => to === 'maria.santos@members.example').length;
    expect(maria).toBeLessThanOrEqual(before + 1);
    expect((await enqueueSharingExplanations(endOfDayInstant(addYears(nextYear, 1)))).yearly).toBeGreaterThan(3);
    expect((await sentTo('yearly')).filter((to) => to === 'maria.santos@members.example').length).toBeGreaterThan(maria);
    expect(sent).not.toContain('linh.nguyen@members.example');
    expect(sent).not.toContain('harold.whitfield@members.example');
    expect(result.yearly).toBeGreaterThanOrEqual(3);
    // Once a year only.
    expect((await enqueueSharingExplanations(endOfDayInstant(nextYear))).yearly).toBe(0);
  });

  it('go to whoever makes the member’s sharing choices: a minor’s parent instead of the child, an adult and their guardian both, never a designee', async () => {
    // The first test's run covered today: every yearly one of this year is queued.
    const thisYear = today.slice(0, 4);
    const sent = (await database.db.select({ key: outbox.dedupeKey, to: outbox.toAddress, template: outbox.template, params: outbox.params }).from(outbox).where(like(outbox.dedupeKey, 'sharing-explained:yearly:%'))).filter(
      (row) => row.key!.split(':')[3] === thisYear,
    );
    const to = sent.map((row) => row.to);
    // Emma (12) and Luca (9): their parent Giulia, once for each child, naming the child; the children get none.
    expect(to).not.toContain('emma.rossi@members.example');
    expect(to).not.toContain('luca.rossi@members.example');
    const giulia = sent.filter((row) => row.to === 'giulia.rossi@reps.example');
    expect(giulia.map((row) => [row.template, (row.params as { memberName: string }).memberName]).sort()).toEqual([
      ['sharing-explained-representative', 'Emma Rossi'],
      ['sharing-explained-representative', 'Luca Rossi'],
    ]);
    // Grace (an adult with a legal guardian, and a designee whose authority ended): Grace and her guardian Thomas.
    expect(to).toContain('grace.liu@members.example');
    expect(to).toContain('thomas.liu@reps.example');
    expect(to).not.toContain('karen.liu@reps.example');
    // Fatima's designee (Omar) makes no sharing choices: only Fatima.
    expect(to).toContain('fatima.haddad@members.example');
    expect(to).not.toContain('omar.haddad@reps.example');
    for (const locale of ['en', 'es'] as const) {
      const mail = renderMail('sharing-explained-representative', locale, { learnUrl: 'http://x/help/sharing', sharingUrl: 'http://x/account/sharing', memberName: 'Emma Rossi' });
      expect(mail.subject).toContain('Emma Rossi');
      expect(mail.text).toContain('http://x/account/sharing');
    }
  });

  it('read in English and Spanish with both links', () => {
    for (const locale of ['en', 'es'] as const) {
      const mail = renderMail('sharing-explained', locale, { learnUrl: 'http://x/help/sharing', sharingUrl: 'http://x/account/sharing' });
      expect(mail.text).toContain('http://x/help/sharing');
      expect(mail.text).toContain('http://x/account/sharing');
    }
  });
});
