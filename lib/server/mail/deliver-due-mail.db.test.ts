import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalendarDate } from '@/lib/calendar';
import { outbox } from '@/lib/db/schema';
import { confirmVerificationCode } from '@/lib/server/identity/confirm-verification-code';
import { sendVerificationCode } from '@/lib/server/identity/send-verification-code';
import { setUpDataDir } from '@/lib/testing/set-up-data-dir';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { deliverDueMail } from './deliver-due-mail';
import { settleMailDeliveries } from './deliver-mail-soon';
import { enqueueMail, type MailToEnqueue } from './enqueue-mail';
import { readDevOutbox } from './read-dev-outbox';
import { startOutboxWorker } from './start-outbox-worker';
import { startTestSmtpServer } from './testing/test-smtp-server';

const TODAY = '2026-11-23' as CalendarDate;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let serial = 0;
setUpDataDir('hub-mail-', { restoreEnv: ['SMTP_URL'] });
const database = setUpTestDatabase({ today: TODAY });
beforeEach(async () => {
  smtp = await startTestSmtpServer();
  process.env.SMTP_URL = smtp.url;
  // Nothing left due from an earlier test.
  await database.db.update(outbox).set({ sentAt: new Date() });
});
afterEach(async () => {
  await settleMailDeliveries();
  await smtp.close();
  vi.restoreAllMocks();
});

function endedMail(overrides: Partial<MailToEnqueue> = {}): MailToEnqueue {
  serial += 1;
  return {
    dedupeKey: `connection-ended:test-${serial}`,
    to: 'maria.santos@members.example',
    template: 'connection-ended',
    locale: 'en',
    params: { appName: 'CareCompass', accountUrl: 'http://localhost:3000/account' },
    ...overrides,
  };
}

const rowOf = async (id: string) => (await database.db.select().from(outbox).where(eq(outbox.id, id)))[0];

/** An SMTP URL where nothing listens: a server that is down. */
async function downSmtpUrl(): Promise<string> {
  const gone = await startTestSmtpServer();
  await gone.close();
  return gone.url;
}

describe('the code email over real SMTP', () => {
  it('reaches the address on file with the code, and no birth date or member ID', async () => {
    const sent = await sendVerificationCode({ subject: { kind: 'member', id: '100000000001' }, purpose: 'connect', locale: 'en', networkKey: '203.0.113.1' });
    expect(sent.ok).toBe(true);
    await settleMailDeliveries();
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to).toEqual(['maria.santos@members.example']);
    expect(mail.decoded).toContain('Subject: Your MassHealth code');
    const code = /^ {4}(\d{6})$/m.exec(mail.decoded)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    for (const privateDetail of ['1984-03-12', '03/12/1984', '1984', '100000000001', '1000 0000 0001', 'Santos', '02119']) {
      expect(mail.decoded).not.toContain(privateDetail);
    }
    expect(await confirmVerificationCode({ subject: { kind: 'member', id: '100000000001' }, purpose: 'connect', code: code! })).toEqual({ ok: true });
  });
});

