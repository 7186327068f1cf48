import { and, eq, gt, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarDate } from '@/lib/calendar';
import { appClock } from '@/lib/calendar/clock';
import { auditEvents, outbox, rateLimits, verificationCodes } from '@/lib/db/schema';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { readDevOutbox } from '@/lib/server/mail/read-dev-outbox';
import { setUpDataDir } from '@/lib/testing/set-up-data-dir';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { codeIsClosed, confirmVerificationCode } from './confirm-verification-code';
import { sendVerificationCode } from './send-verification-code';
import { findTextInDatabase } from './testing/find-text-in-database';
import { moveAppClock, resetAppClock } from './testing/move-app-clock';
import type { VerificationSubject } from './verification-subject';

const TODAY = '2026-11-23' as CalendarDate;
// No SMTP_URL: mail goes to the dev outbox, read back here as the demo's /dev/outbox page does.
setUpDataDir('hub-codes-', { unsetSmtp: true });
const database = setUpTestDatabase({ today: TODAY, settleMail: true });
beforeEach(async () => {
  await database.db.delete(rateLimits);
});
afterEach(() => resetAppClock());

const maria: VerificationSubject = { kind: 'member', id: '100000000001' };
const kevin: VerificationSubject = { kind: 'member', id: '100000000002' };
const giulia: VerificationSubject = { kind: 'representative', id: 'R-0002' };
const networkKey = '203.0.113.7';

/** Sends a code and reads it back from the email, as the member would. */
async function sendAndRead(subject: VerificationSubject, purpose = 'connect', locale: 'en' | 'es' = 'en') {
  await settleMailDeliveries();
  const before = new Set((await readDevOutbox()).map((m) => JSON.stringify(m)));
  const sent = await sendVerificationCode({ subject, purpose, locale, networkKey });
  if (!sent.ok) throw new Error(`not sent: ${sent.reason}`);
  await settleMailDeliveries();
  // Not simply the newest: tests that moved the clock forward left messages "sent" later.
  const added = (await readDevOutbox()).filter((m) => !before.has(JSON.stringify(m)));
  expect(added).toHaveLength(1);
  const code = /^ {4}(\d{6})$/m.exec(added[0].text)?.[1];
  if (!code) throw new Error('no code in the email');
  return { sent, email: added[0], code };
}

describe('sendVerificationCode', () => {
  it('emails 6 digits to the address on file and answers with the masked address', async () => {
    const { sent, email, code } = await sendAndRead(maria);
    expect(sent).toEqual({ ok: true, maskedEmail: 'm•••••••••s@members.example', resendAfterSeconds: 60 });
    expect(code).toMatch(/^\d{6}$/);
    expect(email.to).toBe('maria.santos@members.example');
    expect(email.subject).toBe('Your MassHealth code');
    expect(email.text).toContain('10 minutes');
    for (const privateDetail of ['1984-03-12', '03/12/1984', '100000000001', 'Santos', 'PCC']) {
      expect(email.text).not.toContain(privateDetail);
    }
    expect(await confirmVerificationCode({ subject: maria, purpose: 'connect', code })).toEqual({ ok: true });
  });

  it('writes the email in the member’s language', async () => {
    const { email, code } = await sendAndRead(kevin, 'spanish', 'es');
    expect(email.subject).toBe('Su código de MassHealth');
    expect(email.text).toContain('Este es su código:');
    expect(email.text).toContain(code);
  });

  it('stores the code only hashed: the plain code is nowhere in the database', async () => {
    const { code } = await sendAndRead(giulia, 'sign-in');
    expect(await findTextInDatabase(database.db, code)).toEqual([]);
    const [row] = await database.db.select().from(verificationCodes).where(eq(verificationCodes.subjectId, 'R-0002'));
    expect(row.codeHash).toMatch(/^hmac-sha256\.[A-Za-z0-9_-]{43}$/);
    // Nor after a wrong and a right try, whose audit rows hold no code.
    await confirmVerificationCode({ subject: giulia, purpose: 'sign-in', code: code === '000000' ? '111111' : '000000' });
    await confirmVerificationCode({ subject: giulia, purpose: 'sign-in', code });
    expect(await findTextInDatabase(database.db, code)).toEqual([]);
  });

  it('keeps the code out of the outbox row, sealed until sent and gone after', async () => {
    const sent = await sendVerificationCode({ subject: maria, purpose: 'outbox-check', locale: 'en', networkKey });
    expect(sent.ok).toBe(true);
    const [row] = await database.db.select().from(outbox).orderBy(sql`${outbox.createdAt} desc`).limit(1);
    expect(row.template).toBe('verification-code');
    expect(row.toAddress).toBe('maria.santos@members.example');
    expect(row.params).toEqual({});
    await settleMailDeliveries();
    const [after] = await database.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after.sentAt).not.toBeNull();
    expect(after.sealedParams).toBeNull();
  });

  it('makes a resend within 60 seconds wait, and a new code ends the old one', async () => {
    const first = await sendAndRead(maria, 'resend');
    const tooSoon = await sendVerificationCode({ subject: maria, purpose: 'resend', locale: 'en', networkKey });
    expect(tooSoon).toMatchObject({ ok: false, reason: 'wait' });
    expect(tooSoon.ok === false && tooSoon.retryAfterSeconds).toBeGreaterThan(0);
    expect(tooSoon.ok === false && tooSoon.retryAfterSeconds).toBeLessThanOrEqual(60);

    moveAppClock(61);
    const second = await sendAndRead(maria, 'resend');
    const live = await database.db
      .select()
      .from(verificationCodes)
      .where(and(eq(verificationCodes.purpose, 'resend'), gt(verificationCodes.expiresAt, appClock().now())));
    expect(live).toHaveLength(1);
    if (first.code !== second.code) {
      expect(await confirmVerificationCode({ subject: maria, purpose: 'resend', code: first.code })).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 });
    }
    expect(await confirmVerificationCode({ subject: maria, purpose: 'resend', code: second.code })).toEqual({ ok: true });
  });

  it('sends at most 10 codes an hour to one person', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await sendVerificationCode({ subject: kevin, purpose: 'hourly', locale: 'en', networkKey })).ok).toBe(true);
      moveAppClock(61);
    }
    const refused = await sendVerificationCode({ subject: kevin, purpose: 'hourly', locale: 'en', networkKey });
    expect(refused).toMatchObject({ ok: false, reason: 'rate-limited' });
    await settleMailDeliveries();
  });
});

