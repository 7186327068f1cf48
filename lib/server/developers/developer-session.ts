import 'server-only';
import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { authSecret } from '@/lib/server/auth/auth-secret';
import { appConfig } from '@/lib/server/config/app-config';

const COOKIE = 'hub_developer';
/** Signed out after this long without a request. */
export const DEVELOPER_IDLE_SECONDS = 30 * 60;
/** And after this long in all, however busy. */
export const DEVELOPER_ABSOLUTE_SECONDS = 8 * 60 * 60;

/**
 * A developer who confirmed an email code. Its own cookie (path /developers), apart from the
 * member's session: a developer is never a member by signing in here, nor the other way round.
 * An encrypted next-auth JWT; every use is checked against the account row (see
 * loadSignedInDeveloper), so "Sign out" ends it on every device and instance.
 */
export interface DeveloperSession {
  developerId: string;
  /** Epoch milliseconds. */
  signedInAt: number;
}

export async function readDeveloperSession(now: number = Date.now()): Promise<DeveloperSession | null> {
  const raw = (await cookies()).get(COOKIE)?.value;
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: await authSecret() });
    const session = token?.developer as DeveloperSession | undefined;
    if (!session || typeof session.developerId !== 'string' || typeof session.signedInAt !== 'number') return null;
    return now - session.signedInAt < DEVELOPER_ABSOLUTE_SECONDS * 1000 ? session : null;
  } catch {
    return null;
  }
}

/** Starts or renews (sliding idle expiry) the session. Only from server actions and route handlers. */
export async function writeDeveloperSession(session: DeveloperSession): Promise<void> {
  const token = await encode({ token: { sub: session.developerId, developer: session }, secret: await authSecret(), maxAge: DEVELOPER_IDLE_SECONDS });
  (await cookies()).set(COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: appConfig().secureCookies, path: '/developers', maxAge: DEVELOPER_IDLE_SECONDS });
}

export async function endDeveloperSession(): Promise<void> {
  (await cookies()).delete({ name: COOKIE, path: '/developers' });
}
