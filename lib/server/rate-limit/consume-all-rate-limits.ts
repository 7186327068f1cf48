import 'server-only';
import { consumeRateLimit, refundRateLimit, type RateLimitOutcome, type RateLimitRule } from './consume-rate-limit';

export type RateLimitCheck = { key: string } & RateLimitRule;

export type RateLimitsOutcome =
  | { allowed: true; /** Gives every slot back, for limits that count failures only. */ refund(): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

/**
 * One attempt against several limits at once (per person, per address...). Every check is
 * consumed, whatever the earlier ones said, so the work done does not depend on which limit is
 * hit; when any refuses, the slots the others took are given back, since nothing was attempted.
 */
export async function consumeAllRateLimits(checks: readonly RateLimitCheck[]): Promise<RateLimitsOutcome> {
  const outcomes: RateLimitOutcome[] = [];
  for (const check of checks) outcomes.push(await consumeRateLimit(check.key, check.limit, check.windowSeconds, { lockout: check.lockout }));
  const refundAll = async (which: readonly RateLimitCheck[]) => {
    for (const check of which) await refundRateLimit(check.key);
  };
  if (outcomes.every((o) => o.allowed)) return { allowed: true, refund: () => refundAll(checks) };
  await refundAll(checks.filter((_, i) => outcomes[i].allowed));
  return { allowed: false, retryAfterSeconds: Math.max(...outcomes.map((o) => o.retryAfterSeconds)) };
}
