import { eq, like } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays, calendarDateIn, endOfDayInstant, startOfDayInstant, todayIn, appClock, type CalendarDate } from '@/lib/calendar';
import { consentGrants, outbox } from '@/lib/db/schema';
import { lastDayOf } from '@/lib/server/account/last-day-of';
import { loadAccountScope } from '@/lib/server/account/account-scope';
import { rememberPreferredLocale } from '@/lib/server/account/remember-preferred-locale';
import { changeSharing } from '@/lib/server/account/change-sharing';
import { stopSharing } from '@/lib/server/account/stop-sharing';
import { testWording } from '@/lib/server/account/testing/test-wording';
import { changeAppStatus } from '@/lib/server/apps/change-app-status';
import { approveConnectFlow } from '@/lib/server/connect/approve-connect-flow';
import { resetAppClock } from '@/lib/server/identity/testing/move-app-clock';
import { deliverDueMail } from '@/lib/server/mail/deliver-due-mail';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { startTestSmtpServer } from '@/lib/server/mail/testing/test-smtp-server';
import { suiteHub } from '@/lib/testing/suite-hub';
import { runDueNotices } from './run-due-notices';
import { startNoticeScheduler } from './start-notice-scheduler';

const MARIA = '100000000001';
const LINH = '100000000005';
const SAMUEL = '100000000015';
const JOSE = '100000000012';
const DAY = 86_400_000;

let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
const suite = suiteHub({ dataDirPrefix: 'hub-notices-', mailToDevOutbox: false, restoreEnv: ['SMTP_URL'] });

beforeEach(async () => {
  smtp = await startTestSmtpServer();
  process.env.SMTP_URL = smtp.url;
});
afterEach(async () => {
  await settleMailDeliveries();
  await smtp.close();
  resetAppClock();
  delete process.env.CLOCK_NOW;
  vi.restoreAllMocks();
});

/** Runs the application's clock from a fixed instant (appClock reads CLOCK_NOW on every call). */
const setClock = (at: Date) => {
  process.env.CLOCK_NOW = at.toISOString();
};
const noticesFor = (grantId: string) => suite.hub.db.select().from(outbox).where(like(outbox.dedupeKey, `%:${grantId}`));
const grantRow = async (id: string) => (await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, id)))[0];

describe('a connection with a 90-day end', () => {
  it('sends the 14-day notice once, when the clock reaches it, then the “ended” notice once', async () => {
    const { grant } = await suite.hub.approve({ uid: null, memberId: LINH, appId: 'carecompass', duration: '90d' });
    // It works through its whole last day, 90 days after the approval's day (payer time).
    const lastDay = lastDayOf(grant.expiresAt);
    expect(lastDay).toBe(addDays(calendarDateIn(grant.createdAt), 90));
    expect(grant.expiresAt).toEqual(endOfDayInstant(lastDay));

    // The reminder is due from the start of the day 14 calendar days before the last day.
    const reminderDay = startOfDayInstant(addDays(lastDay, -14));
    setClock(new Date(reminderDay.getTime() - 60_000));
    await runDueNotices();
    expect(await noticesFor(grant.id)).toHaveLength(0);

    setClock(new Date(reminderDay.getTime() + 60_000));
    const [first, second] = await Promise.all([runDueNotices(), runDueNotices()]); // two instances at once
    expect(first.endingSoon + second.endingSoon).toBe(1);
    expect((await grantRow(grant.id)).expiryNoticeSentAt).not.toBeNull();
    await runDueNotices();
    await settleMailDeliveries();
    await deliverDueMail();
    expect(smtp.received).toHaveLength(1);
    const soon = smtp.received[0];
    expect(soon.to).toEqual(['linh.nguyen@members.example']);
    expect(soon.decoded).toContain('CareCompass can get your MassHealth information until');
    expect(soon.decoded).toContain('/account');
    for (const privateDetail of [LINH, 'Nguyen', '1988', 'claims']) expect(soon.decoded).not.toContain(privateDetail);

    setClock(new Date(grant.expiresAt.getTime() + 60_000));
    expect((await runDueNotices()).ended).toBeGreaterThanOrEqual(1);
    await runDueNotices();
    await settleMailDeliveries();
    await deliverDueMail();
    const mine = smtp.received.filter((m) => m.to[0] === 'linh.nguyen@members.example');
    expect(mine).toHaveLength(2);
    expect(mine[1].decoded).toContain('The app CareCompass can no longer get your MassHealth information.');
    expect((await noticesFor(grant.id)).map((m) => m.template).sort()).toEqual(['connection-ended', 'connection-ending-soon']);
  });

  it('refuses the app’s token after the end date', async () => {
    const { tokens, grant } = await suite.hub.launch({ memberId: SAMUEL, duration: '90d' });
    expect(await suite.hub.fhirStatus('ExplanationOfBenefit', tokens.access_token)).toBe(200);
    setClock(new Date(grant.expiresAt.getTime() - 60_000));
    expect(await suite.hub.fhirStatus('ExplanationOfBenefit', tokens.access_token)).toBe(200);
    setClock(new Date(grant.expiresAt.getTime() + 1_000));
    expect(await suite.hub.fhirStatus('ExplanationOfBenefit', tokens.access_token)).toBe(401);
  });

  it('gives a short or one-time connection no “ends soon” notice and a one-time one no “ended” notice', async () => {
    const { grant } = await suite.hub.approve({ uid: null, memberId: JOSE, appId: 'medtrack-rx', duration: 'once' });
    setClock(new Date(grant.expiresAt.getTime() - 30 * 60_000));
    await runDueNotices();
    setClock(new Date(grant.expiresAt.getTime() + 60_000));
    await runDueNotices();
    expect(await noticesFor(grant.id)).toHaveLength(0);
  });
});

