import 'server-only';
import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { appConfig } from '@/lib/server/config/app-config';
import { authSecret } from './auth-secret';
import { SESSION_IDLE_SECONDS, sessionCookieName } from './session-cookie';

/**
 * Who this browser is: a member or representative who proved their identity with an email code
 * (no passwords to forget), or a staff user who signed in through next-auth. A next-auth JWT,
 * ended by 15 idle minutes.
 */
export type HubSession =
  | { kind: 'member'; memberId: string; verifiedAt: number }
  | { kind: 'representative'; repId: string; verifiedAt: number }
  | { kind: 'staff'; username: string; roles: string[]; verifiedAt: number };

export async function readHubSession(): Promise<HubSession | null> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: await authSecret() });
    const session = token?.hub as HubSession | undefined;
    return session && typeof session === 'object' && 'kind' in session ? session : null;
  } catch {
    return null;
  }
}

/** Starts or renews (sliding idle expiry) the session. Only from server actions and route handlers. */
export async function writeHubSession(session: HubSession): Promise<void> {
  const sub = session.kind === 'member' ? session.memberId : session.kind === 'representative' ? session.repId : session.username;
  const token = await encode({ token: { sub, hub: session }, secret: await authSecret(), maxAge: SESSION_IDLE_SECONDS });
  (await cookies()).set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: appConfig().secureCookies,
    path: '/',
    maxAge: SESSION_IDLE_SECONDS,
  });
}

export async function endHubSession(): Promise<void> {
  (await cookies()).delete(sessionCookieName());
}
