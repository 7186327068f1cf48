import 'server-only';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { verificationCodes } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { VERIFICATION_CODE_RULES } from './identity-limits';
import { normalizeTypedCode } from './verification-code-digits';
import { verificationCodeHasher } from './verification-code-hasher';
import { auditMemberIdOf, type VerificationSubject } from './verification-subject';

export interface ConfirmVerificationCodeInput {
  subject: VerificationSubject;
  purpose: string;
  /** As typed: "123456", "123 456" and "123-456" are the same code. */
  code: string;
}

export type ConfirmRefusal = 'wrong' | 'expired' | 'too-many-tries' | 'no-code';

export type ConfirmVerificationCodeResult = { ok: true } | { ok: false; reason: ConfirmRefusal; attemptsLeft?: number };

type CodeRow = typeof verificationCodes.$inferSelect;

/**
 * "Confirm code". Only the newest code for the subject and purpose counts. A right code is used up
 * by one conditional UPDATE, so two confirms racing with it succeed once; every wrong try is
 * counted the same way, and the fifth ends the code (a sixth is refused even when right).
 */
export async function confirmVerificationCode(input: ConfirmVerificationCodeInput): Promise<ConfirmVerificationCodeResult> {
  const { subject, purpose } = input;
  const hasher = await verificationCodeHasher();
  const typed = normalizeTypedCode(input.code);
  const db = await getDb();

  return db.transaction(async (tx) => {
    const now = appClock().now();
    const newest = await newestCode(tx, subject, purpose);
    const closed = newest ? closedReason(newest, now) : 'no-code';
    if (!newest || closed) return refuse(tx, input, closed ?? 'no-code');

    const stillOpen = and(
      eq(verificationCodes.id, newest.id),
      isNull(verificationCodes.usedAt),
      lt(verificationCodes.failedAttempts, VERIFICATION_CODE_RULES.maxFailedAttempts),
      gt(verificationCodes.expiresAt, now),
    );
    // A typed value that is not six digits can never be right, and still counts as a try.
    const right = typed !== null && hasher.matches(newest.id, typed, newest.codeHash);

    if (right) {
      const [used] = await tx.update(verificationCodes).set({ usedAt: now }).where(stillOpen).returning({ id: verificationCodes.id });
      if (!used) return refuse(tx, input, await reasonNowClosed(tx, newest.id, now));
      await recordAuditEvent(tx, {
        actor: subject,
        action: 'identity.code-confirmed',
        memberId: auditMemberIdOf(subject),
        details: { purpose, codeId: newest.id },
      });
      return { ok: true } as const;
    }

    const [counted] = await tx
      .update(verificationCodes)
      .set({ failedAttempts: sql`${verificationCodes.failedAttempts} + 1` })
      .where(stillOpen)
      .returning({ failedAttempts: verificationCodes.failedAttempts });
    if (!counted) return refuse(tx, input, await reasonNowClosed(tx, newest.id, now));
    const attemptsLeft = VERIFICATION_CODE_RULES.maxFailedAttempts - counted.failedAttempts;
    // The try that used up the last chance says so at once, rather than "wrong, 0 left".
    return refuse(tx, input, attemptsLeft === 0 ? 'too-many-tries' : 'wrong', attemptsLeft);
  });
}

/**
 * Whether the newest code sent for this subject and purpose can no longer be confirmed (too many
 * tries, or run out): the code page then says so rather than "it works for 10 minutes". A used or
 * missing code is not "closed": the page describes neither.
 */
export async function codeIsClosed(subject: VerificationSubject, purpose: string): Promise<boolean> {
  const newest = await newestCode(await getDb(), subject, purpose);
  const reason = newest ? closedReason(newest, appClock().now()) : null;
  return reason === 'too-many-tries' || reason === 'expired';
}

async function newestCode(tx: DbOrTx, subject: VerificationSubject, purpose: string): Promise<CodeRow | undefined> {
  const [row] = await tx
    .select()
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.subjectKind, subject.kind),
        eq(verificationCodes.subjectId, subject.id),
        eq(verificationCodes.purpose, purpose),
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  return row;
}

function closedReason(code: CodeRow, now: Date): Exclude<ConfirmRefusal, 'wrong'> | null {
  if (code.usedAt) return 'no-code';
  if (code.failedAttempts >= VERIFICATION_CODE_RULES.maxFailedAttempts) return 'too-many-tries';
  if (code.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}

// Another request closed the code between our read and our update (it used it, or spent its last try).
async function reasonNowClosed(tx: DbOrTx, codeId: string, now: Date): Promise<ConfirmRefusal> {
  const [row] = await tx.select().from(verificationCodes).where(eq(verificationCodes.id, codeId)).limit(1);
  return (row && closedReason(row, now)) ?? 'no-code';
}

async function refuse(
  tx: DbOrTx,
  input: ConfirmVerificationCodeInput,
  reason: ConfirmRefusal,
  attemptsLeft?: number,
): Promise<ConfirmVerificationCodeResult> {
  await recordAuditEvent(tx, {
    actor: input.subject,
    action: 'identity.code-failed',
    memberId: auditMemberIdOf(input.subject),
    details: attemptsLeft === undefined ? { purpose: input.purpose, reason } : { purpose: input.purpose, reason, attemptsLeft },
  });
  return attemptsLeft === undefined ? { ok: false, reason } : { ok: false, reason, attemptsLeft };
}