describe('confirmVerificationCode', () => {
  it('accepts the code typed with spaces or dashes, once', async () => {
    const { code } = await sendAndRead(maria, 'typed');
    expect(await confirmVerificationCode({ subject: maria, purpose: 'typed', code: ` ${code.slice(0, 3)} - ${code.slice(3)} ` })).toEqual({ ok: true });
    expect(await confirmVerificationCode({ subject: maria, purpose: 'typed', code })).toEqual({ ok: false, reason: 'no-code' });
  });

  it('does not take a code sent for another purpose', async () => {
    const { code } = await sendAndRead(maria, 'connect-only');
    expect(await confirmVerificationCode({ subject: maria, purpose: 'sign-in-only', code })).toEqual({ ok: false, reason: 'no-code' });
    expect(await confirmVerificationCode({ subject: kevin, purpose: 'connect-only', code })).toEqual({ ok: false, reason: 'no-code' });
  });

  it('works for 10 minutes and not after', async () => {
    const { code } = await sendAndRead(maria, 'expiry');
    moveAppClock(10 * 60 - 2);
    expect(await confirmVerificationCode({ subject: maria, purpose: 'expiry', code: wrongCode(code) })).toMatchObject({ reason: 'wrong' });
    expect(await codeIsClosed(maria, 'expiry')).toBe(false);
    moveAppClock(3);
    expect(await codeIsClosed(maria, 'expiry')).toBe(true);
    expect(await confirmVerificationCode({ subject: maria, purpose: 'expiry', code })).toEqual({ ok: false, reason: 'expired' });
  });

  it('ends the code after 5 wrong tries: the sixth is refused even when right', async () => {
    const { code } = await sendAndRead(kevin, 'tries');
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await confirmVerificationCode({ subject: kevin, purpose: 'tries', code: wrongCode(code) }));
    expect(answers).toEqual([
      { ok: false, reason: 'wrong', attemptsLeft: 4 },
      { ok: false, reason: 'wrong', attemptsLeft: 3 },
      { ok: false, reason: 'wrong', attemptsLeft: 2 },
      { ok: false, reason: 'wrong', attemptsLeft: 1 },
      { ok: false, reason: 'too-many-tries', attemptsLeft: 0 },
    ]);
    // The code page asks this to stop saying the code works for 10 minutes.
    expect(await codeIsClosed(kevin, 'tries')).toBe(true);
    expect(await codeIsClosed(kevin, 'never-sent')).toBe(false);
    expect(await confirmVerificationCode({ subject: kevin, purpose: 'tries', code })).toEqual({ ok: false, reason: 'too-many-tries' });
  });

  it('counts something that is not six digits as a wrong try', async () => {
    await sendAndRead(kevin, 'garbage');
    expect(await confirmVerificationCode({ subject: kevin, purpose: 'garbage', code: '12345' })).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 });
  });

  it('says there is no code when none was sent', async () => {
    expect(await confirmVerificationCode({ subject: giulia, purpose: 'never-sent', code: '123456' })).toEqual({ ok: false, reason: 'no-code' });
  });

  it('lets exactly one of two simultaneous confirms of one code succeed', async () => {
    const { code } = await sendAndRead(giulia, 'race');
    const results = await Promise.all([
      confirmVerificationCode({ subject: giulia, purpose: 'race', code }),
      confirmVerificationCode({ subject: giulia, purpose: 'race', code }),
      confirmVerificationCode({ subject: giulia, purpose: 'race', code }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: 'no-code' },
      { ok: false, reason: 'no-code' },
    ]);
  });

  it('audits sent, confirmed and failed codes without the code', async () => {
    const [{ lastId }] = await database.db.select({ lastId: sql<number>`coalesce(max(${auditEvents.id}), 0)::int` }).from(auditEvents);
    const { code } = await sendAndRead(maria, 'audit');
    await confirmVerificationCode({ subject: maria, purpose: 'audit', code: wrongCode(code) });
    await confirmVerificationCode({ subject: maria, purpose: 'audit', code });
    const rows = await database.db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(auditEvents.id);
    expect(rows.map((r) => [r.action, r.actorKind, r.actorId, r.memberId])).toEqual([
      ['identity.code-sent', 'member', maria.id, maria.id],
      ['identity.code-failed', 'member', maria.id, maria.id],
      ['identity.code-confirmed', 'member', maria.id, maria.id],
    ]);
    expect(rows[1].details).toEqual({ purpose: 'audit', reason: 'wrong', attemptsLeft: 4 });
    expect(JSON.stringify(rows)).not.toContain(code);
  });
});

function wrongCode(code: string): string {
  return code === '999999' ? '000000' : String(Number(code) + 1).padStart(6, '0');
}
