import { afterEach, describe, expect, it, vi } from 'vitest';
import { moveAppClock, resetAppClock } from '@/lib/server/identity/testing/move-app-clock';
import { endAllSessionsFor } from './end-hub-sessions';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { endHubSession, readHubSession, readHubSessionAsActivity, writeHubSession, type HubSession } from './hub-session';
import { sessionCookieName } from './session-cookie';

// Finding 2 of issue 10: a hub session is a server-side record that sign-out deletes and every
// request checks, with an idle and an absolute lifetime. The browser's cookie jar is faked at the
// one seam the session code reads it through (next/headers).
const jar = new Map<string, string>();
const cookieOptions = new Map<string, { maxAge?: number }>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string, options: { maxAge?: number } = {}) => {
      jar.set(name, value);
      cookieOptions.set(name, options);
    },
    delete: (name: string | { name: string }) => void jar.delete(typeof name === 'string' ? name : name.name),
  }),
}));

// With the demo data's members, for the account's scope (loadSignedInAccount).
setUpTestDatabase();
afterEach(() => {
  resetAppClock();
  jar.clear();
  cookieOptions.clear();
});

const MINUTE = 60;
const maria = (): HubSession => ({ kind: 'member', memberId: '100000000001', verifiedAt: Date.now() });
const savedCookie = () => jar.get(sessionCookieName())!;

describe('hub sessions', () => {
  it('a saved session cookie replayed after sign-out opens nothing', async () => {
    await writeHubSession(maria());
    expect(await readHubSession()).toMatchObject({ kind: 'member', memberId: '100000000001' });
    const saved = savedCookie();
    await endHubSession();
    expect(jar.has(sessionCookieName())).toBe(false);
    jar.set(sessionCookieName(), saved);
    expect(await readHubSession()).toBeNull();
  });

  it('ends after 15 idle minutes, and activity starts them again', async () => {
    await writeHubSession(maria());
    moveAppClock(14 * MINUTE);
    const session = await readHubSession();
    expect(session).not.toBeNull();
    await writeHubSession(session!);
    moveAppClock(14 * MINUTE);
    expect(await readHubSession()).not.toBeNull();
    moveAppClock(MINUTE + 1);
    expect(await readHubSession()).toBeNull();
  });

  it('a page view is activity; the account\'s live polling is not', async () => {
    await writeHubSession(maria());
    // A browser-session cookie: it ends with the browser (a shared computer), and a page (which
    // cannot set a cookie) renews the session through its record.
    expect(cookieOptions.get(sessionCookieName())).toEqual(expect.not.objectContaining({ maxAge: expect.anything() }));
    expect(cookieOptions.get(sessionCookieName())).toEqual(expect.not.objectContaining({ expires: expect.anything() }));
    for (let i = 0; i < 4; i += 1) {
      moveAppClock(10 * MINUTE);
      expect(await loadSignedInAccount(), `page view ${i + 1}`).not.toBeNull();
    }
    // Forty minutes of reading pages, no form: still signed in. Polling alone lets it end.
    for (const minutes of [5, 5, 4]) {
      moveAppClock(minutes * MINUTE);
      expect(await loadSignedInAccount({ activity: false })).not.toBeNull();
    }
    moveAppClock(MINUTE + 1);
    expect(await loadSignedInAccount({ activity: false })).toBeNull();
    // A page view after the end brings nothing back.
    expect(await readHubSessionAsActivity()).toBeNull();
    expect(await readHubSession()).toBeNull();
  });

  it('ends two hours after the identity check however active the member is', async () => {
    await writeHubSession(maria());
    for (let minutes = 10; minutes < 120; minutes += 10) {
      moveAppClock(10 * MINUTE);
      const session = await readHubSession();
      expect(session, `after ${minutes} minutes`).not.toBeNull();
      await writeHubSession(session!);
    }
    moveAppClock(10 * MINUTE);
    expect(await readHubSession()).toBeNull();
  });

  it('ends everywhere at once for one person (endAllSessionsFor)', async () => {
    const linh = (): HubSession => ({ kind: 'member', memberId: '100000000005', verifiedAt: Date.now() });
    await writeHubSession(linh());
    const laptop = savedCookie();
    jar.clear();
    await writeHubSession(linh());
    const phone = savedCookie();
    expect(await endAllSessionsFor('member', '100000000005')).toBe(2);
    for (const cookie of [laptop, phone]) {
      jar.set(sessionCookieName(), cookie);
      expect(await readHubSession()).toBeNull();
    }
  });

  it('a new identity check starts a new session; the one it replaces in this browser ends', async () => {
    await writeHubSession(maria());
    const before = savedCookie();
    await writeHubSession({ kind: 'member', memberId: '100000000004', verifiedAt: Date.now() + 1 });
    expect(await readHubSession()).toMatchObject({ memberId: '100000000004' });
    jar.set(sessionCookieName(), before);
    expect(await readHubSession()).toBeNull();
  });
});
