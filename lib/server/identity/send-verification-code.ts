import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb } from '@/lib/db/client';
import { outbox, verificationCodes } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { consumeAllRateLimits } from '@/lib/server/rate-limit/consume-all-rate-limits';
import { consumeRateLimit } from '@/lib/server/rate-limit/consume-rate-limit';
import { rateLimitKey } from '@/lib/server/rate-limit/rate-limit-key';
import { findSubjectEmail } from './find-subject-email';
import { IDENTITY_LIMITS, VERIFICATION_CODE_RULES } from './identity-limits';
import { maskEmail } from './mask-email';
import { generateVerificationCode } from './verification-code-digits';
import { verificationCodeHasher } from './verification-code-hasher';
import { auditMemberIdOf, type VerificationSubject } from './verification-subject';

export interface SendVerificationCodeInput {
  /** Someone verifyIdentity has just matched: never an address or ID typed in a form. */
  subject: VerificationSubject;
  /** What the code is for ('connect', 'sign-in'...): a code for one purpose does not serve another. */
  purpose: string;
  locale: Locale;
  networkKey: string;
}

export type SendVerificationCodeResult =
  | { ok: true; maskedEmail: string; resendAfterSeconds: number }
  | { ok: false; reason: 'wait'; retryAfterSeconds: number }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

/**
 * "Send code to my email": a new 6-digit code, valid 10 minutes, to the address on file; it ends
 * any earlier code for the same purpose. The email is enqueued in the same transaction as the code
 * and sent right after commit without the caller waiting on SMTP (the outbox worker retries).
 */
export async function sendVerificationCode(input: SendVerificationCodeInput): Promise<SendVerificationCodeResult> {
  const { subject, purpose } = input;
  const db = await getDb();
  const email = await findSubjectEmail(db, subject);
  if (!email) throw new Error(`No ${subject.kind} ${subject.id} on file to send a code to`);

  // One counter per subject and purpose, allowing one send per 60 s: atomic across instances, so
  // a double click or two tabs make one code, not two.
  const resend = await consumeRateLimit(
    await rateLimitKey('code-resend', `${subject.kind}:${subject.id}:${purpose}`),
    1,
    VERIFICATION_CODE_RULES.resendWaitSeconds,
  );
  if (!resend.allowed) return { ok: false, reason: 'wait', retryAfterSeconds: resend.retryAfterSeconds };

  const limits = await consumeAllRateLimits([
    { key: await rateLimitKey('codes:subject', `${subject.kind}:${subject.id}`), ...IDENTITY_LIMITS.codesPerSubject },
    { key: await rateLimitKey('codes:email', email.trim().toLowerCase()), ...IDENTITY_LIMITS.codesPerEmail },
    { key: await rateLimitKey('codes:network', input.networkKey), ...IDENTITY_LIMITS.codesPerNetwork },
  ]);
  if (!limits.allowed) {
    await recordAuditEvent(db, {
      actor: subject,
      action: 'identity.code-refused',
      memberId: auditMemberIdOf(subject),
      details: { purpose, reason: 'rate-limited' },
    });
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: limits.retryAfterSeconds };
  }

  const hasher = await verificationCodeHasher();
  const now = appClock().now();
  const expiresAt = new Date(now.getTime() + VERIFICATION_CODE_RULES.validSeconds * 1000);
  const codeId = randomUUID();
  const code = generateVerificationCode();

  const outboxId = await db.transaction(async (tx) => {
    const sameSubjectAndPurpose = and(
      eq(verificationCodes.subjectKind, subject.kind),
      eq(verificationCodes.subjectId, subject.id),
      eq(verificationCodes.purpose, purpose),
    );
    const ended = await tx
      .update(verificationCodes)
      .set({ expiresAt: now })
      .where(and(sameSubjectAndPurpose, isNull(verificationCodes.usedAt), gt(verificationCodes.expiresAt, now)))
      .returning({ id: verificationCodes.id });
    // An email still waiting for the mail server (an outage) must not bring an ended code later.
    if (ended.length > 0) {
      await tx
        .update(outbox)
        .set({ expiresAt: now, sealedParams: null, lastError: 'replaced by a newer code' })
        .where(and(isNull(outbox.sentAt), inArray(outbox.dedupeKey, ended.map((c) => `verification-code:${c.id}`))));
    }
    await tx.insert(verificationCodes).values({
      id: codeId,
      subjectKind: subject.kind,
      subjectId: subject.id,
      purpose,
      codeHash: hasher.hash(codeId, code),
      createdAt: now,
      expiresAt,
    });
    const enqueued = await enqueueMail(tx, {
      dedupeKey: `verification-code:${codeId}`,
      to: email,
      // A developer's code alone signs them in, and their help is not the members' phone line.
      template: subject.kind === 'developer' ? 'developer-sign-in-code' : 'verification-code',
      locale: input.locale,
      params: { code },
      expiresAt,
    });
    await recordAuditEvent(tx, {
      actor: subject,
      action: 'identity.code-sent',
      memberId: auditMemberIdOf(subject),
      details: { purpose, codeId },
    });
    return enqueued;
  });
  if (outboxId) deliverMailSoon(outboxId);
  return { ok: true, maskedEmail: maskEmail(email), resendAfterSeconds: VERIFICATION_CODE_RULES.resendWaitSeconds };
}
