import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { auditEvents, rateLimits, verificationCodes } from '@/lib/db/schema';
import { formatDateTime } from '@/lib/server/account/format-date-time';
import { IDENTITY_LIMITS, VERIFICATION_CODE_RULES } from '@/lib/server/identity/identity-limits';
import { maskEmail } from '@/lib/server/identity/mask-email';
import type { VerificationSubject } from '@/lib/server/identity/verification-subject';
import { rateLimitKey } from '@/lib/server/rate-limit/rate-limit-key';

export interface VerificationAttempt {
  at: Date;
  /** `at` in words, payer time. */
  when: string;
  /** The step, in general terms. */
  step: string;
  outcome: string;
  failed: boolean;
}

export interface VerificationHistory {
  attempts: VerificationAttempt[];
  /** Locks now in force, each with when it lifts ("Identity check locked until 3:19 PM"). */
  locks: string[];
}

const PURPOSES: Record<string, string> = { connect: 'connecting an app', 'sign-in': 'signing in to their account' };

/**
 * What customer service may know about someone's recent identity checks: when, which step, how
 * it ended, and what is locked until when. Never a code (only its hash is stored anyway), never
 * the full email address, never what was typed in a failed check: failures against an ID are
 * only counted (the limits' counters), not recorded with the ID.
 */
export async function listVerificationAttempts(subject: VerificationSubject, email: string, limit = 10): Promise<VerificationHistory> {
  const db = await getDb();
  const now = appClock().now();
  const when = (at: Date) => formatDateTime(at, 'en');
  const masked = maskEmail(email);

  const codes = await db
    .select()
    .from(verificationCodes)
    .where(and(eq(verificationCodes.subjectKind, subject.kind), eq(verificationCodes.subjectId, subject.id)))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(limit);
  const attempts: Omit<VerificationAttempt, 'when'>[] = codes.map((code) => {
    const step = `Email code sent to ${masked}, for ${PURPOSES[code.purpose] ?? code.purpose}`;
    const wrong = code.failedAttempts;
    const wrongText = wrong === 1 ? '1 wrong code' : `${wrong} wrong codes`;
    if (code.usedAt) return { at: code.createdAt, step, outcome: `Confirmed${wrong ? ` after ${wrongText}` : ''}.`, failed: false };
    if (wrong >= VERIFICATION_CODE_RULES.maxFailedAttempts) return { at: code.createdAt, step, outcome: `Not confirmed: ${wrongText}, so the code stopped working.`, failed: true };
    if (code.expiresAt <= now) return { at: code.createdAt, step, outcome: wrong ? `Not confirmed: ${wrongText}, then it ran out.` : 'Not used; it ran out or a newer code replaced it.', failed: true };
    return { at: code.createdAt, step, outcome: `Waiting to be typed (works until ${when(code.expiresAt)})${wrong ? `; ${wrongText} so far` : ''}.`, failed: false };
  });

  const verified = await db
    .select({ at: auditEvents.at, action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorKind, subject.kind), eq(auditEvents.actorId, subject.id), inArray(auditEvents.action, ['identity.verified', 'identity.code-refused'])))
    .orderBy(desc(auditEvents.at))
    .limit(limit);
  for (const row of verified) {
    attempts.push(
      row.action === 'identity.verified'
        ? { at: row.at, step: 'Identity details (name, date of birth, ID, ZIP code)', outcome: 'Matched.', failed: false }
        : { at: row.at, step: 'Email code', outcome: 'Not sent: too many codes asked for in an hour.', failed: true },
    );
  }

  const locks: string[] = [];
  const failures = await counter(`identity-failures:${subject.kind}`, subject.id, IDENTITY_LIMITS.failuresPerId.windowSeconds, now);
  if (failures) {
    const lifts = new Date(failures.windowStart.getTime() + IDENTITY_LIMITS.failuresPerId.windowSeconds * 1000);
    attempts.push({
      at: failures.windowStart,
      step: 'Identity details (name, date of birth, ID, ZIP code)',
      outcome: `Did not match ${failures.count === 1 ? 'once' : `${failures.count} times`} since ${when(failures.windowStart)}.`,
      failed: true,
    });
    if (failures.count >= IDENTITY_LIMITS.failuresPerId.limit) locks.push(`Identity check locked until ${when(lifts)} after too many tries that did not match.`);
  }
  const codesAsked = await counter('codes:subject', `${subject.kind}:${subject.id}`, IDENTITY_LIMITS.codesPerSubject.windowSeconds, now);
  if (codesAsked && codesAsked.count >= IDENTITY_LIMITS.codesPerSubject.limit) {
    locks.push(`No more email codes until ${when(new Date(codesAsked.windowStart.getTime() + IDENTITY_LIMITS.codesPerSubject.windowSeconds * 1000))}.`);
  }
  attempts.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { attempts: attempts.slice(0, limit).map((a) => ({ ...a, when: when(a.at) })), locks };
}

/** A limit's counter for this subject while its window is open (the count and when the window began). */
async function counter(scope: string, value: string, windowSeconds: number, now: Date) {
  const [row] = await (await getDb()).select().from(rateLimits).where(eq(rateLimits.key, await rateLimitKey(scope, value))).limit(1);
  if (!row || row.count <= 0 || row.windowStart.getTime() + windowSeconds * 1000 <= now.getTime()) return null;
  return { count: row.count, windowStart: row.windowStart };
}
