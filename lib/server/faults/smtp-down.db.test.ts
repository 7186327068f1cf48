import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { members, outbox } from '@/lib/db/schema';
import { loadAccountScope } from '@/lib/server/account/account-scope';
import { stopSharing } from '@/lib/server/account/stop-sharing';
import { testWording } from '@/lib/server/account/testing/test-wording';
import { approveConnectFlow } from '@/lib/server/connect/approve-connect-flow';
import { confirmVerificationCode } from '@/lib/server/identity/confirm-verification-code';
import { sendVerificationCode } from '@/lib/server/identity/send-verification-code';
import { moveAppClock, resetAppClock } from '@/lib/server/identity/testing/move-app-clock';
import { deliverDueMail } from '@/lib/server/mail/deliver-due-mail';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { startTestSmtpServer } from '@/lib/server/mail/testing/test-smtp-server';
import { suiteHub } from '@/lib/testing/suite-hub';

// Fault: the mail server is down for the whole flow. The member is told the code is on its way and
// may ask again; the code, the receipt and the "connection ended" notice wait in the outbox and,
// once the server is back, arrive exactly once each, in the order they were written, while a code
// that a newer one replaced never arrives at all.
const MARIA = '100000000001';
let port: number;
const suite = suiteHub({ dataDirPrefix: 'hub-smtp-down-', mailToDevOutbox: false, restoreEnv: ['SMTP_URL'] });

beforeAll(async () => {
  // A port nobody listens on yet: the mail server is down from the start.
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
});
afterAll(() => resetAppClock());

describe('fault: the mail server is down for the whole flow', () => {
  it('keeps every message and delivers each once, in order, when the server is back', { timeout: 30_000 }, async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const [maria] = await suite.hub.db.select().from(members).where(eq(members.memberId, MARIA));
    const { grant: earlier } = await suite.hub.approve({ uid: null, memberId: MARIA, appId: 'open-notes' });
    const subject = { kind: 'member' as const, id: MARIA };
    const ask = () => sendVerificationCode({ subject, purpose: 'connect', locale: 'en', networkKey: 'net:smtp-down' });

    // "Send code to my email": the member is told where the code is going…
    const first = await ask();
    expect(first).toMatchObject({ ok: true, maskedEmail: expect.stringContaining('@') });
    await settleMailDeliveries();
    // …and, a minute later, may ask again.
    moveAppClock(61);
    const again = await ask();
    expect(again).toMatchObject({ ok: true });
    await settleMailDeliveries();

    // Signed in already in this browser, Maria approves a connection: its receipt waits too.
    const flow = {
      id: 'smtp-down-flow',
      appId: 'blue-button-explorer',
      interactionUid: null,
      entry: 'gallery' as const,
      step: 'approve' as const,
      state: { privacyReviewed: true, termsAccepted: true, subject },
    };
    const done = await approveConnectFlow(flow, { categories: ['personal', 'claims'], includeSensitive: false, duration: '90d' }, 'browser-key', {
      locale: 'en',
      categoryNames: testWording('en').categoryNames,
    });
    expect(done.state.grantId).toBeTruthy();
    await settleMailDeliveries();
    // The worker keeps trying through the outage: the receipt fails a second time.
    moveAppClock(40);
    expect(await deliverDueMail()).toMatchObject({ sent: 0 });
    // Then she stops an older connection: done at once, its notice waits behind the receipt.
    const scope = (await loadAccountScope({ kind: 'member', memberId: MARIA }))!;
    await expect(stopSharing(scope, { grantId: earlier.id, locale: 'en' })).resolves.toMatchObject({ grantId: earlier.id });
    await settleMailDeliveries();

    const waiting = await suite.hub.db.select().from(outbox).where(eq(outbox.toAddress, maria.email)).orderBy(asc(outbox.createdAt));
    expect(waiting.map((m) => [m.template, m.sentAt])).toEqual([
      ['verification-code', null],
      ['verification-code', null],
      ['connection-receipt', null],
      ['connection-ended', null],
    ]);
    // The replaced code's email is dropped; the notice waits without a try while the receipt is due first.
    expect(waiting.map((m) => [m.attempts, m.lastError?.startsWith('ESOCKET') ? 'refused' : m.lastError])).toEqual([
      [1, 'replaced by a newer code'],
      [2, 'refused'],
      [2, 'refused'],
      [0, null],
    ]);

    // The mail server comes back on the same address.
    const smtp = await startTestSmtpServer({ port });
    try {
      // The notice's first retry is due before the receipt's second: it still waits its turn.
      moveAppClock(35);
      await deliverDueMail();
      expect(smtp.received.map((m) => kindOf(m.decoded))).toEqual([]);
      moveAppClock(60);
      await deliverDueMail();
      await deliverDueMail();
      expect(smtp.received.map((m) => kindOf(m.decoded))).toEqual(['code', 'receipt', 'ended']);
      expect(smtp.received.every((m) => m.to.join() === maria.email)).toBe(true);
      // The code that arrived is the one that works; the one it replaced never came.
      const code = /\b(\d{6})\b/.exec(smtp.received[0].decoded)![1];
      expect(await confirmVerificationCode({ subject, purpose: 'connect', code })).toMatchObject({ ok: true });
      // Later runs (every instance's worker) send nothing again.
      moveAppClock(3600);
      expect(await deliverDueMail()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(3);
      const after = await suite.hub.db.select().from(outbox).where(eq(outbox.toAddress, maria.email)).orderBy(asc(outbox.createdAt));
      expect(after.map((m) => m.sentAt !== null)).toEqual([false, true, true, true]);
    } finally {
      await smtp.close();
    }
  });
});

function kindOf(mail: string): string {
  if (mail.includes('no longer gets your information')) return 'ended';
  if (mail.includes('You said yes to sharing')) return 'receipt';
  if (/\b\d{6}\b/.test(mail)) return 'code';
  return 'other';
}
