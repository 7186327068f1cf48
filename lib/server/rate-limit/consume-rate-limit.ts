import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema';

export interface RateLimitOutcome {
  allowed: boolean;
  /** 0 when allowed; otherwise whole seconds until the window ends. */
  retryAfterSeconds: number;
  remaining: number;
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
  /**
   * A lockout ("five failures lock it for 15 minutes"): the use that reaches the limit starts the
   * window again, so the lock lasts a whole window from it, not what is left of a window an
   * earlier use began.
   */
  lockout?: boolean;
}

/**
 * Counts one use of `key` in a fixed window (for a lockout, see RateLimitRule) and says whether it
 * is within `limit`. One atomic upsert, so instances sharing one Postgres count together and two
 * racing requests never both take the last slot. Build keys with rateLimitKey(): never a raw email or member ID.
 */
export async function consumeRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  options: { db?: DbOrTx; now?: Date; lockout?: boolean } = {},
): Promise<RateLimitOutcome> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? appClock().now();
  const nowParam = sql`${now.toISOString()}::timestamptz`;
  // Over, or begun more than a window ahead of now: the clock was set back (a test's moved clock,
  // a host corrected after drifting), and a window that starts in the future would never end.
  // Small skew between instances (less than a window) still counts in the same window.
  const windowOver = sql`(${rateLimits.windowStart} <= ${new Date(now.getTime() - windowSeconds * 1000).toISOString()}::timestamptz
    or ${rateLimits.windowStart} > ${new Date(now.getTime() + windowSeconds * 1000).toISOString()}::timestamptz)`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        // Both expressions read the row as it was, so a new window starts at 1 from now.
        windowStart: options.lockout
          ? sql`case when ${windowOver} or ${rateLimits.count} + 1 = ${limit} then ${nowParam} else ${rateLimits.windowStart} end`
          : sql`case when ${windowOver} then ${nowParam} else ${rateLimits.windowStart} end`,
        count: sql`case when ${windowOver} then 1 else ${rateLimits.count} + 1 end`,
      },
    })
    .returning({ windowStart: rateLimits.windowStart, count: rateLimits.count });
  const allowed = row.count <= limit;
  const windowEndsMs = new Date(row.windowStart).getTime() + windowSeconds * 1000;
  return {
    allowed,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((windowEndsMs - now.getTime()) / 1000)),
    remaining: Math.max(0, limit - row.count),
  };
}

/**
 * Gives back one use, for limits that count failures only: the attempt takes a slot before it is
 * judged (so parallel guesses cannot overrun the limit) and returns it when it succeeds.
 */
export async function refundRateLimit(key: string, options: { db?: DbOrTx } = {}): Promise<void> {
  const db = options.db ?? (await getDb());
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(eq(rateLimits.key, key));
}

/** Forgets every use of `key` (customer service unlocking a member who locked themself out). */
export async function resetRateLimit(key: string, options: { db?: DbOrTx } = {}): Promise<void> {
  const db = options.db ?? (await getDb());
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
