import 'server-only';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { authSecret } from '@/lib/server/auth/auth-secret';
import { sessionCookieName } from '@/lib/server/auth/session-cookie';

export interface SessionExpiry {
  /** The session token's `exp` (seconds since the epoch): it changes each time the session is renewed. */
  expiresAt: number;
  /** Seconds left now. */
  secondsLeft: number;
}

/**
 * When the hub session's 15 idle minutes run out, so the page can warn two minutes before. Null
 * without a session. Real time, like the token itself.
 */
export async function readSessionExpiry(): Promise<SessionExpiry | null> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: await authSecret() });
    if (typeof token?.exp !== 'number') return null;
    return { expiresAt: token.exp, secondsLeft: Math.max(0, Math.floor(token.exp - Date.now() / 1000)) };
  } catch {
    return null;
  }
}
