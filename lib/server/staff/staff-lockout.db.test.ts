import { afterAll, describe, expect, it, vi } from 'vitest';
import { suiteHub } from '@/lib/testing/suite-hub';
import { listStaffAccounts } from './manage-staff';
import { signInStaffWithPassword } from './sign-in-staff-with-password';

suiteHub({ dataDirPrefix: 'hub-staff-lockout-' });
afterAll(() => void vi.unstubAllEnvs());

const T0 = Date.parse('2026-12-07T04:18:00Z');
/** Moves the app clock (CLOCK_NOW) to `minutes` after T0. */
const at = (minutes: number) => {
  const instant = new Date(T0 + minutes * 60_000);
  vi.stubEnv('CLOCK_NOW', instant.toISOString());
  return instant;
};
const tryPassword = (password: string, networkKey = '198.51.100.90') => signInStaffWithPassword({ username: 'casey.csr', password, networkKey });
const lockedUntil = async () => (await listStaffAccounts()).find((a) => a.username === 'casey.csr')!.lockedUntil;

describe('a staff lockout', () => {
  it('lasts 15 minutes from the fifth failure, however long before it the user last signed in, and the Staff page says the same', async () => {
    at(0);
    expect((await tryPassword('demo-csr-2026!')).ok).toBe(true);

    const fifth = at(13);
    for (let i = 0; i < 5; i += 1) expect(await tryPassword('not-the-password', `198.51.100.${100 + i}`)).toEqual({ ok: false, reason: 'invalid' });
    const locked = await tryPassword('demo-csr-2026!');
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    expect(locked.ok === false && locked.retryAfterSeconds).toBeGreaterThanOrEqual(15 * 60 - 2);
    const until = (await lockedUntil())!.getTime();
    expect(Math.abs(until - (fifth.getTime() + 15 * 60_000))).toBeLessThan(2_000);

    at(27.5);
    expect(await tryPassword('demo-csr-2026!')).toMatchObject({ ok: false, reason: 'locked' });
    // Refused tries while locked do not move the end.
    expect((await lockedUntil())!.getTime()).toBe(until);

    at(28.1);
    expect(await lockedUntil()).toBeNull();
    expect((await tryPassword('demo-csr-2026!')).ok).toBe(true);
  });
});
