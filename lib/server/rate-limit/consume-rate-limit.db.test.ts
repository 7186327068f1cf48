import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rateLimits } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { consumeAllRateLimits } from './consume-all-rate-limits';
import { consumeRateLimit, refundRateLimit, resetRateLimit } from './consume-rate-limit';
import { rateLimitKey } from './rate-limit-key';

const database = setUpTestDatabase({ demoData: false });

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 15, 0, seconds));

describe('consumeRateLimit', () => {
  it('allows up to the limit in a window, then says how long to wait', async () => {
    const outcomes = [];
    for (let i = 0; i < 4; i += 1) outcomes.push(await consumeRateLimit('test:window', 3, 60, { now: at(i) }));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
    expect(outcomes.map((o) => o.remaining)).toEqual([2, 1, 0, 0]);
    expect(outcomes[3].retryAfterSeconds).toBe(57);
  });

  it('starts a fresh window once the old one is over', async () => {
    for (let i = 0; i < 3; i += 1) await consumeRateLimit('test:fresh', 3, 60, { now: at(i) });
    expect((await consumeRateLimit('test:fresh', 3, 60, { now: at(59) })).allowed).toBe(false);
    expect(await consumeRateLimit('test:fresh', 3, 60, { now: at(60) })).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 });
  });

  it('starts a fresh window when the clock was set back by more than a window, not for small skew', async () => {
    for (let i = 0; i < 3; i += 1) await consumeRateLimit('test:clock-back', 3, 60, { now: at(1000 + i) });
    expect((await consumeRateLimit('test:clock-back', 3, 60, { now: at(1003) })).allowed).toBe(false);
    // Another instance 30 s behind still counts in the same window.
    expect((await consumeRateLimit('test:clock-back', 3, 60, { now: at(973) })).allowed).toBe(false);
    // The clock set back an hour: the window from the future cannot hold for an hour.
    expect(await consumeRateLimit('test:clock-back', 3, 60, { now: at(0) })).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 });
  });

  it('never lets parallel requests past the limit (one atomic upsert)', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit('test:parallel', 5, 60, { now: at(0) })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(5);
    const [row] = await database.db.select().from(rateLimits).where(eq(rateLimits.key, 'test:parallel'));
    expect(row.count).toBe(20);
  });

  it('gives one use back with refundRateLimit and forgets the key with resetRateLimit', async () => {
    expect((await consumeRateLimit('test:refund', 1, 60, { now: at(0) })).allowed).toBe(true);
    await refundRateLimit('test:refund');
    expect((await consumeRateLimit('test:refund', 1, 60, { now: at(1) })).allowed).toBe(true);
    expect((await consumeRateLimit('test:refund', 1, 60, { now: at(2) })).allowed).toBe(false);
    await resetRateLimit('test:refund');
    expect((await consumeRateLimit('test:refund', 1, 60, { now: at(3) })).allowed).toBe(true);
  });
});

describe('consumeAllRateLimits', () => {
  it('gives back the slots of the other limits when one refuses', async () => {
    await consumeRateLimit('test:all-full', 1, 60);
    const outcome = await consumeAllRateLimits([
      { key: 'test:all-open', limit: 1, windowSeconds: 60 },
      { key: 'test:all-full', limit: 1, windowSeconds: 60 },
    ]);
    expect(outcome).toMatchObject({ allowed: false });
    expect((await consumeRateLimit('test:all-open', 1, 60)).allowed).toBe(true);
  });

  it('can give every slot back after a success, for limits that count failures only', async () => {
    const checks = [{ key: 'test:failures', limit: 1, windowSeconds: 60 }];
    const first = await consumeAllRateLimits(checks);
    expect(first.allowed).toBe(true);
    if (first.allowed) await first.refund();
    expect((await consumeAllRateLimits(checks)).allowed).toBe(true);
    expect((await consumeAllRateLimits(checks)).allowed).toBe(false);
  });
});

describe('rateLimitKey', () => {
  it('never holds the value in clear, and is stable per scope and value', async () => {
    const key = await rateLimitKey('identity-failures:member', '100000000001');
    expect(key).toMatch(/^identity-failures:member:[A-Za-z0-9_-]{32}$/);
    expect(key).not.toContain('100000000001');
    expect(await rateLimitKey('identity-failures:member', '100000000001')).toBe(key);
    expect(await rateLimitKey('codes:subject', '100000000001')).not.toBe(key.replace('identity-failures:member', 'codes:subject'));
    expect(await rateLimitKey('identity-failures:member', '100000000002')).not.toBe(key);
  });
});
