import 'server-only';
import { cookies } from 'next/headers';
import { endAllSessionsFor, endSessionRecord } from '@/lib/server/auth/end-hub-sessions';
import type { HubSession } from '@/lib/server/auth/hub-session';
import { decodeHubSessionToken } from '@/lib/server/auth/hub-session-token';
import { sessionCookieName } from '@/lib/server/auth/session-cookie';
import { createSessionRecord, renewSessionRecord } from '@/lib/server/auth/session-record';

/**
 * The record of a staff sign-in (next-auth's jwt callback): whatever session this browser had
 * ends, and so does any other session of the same staff user, so one person works in one place at a
 * time and a sign-in elsewhere shows (their old tab asks them to sign in). Returns the id the
 * session cookie carries.
 */
export async function startStaffSession(session: Extract<HubSession, { kind: 'staff' }>): Promise<string> {
  const current = await decodeHubSessionToken((await cookies()).get(sessionCookieName())?.value);
  if (current) await endSessionRecord(current.sid);
  await endAllSessionsFor('staff', session.username);
  return createSessionRecord(session);
}

/**
 * Activity: any page or action of the console starts the 30 idle minutes again, on the record only
 * (a page cannot set cookies, and the staff cookie lives the whole shift; the record decides). The
 * live queue's polling is not activity and never calls this.
 */
export async function renewStaffSession(): Promise<void> {
  const token = await decodeHubSessionToken((await cookies()).get(sessionCookieName())?.value);
  if (token?.session.kind === 'staff') await renewSessionRecord(token.sid, 'staff');
}