describe('deliverDueMail', () => {
  it('keeps a message while the SMTP server is down, backs off, then delivers it exactly once', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.SMTP_URL = await downSmtpUrl();
    const id = (await database.db.transaction((tx) => enqueueMail(tx, endedMail())))!;
    const t0 = new Date();

    expect(await deliverDueMail({ now: t0 })).toEqual({ sent: 0, failed: 1 });
    const afterFirst = await rowOf(id);
    expect(afterFirst).toMatchObject({ sentAt: null, attempts: 1, lockedUntil: null });
    expect(afterFirst.lastError).toMatch(/ECONNREFUSED/);
    expect(afterFirst.lastError).not.toContain('CareCompass');
    const firstDelay = afterFirst.nextAttemptAt.getTime() - Date.now();
    expect(firstDelay).toBeGreaterThan(25_000);
    expect(firstDelay).toBeLessThanOrEqual(30_000);

    // Not due again before the back-off ends; the second failure waits twice as long.
    expect(await deliverDueMail({ now: new Date(t0.getTime() + 10_000) })).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueMail({ now: new Date(afterFirst.nextAttemptAt.getTime() + 1) })).toEqual({ sent: 0, failed: 1 });
    const afterSecond = await rowOf(id);
    expect(afterSecond.attempts).toBe(2);
    expect(afterSecond.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(55_000);

    process.env.SMTP_URL = smtp.url;
    expect(await deliverDueMail()).toEqual({ sent: 0, failed: 0 });
    const later = new Date(afterSecond.nextAttemptAt.getTime() + 1);
    expect(await deliverDueMail({ now: later })).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDueMail({ now: new Date(later.getTime() + 3_600_000) })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].decoded).toContain('CareCompass no longer gets your information');
    expect((await rowOf(id)).sentAt).not.toBeNull();
  });

  it('caps the back-off at one hour', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.SMTP_URL = await downSmtpUrl();
    const id = (await database.db.transaction((tx) => enqueueMail(tx, endedMail())))!;
    await database.db.update(outbox).set({ attempts: 12 }).where(eq(outbox.id, id));
    await deliverDueMail();
    const row = await rowOf(id);
    expect(row.attempts).toBe(13);
    expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(3_590_000);
    expect(row.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('sends each message once when two runs overlap', async () => {
    const ids = [];
    for (let i = 0; i < 25; i += 1) ids.push(await database.db.transaction((tx) => enqueueMail(tx, endedMail())));
    const runs = await Promise.all([deliverDueMail(), deliverDueMail(), deliverDueMail()]);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(25);
    expect(smtp.received).toHaveLength(25);
    for (const id of ids) expect((await rowOf(id!)).sentAt).not.toBeNull();
  });

  it('never sends a message whose claim lapsed while earlier mail to its address was sent (another run has it then)', async () => {
    const first = (await database.db.transaction((tx) => enqueueMail(tx, endedMail())))!;
    const second = (await database.db.transaction((tx) => enqueueMail(tx, endedMail())))!;
    // While the first message is being sent, this run's claim on the second lapses and another
    // instance claims it (its own lease): this run must leave it to that instance.
    const otherLease = new Date(Date.now() + 10 * 60_000);
    await smtp.close();
    smtp = await startTestSmtpServer({
      beforeAccepting: async () => {
        await database.db.update(outbox).set({ lockedUntil: otherLease }).where(eq(outbox.id, second));
      },
    });
    process.env.SMTP_URL = smtp.url;
    const run = await deliverDueMail();
    expect(run).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect((await rowOf(first)).sentAt).not.toBeNull();
    const left = await rowOf(second);
    expect(left.sentAt).toBeNull();
    expect(left.lockedUntil?.getTime()).toBe(otherLease.getTime());
    expect(left.attempts).toBe(0);
  });

  it('sends one address’s mail in the order it was queued, also two queued in one transaction', async () => {
    const [earlier, later] = await database.db.transaction(async (tx) => [
      (await enqueueMail(tx, endedMail({ params: { appName: 'Queued First', accountUrl: 'http://localhost:3000/account' } })))!,
      (await enqueueMail(tx, endedMail({ params: { appName: 'Queued Second', accountUrl: 'http://localhost:3000/account' } })))!,
    ]);
    // One transaction, one now(): the same created_at. And the later one with the id that sorts first.
    await database.db.update(outbox).set({ id: 'z-earlier' }).where(eq(outbox.id, earlier));
    await database.db.update(outbox).set({ id: 'a-later' }).where(eq(outbox.id, later));
    const rows = await database.db.select({ createdAt: outbox.createdAt }).from(outbox).where(sql`${outbox.id} in ('z-earlier', 'a-later')`);
    expect(new Set(rows.map((r) => r.createdAt.getTime())).size).toBe(1);
    expect(await deliverDueMail()).toEqual({ sent: 2, failed: 0 });
    expect(smtp.received.map((m) => /Queued (First|Second)/.exec(m.decoded)?.[0])).toEqual(['Queued First', 'Queued Second']);
  });

  it('does not send a code email whose code has expired, and forgets its code', async () => {
    const id = (await database.db.transaction((tx) =>
      enqueueMail(tx, {
        dedupeKey: `verification-code:expired-${serial++}`,
        to: 'maria.santos@members.example',
        template: 'verification-code',
        locale: 'en',
        params: { code: '123456' },
        expiresAt: new Date(Date.now() + 600_000),
      }),
    ))!;
    expect((await rowOf(id)).sealedParams).toMatch(/^v1\./);
    expect(JSON.stringify(await rowOf(id))).not.toContain('123456');
    expect(await deliverDueMail({ now: new Date(Date.now() + 601_000) })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await rowOf(id)).toMatchObject({ sentAt: null, sealedParams: null, lastError: 'expired before delivery' });
  });
});