describe('the 14-day notice counts calendar days to the last day, whatever ends the connection', () => {
  /** A grant whose end is capped at the end of `lastDay` (the member's access, an authority), as approvals write it. */
  async function cappedGrant(appId: string, lastDay: CalendarDate) {
    const { grant } = await suite.hub.approve({ uid: null, memberId: MARIA, appId, duration: '1y' });
    await suite.hub.db.update(consentGrants).set({ expiresAt: endOfDayInstant(lastDay) }).where(eq(consentGrants.id, grant.id));
    return grant;
  }
  const noonOf = (day: CalendarDate) => new Date(startOfDayInstant(day).getTime() + 12 * 3_600_000);

  it('is due 14 days before a capped last day, as for a 90-day one (not 13)', async () => {
    const lastDay = addDays(todayIn(appClock()), 40);
    const grant = await cappedGrant('carecompass', lastDay);
    const reminderDay = startOfDayInstant(addDays(lastDay, -14));
    setClock(new Date(reminderDay.getTime() - 60_000));
    await runDueNotices();
    expect(await noticesFor(grant.id)).toHaveLength(0);
    setClock(new Date(reminderDay.getTime() + 60_000));
    await runDueNotices();
    await runDueNotices();
    const sent = await noticesFor(grant.id);
    expect(sent.map((m) => m.template)).toEqual(['connection-ending-soon']);
    expect((sent[0].params as Record<string, string>).endsOn).toBe(lastDay);
  });

  it('is not sent for a connection whose reminder day would be its approval day or earlier', async () => {
    const today = todayIn(appClock());
    const short = await cappedGrant('medtrack-rx', addDays(today, 14));
    const longer = await cappedGrant('open-notes', addDays(today, 15));
    for (const day of [today, addDays(today, 1), addDays(today, 14)]) {
      setClock(noonOf(day));
      await runDueNotices();
    }
    expect(await noticesFor(short.id)).toHaveLength(0);
    expect((await noticesFor(longer.id)).map((m) => m.template)).toEqual(['connection-ending-soon']);
    expect((await grantRow(longer.id)).expiryNoticeSentAt).toEqual(noonOf(addDays(today, 1)));
  });
});

describe('the notice’s language', () => {
  it('is the one the person last signed in with', async () => {
    const AVA = '100000000013';
    const { grant } = await suite.hub.approve({ uid: null, memberId: AVA, appId: 'open-notes', duration: '90d' });
    await rememberPreferredLocale({ kind: 'member', memberId: AVA }, 'es');
    setClock(new Date(grant.expiresAt.getTime() - 10 * DAY));
    await runDueNotices();
    await settleMailDeliveries();
    const mail = smtp.received.find((m) => m.to[0] === 'ava.brooks@members.example')!;
    expect(mail.decoded).toContain('La app Open Notes Journal puede recibir su información de MassHealth hasta el');
  });
});

