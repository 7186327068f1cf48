import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditEvents } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { readHubSession, writeHubSession } from '@/lib/server/auth/hub-session';
import { sessionCookieName } from '@/lib/server/auth/session-cookie';
import { POST } from '@/app/(staff)/staff/sign-out/route';

// F13 of probe 11: a server action's redirect is a client-side navigation, so the tab kept the last
// caller's record in its page. Staff sign out with a plain post answered by a 303: a new document.
const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string | { name: string }) => void jar.delete(typeof name === 'string' ? name : name.name),
  }),
  headers: async () => new Headers(),
}));

const database = setUpTestDatabase({ demoData: false });

describe('staff sign-out', () => {
  it('ends the session on the server, audits it and answers 303 to the sign-in page', async () => {
    await writeHubSession({ kind: 'staff', username: 'casey.csr', roles: ['csr'], verifiedAt: Date.now() });
    const saved = jar.get(sessionCookieName())!;
    const response = await POST(new Request('http://localhost/staff/sign-out', { method: 'POST', headers: { 'x-request-id': 'req-sign-out-1' } }) as never);
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!).pathname + new URL(response.headers.get('location')!).search).toBe('/staff/sign-in?signedOut=1');
    expect(response.headers.get('cache-control')).toBe('no-store');
    jar.set(sessionCookieName(), saved);
    expect(await readHubSession()).toBeNull();
    const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'staff.signed-out'));
    expect(rows.map((r) => [r.actorId, r.requestId])).toEqual([['casey.csr', 'req-sign-out-1']]);
  });

  it('is a plain form post in the console, not a server action', () => {
    const layout = readFileSync('app/(staff)/staff/(console)/layout.tsx', 'utf8');
    expect(layout).toContain('<form method="post" action="/staff/sign-out">');
    expect(layout).not.toMatch(/action=\{signOut/);
  });
});