describe('enqueueMail', () => {
  it('drops a second message with the same dedupe key', async () => {
    const mail = endedMail();
    const first = await database.db.transaction((tx) => enqueueMail(tx, mail));
    const second = await database.db.transaction((tx) => enqueueMail(tx, { ...mail, params: { appName: 'Other', accountUrl: 'http://x.example' } }));
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(await database.db.select().from(outbox).where(eq(outbox.dedupeKey, mail.dedupeKey))).toHaveLength(1);
    await deliverDueMail();
    expect(smtp.received).toHaveLength(1);
  });

  it('enqueues nothing when the caller’s transaction rolls back', async () => {
    const mail = endedMail();
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueMail(tx, mail);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await database.db.select().from(outbox).where(eq(outbox.dedupeKey, mail.dedupeKey))).toHaveLength(0);
  });

  it('refuses a message with a value missing', async () => {
    await expect(database.db.transaction((tx) => enqueueMail(tx, endedMail({ params: { appName: 'CareCompass' } })))).rejects.toThrow(/accountUrl/);
  });
});

describe('the dev outbox', () => {
  it('holds each message as a file when no SMTP_URL is set, newest first', async () => {
    delete process.env.SMTP_URL;
    await database.db.transaction((tx) => enqueueMail(tx, endedMail({ params: { appName: 'First App', accountUrl: 'http://localhost:3000/account' } })));
    await deliverDueMail({ now: new Date(Date.now()) });
    await database.db.transaction((tx) =>
      enqueueMail(tx, endedMail({ locale: 'es', to: 'kevin.tran@members.example', params: { appName: 'Second App', accountUrl: 'http://localhost:3000/account' } })),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    await deliverDueMail();
    const [newest, older] = await readDevOutbox();
    expect(newest).toMatchObject({ to: 'kevin.tran@members.example', subject: 'Second App ya no recibe su información' });
    expect(older).toMatchObject({ to: 'maria.santos@members.example', subject: 'First App no longer gets your information' });
    expect(Object.keys(newest).sort()).toEqual(['sentAt', 'subject', 'text', 'to']);
    expect(smtp.received).toHaveLength(0);
  });
});

describe('startOutboxWorker', () => {
  it('delivers due mail on its own and keeps going after a failed run', async () => {
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.SMTP_URL = 'not a url';
    await database.db.transaction((tx) => enqueueMail(tx, endedMail()));
    const stop = startOutboxWorker({ intervalMs: 50 });
    try {
      await vi.waitFor(() => expect(errors.mock.calls.some(([line]) => String(line).includes('job.failed'))).toBe(true));
      expect(errors.mock.calls.map(([line]) => String(line))).toContainEqual(expect.stringMatching(/"level":"error","event":"job.failed","job":"\[outbox\] delivery run failed"/));
      process.env.SMTP_URL = smtp.url;
      await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 5_000 });
    } finally {
      stop();
    }
  });
});