describe('with the mail server down', () => {
  async function stopSmtp() {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await smtp.close();
  }
  async function restartSmtp() {
    smtp = await startTestSmtpServer();
    process.env.SMTP_URL = smtp.url;
  }
  /** Every due message once the back-off has passed (the outbox worker's job). */
  const deliverLater = () => deliverDueMail({ now: new Date(Date.now() + 2 * 60 * 60_000) });

  it('“Stop sharing” still succeeds, and its email arrives exactly once when the server is back', async () => {
    const { grant } = await suite.hub.approve({ uid: null, memberId: MARIA, appId: 'open-notes' });
    await stopSmtp();
    const maria = (await loadAccountScope({ kind: 'member', memberId: MARIA }))!;
    await expect(stopSharing(maria, { grantId: grant.id, locale: 'en' })).resolves.toMatchObject({ grantId: grant.id });
    expect((await grantRow(grant.id)).revokedAt).not.toBeNull();
    await settleMailDeliveries();
    const [queued] = await noticesFor(grant.id);
    expect(queued).toMatchObject({ template: 'connection-ended', sentAt: null, attempts: 1 });

    await restartSmtp();
    expect(await deliverLater()).toEqual({ sent: 1, failed: 0 });
    expect(await deliverLater()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].decoded).toContain('Open Notes Journal no longer gets your information');
  });

  it('a connection is approved, and its receipt arrives once when the server is back', async () => {
    await stopSmtp();
    const flow = {
      id: 'notices-test-flow-1',
      appId: 'blue-button-explorer',
      interactionUid: null,
      entry: 'gallery' as const,
      step: 'approve' as const,
      state: { privacyReviewed: true, termsAccepted: true, subject: { kind: 'member' as const, id: MARIA } },
    };
    const done = await approveConnectFlow(flow, { categories: ['personal', 'claims'], includeSensitive: false, duration: '90d' }, 'browser-key', {
      locale: 'en',
      categoryNames: testWording('en').categoryNames,
    });
    expect(done.state.grantId).toBeTruthy();
    await settleMailDeliveries();
    const [receipt] = await noticesFor(done.state.grantId!);
    expect(receipt).toMatchObject({ template: 'connection-receipt', sentAt: null, attempts: 1 });

    await restartSmtp();
    expect(await deliverLater()).toEqual({ sent: 1, failed: 0 });
    expect(await deliverLater()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].decoded).toContain('You said yes to sharing your MassHealth information with the app Blue Button Explorer.');
  });

  it('“Change what is shared” still succeeds, and its receipt arrives once', async () => {
    const { grant } = await suite.hub.approve({ uid: null, memberId: MARIA, appId: 'medtrack-rx', duration: '1y' });
    await stopSmtp();
    const maria = (await loadAccountScope({ kind: 'member', memberId: MARIA }))!;
    const { grantId } = await changeSharing(maria, { grantId: grant.id, categories: ['personal'], includeSensitive: false, endInDays: null, locale: 'en', categoryNames: testWording('en').categoryNames });
    await settleMailDeliveries();
    await restartSmtp();
    expect(await deliverLater()).toEqual({ sent: 1, failed: 0 });
    expect(await deliverLater()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received[0].decoded).toContain('What the app can get now: Personal information.');
    expect((await noticesFor(grantId)).map((m) => m.template)).toEqual(['connection-changed']);
  });
});

describe('the payer suspends or reinstates an app', () => {
  it('tells each person whose connection the suspension ended, once, in their language, and again when the app is back', async () => {
    const first = await suite.hub.approve({ uid: null, memberId: MARIA, appId: 'carecompass' });
    const second = await suite.hub.approve({ uid: null, memberId: MARIA, appId: 'carecompass' });
    await suite.hub.approve({ uid: null, memberId: SAMUEL, appId: 'carecompass' });
    await rememberPreferredLocale({ kind: 'member', memberId: SAMUEL }, 'es');

    const suspended = await changeAppStatus({
      appId: 'carecompass',
      decision: 'suspend',
      criterion: 'failed-security-assessment',
      notes: 'Pen test: SQL injection in the export endpoint',
      staffUsername: 'alex.admin',
    });
    expect(suspended.peopleTold).toBeGreaterThanOrEqual(2);
    await settleMailDeliveries();
    const toMaria = smtp.received.filter((m) => m.to[0] === 'maria.santos@members.example');
    expect(toMaria).toHaveLength(1);
    expect(toMaria[0].decoded).toContain('Why we stopped it: The app did not pass our security check.');
    expect(toMaria[0].decoded).toContain('/apps');
    const toSamuel = smtp.received.filter((m) => m.to[0] === 'samuel.greene@members.example');
    expect(toSamuel).toHaveLength(1);
    expect(toSamuel[0].decoded).toContain('la app no pasó nuestra revisión de seguridad.');
    // The reviewer's notes are for staff and the developer only.
    for (const mail of smtp.received) expect(mail.decoded).not.toContain('SQL injection');
    // Maria connected the app twice: her second approval ended the first (one connection per
    // person and app); the suspension ended the second.
    expect(await grantRow(first.grant.id)).toMatchObject({ revokedBy: `member:${MARIA}`, revokedReason: 'connected-again', replacedBy: second.grant.id });
    expect(await grantRow(second.grant.id)).toMatchObject({ revokedBy: 'staff:alex.admin', revokedReason: 'app-suspended:failed-security-assessment' });

    const reinstated = await changeAppStatus({ appId: 'carecompass', decision: 'reinstate', criterion: 'security-issue-resolved', staffUsername: 'alex.admin' });
    expect(reinstated.peopleTold).toBe(suspended.peopleTold);
    await settleMailDeliveries();
    const back = smtp.received.filter((m) => m.to[0] === 'maria.santos@members.example' && m.decoded.includes('has approved the app CareCompass again'));
    expect(back).toHaveLength(1);
    expect(back[0].decoded).toContain('Your earlier connection to the app stays stopped.');
    expect(back[0].decoded).toContain('/apps/carecompass');
    // Old connections stay ended.
    for (const { grant } of [first, second]) expect((await grantRow(grant.id)).revokedAt).not.toBeNull();
  });
});

