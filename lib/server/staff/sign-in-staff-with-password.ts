import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { staff } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { consumeAllRateLimits } from '@/lib/server/rate-limit/consume-all-rate-limits';
import { rateLimitKey } from '@/lib/server/rate-limit/rate-limit-key';
import { staffAccountUsable } from './load-staff-actor';
import { textProblem } from '@/lib/schemas/text-problem';
import { hashPassword, verifyPassword } from './password-hash';

const MINUTE = 60;

/**
 * Failed staff sign-ins, counted in buckets of their own: a flood of wrong staff passwords from a
 * library's address never touches the limits members verify their identity under, so it cannot
 * lock a member out of anything. Five wrong tries lock a username for 15 minutes from the fifth,
 * whether or not it exists.
 */
export const STAFF_SIGN_IN_LIMITS = {
  // 15 minutes from the fifth failure, as the sign-in page says, however long ago the first was.
  failuresPerUsername: { limit: 5, windowSeconds: 15 * MINUTE, lockout: true },
  failuresPerNetwork: { limit: 50, windowSeconds: 15 * MINUTE },
} as const;

export type StaffSignInResult =
  | { ok: true; staff: { username: string; name: string } }
  | { ok: false; reason: 'invalid' | 'locked'; retryAfterSeconds?: number };

// Far longer than any username or password people use; longer input is cut, not hashed whole.
const MAX_LENGTH = 200;

let decoy: Promise<string> | undefined;
/** A hash no password opens, checked when there is no real one, so a missing user costs the same. */
const decoyHash = () => (decoy ??= hashPassword(crypto.randomUUID()));

/**
 * Username and password, the one check behind next-auth's credentials provider. The answer and
 * the time it takes are the same for an unknown username, a wrong password, a disabled account and
 * a demo account with demo data off: nobody learns which usernames exist. Only failures count
 * towards the lockout; a success gives its slots back.
 */
export async function signInStaffWithPassword(input: { username: string; password: string; networkKey: string }): Promise<StaffSignInResult> {
  const username = input.username.trim().toLowerCase().slice(0, MAX_LENGTH);
  const password = input.password.slice(0, MAX_LENGTH);
  const limits = await consumeAllRateLimits([
    { key: await rateLimitKey('staff-sign-in-failures:username', username), ...STAFF_SIGN_IN_LIMITS.failuresPerUsername },
    { key: await rateLimitKey('staff-sign-in-failures:network', input.networkKey), ...STAFF_SIGN_IN_LIMITS.failuresPerNetwork },
  ]);
  const db = await getDb();
  // A username no account can have (NUL, control characters, broken Unicode) is a wrong username,
  // not a query the database refuses.
  const [row] = username && !textProblem(username) ? await db.select().from(staff).where(eq(staff.username, username)).limit(1) : [];
  if (!limits.allowed) {
    // Which account is being tried, when it is a real one (as for a failure below): the trail then
    // shows who is under attack. The answer stays the same either way.
    await recordAuditEvent(db, { actor: { kind: 'staff', id: row ? row.username : null }, action: 'staff.sign-in-locked', details: {} });
    return { ok: false, reason: 'locked', retryAfterSeconds: limits.retryAfterSeconds };
  }
  const usable = row !== undefined && row.passwordHash !== null && staffAccountUsable(row);
  const matches = await verifyPassword(password, usable ? row.passwordHash! : await decoyHash());
  if (!usable || !matches) {
    // The username only when it is a real account: a password typed into the wrong box stays out of the trail.
    await recordAuditEvent(db, { actor: { kind: 'staff', id: row ? row.username : null }, action: 'staff.sign-in-failed', details: {} });
    return { ok: false, reason: 'invalid' };
  }
  await limits.refund();
  await recordAuditEvent(db, { actor: { kind: 'staff', id: row.username }, action: 'staff.signed-in', details: { method: 'password' } });
  return { ok: true, staff: { username: row.username, name: row.name } };
}