describe('startNoticeScheduler', () => {
  it('finds due notices on its own and keeps going after a failed run', async () => {
    const { grant } = await suite.hub.approve({ uid: null, memberId: LINH, appId: 'medtrack-rx', duration: '90d' });
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.CLOCK_OFFSET_DAYS = 'not a number';
    const stop = startNoticeScheduler({ intervalMs: 50 });
    try {
      await vi.waitFor(() => expect(errors.mock.calls.some(([line]) => String(line).includes('job.failed'))).toBe(true));
      expect(errors.mock.calls.map(([line]) => String(line))).toContainEqual(expect.stringMatching(/"level":"error","event":"job.failed","job":"\[notices\] run failed"/));
      setClock(new Date(grant.expiresAt.getTime() - 13 * DAY));
      delete process.env.CLOCK_OFFSET_DAYS;
      await vi.waitFor(async () => expect((await noticesFor(grant.id)).map((m) => m.template)).toEqual(['connection-ending-soon']), { timeout: 5_000 });
    } finally {
      stop();
    }
  });
});

describe('a member who connected in Spanish and never signed in to the account', () => {
  it('gets the later notices (ends soon, ended, app removed, app back) in Spanish', async () => {
    const FATIMA = '100000000016';
    const to = 'fatima.haddad@members.example';
    const approveInSpanish = (id: string) =>
      approveConnectFlow(
        {
          id,
          appId: 'blue-button-explorer',
          interactionUid: null,
          entry: 'gallery' as const,
          step: 'approve' as const,
          state: { privacyReviewed: true, termsAccepted: true, subject: { kind: 'member' as const, id: FATIMA } },
        },
        { categories: ['personal', 'claims'], includeSensitive: false, duration: '90d' },
        'browser-key',
        { locale: 'es', categoryNames: testWording('es').categoryNames },
      );
    const first = await approveInSpanish('notices-test-flow-es-1');
    const grant = await grantRow(first.state.grantId!);

    setClock(new Date(grant.expiresAt.getTime() - 13 * DAY));
    await runDueNotices();
    setClock(new Date(grant.expiresAt.getTime() + 60_000));
    await runDueNotices();
    await settleMailDeliveries();
    resetAppClock();
    delete process.env.CLOCK_NOW;

    await approveInSpanish('notices-test-flow-es-2');
    await changeAppStatus({ appId: 'blue-button-explorer', decision: 'suspend', criterion: 'failed-security-assessment', staffUsername: 'alex.admin' });
    await changeAppStatus({ appId: 'blue-button-explorer', decision: 'reinstate', criterion: 'security-issue-resolved', staffUsername: 'alex.admin' });
    await settleMailDeliveries();
    // Mail to one address goes out oldest first, one at a time: the outbox worker sends the rest.
    for (let round = 0; round < 20; round += 1) {
      const { sent } = await deliverDueMail({ now: new Date(Date.now() + 400 * DAY) });
      if (sent === 0) break;
    }

    const texts = smtp.received.filter((m) => m.to[0] === to).map((m) => m.decoded);
    for (const spanish of [
      'La app Blue Button Explorer puede recibir su información de MassHealth hasta el', // ends soon
      'La app Blue Button Explorer ya no puede recibir su información de MassHealth.', // ended
      'la app no pasó nuestra revisión de seguridad.', // app removed, with the reason translated (after "Por qué la detuvimos:")
      'La app Blue Button Explorer', // reinstated
    ]) {
      expect(texts.some((text) => text.includes(spanish)), spanish).toBe(true);
    }
    for (const text of texts) expect(text).not.toMatch(/Hello|can no longer get|has approved the app/);
  });
});
