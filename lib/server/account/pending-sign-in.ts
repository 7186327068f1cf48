import 'server-only';
import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { appConfig } from '@/lib/server/config/app-config';
import { authSecret } from '@/lib/server/auth/auth-secret';

const COOKIE = 'hub_sign_in';
/** The purpose of the account's sign-in codes (a connection's are 'connect'). */
export const SIGN_IN_CODE_PURPOSE = 'sign-in';
// Long enough to find the email and type the code (valid 10 minutes), short enough to be useless later.
const LIFETIME_SECONDS = 15 * 60;

/** Someone who passed "Verify identity" and has not confirmed the email code yet. */
export interface PendingSignIn {
  kind: 'member' | 'representative';
  id: string;
  maskedEmail: string;
  codeSent: boolean;
  /** When the last code was sent (ISO), for saying until when it works. */
  codeSentAt?: string;
}

/**
 * Kept between the two sign-in steps in an encrypted, short-lived cookie (next-auth's JWE with the
 * hub's secret), never in process memory: any instance can finish what another began. It proves
 * nothing alone; only a confirmed code starts a session.
 */
export async function readPendingSignIn(): Promise<PendingSignIn | null> {
  const raw = (await cookies()).get(COOKIE)?.value;
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: await authSecret() });
    const pending = token?.pendingSignIn as PendingSignIn | undefined;
    return pending && (pending.kind === 'member' || pending.kind === 'representative') && typeof pending.id === 'string' ? pending : null;
  } catch {
    return null;
  }
}

/** Only from server actions and route handlers (cookies cannot be set while rendering). */
export async function writePendingSignIn(pending: PendingSignIn): Promise<void> {
  const token = await encode({ token: { pendingSignIn: pending }, secret: await authSecret(), maxAge: LIFETIME_SECONDS });
  (await cookies()).set(COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: appConfig().secureCookies, path: '/account', maxAge: LIFETIME_SECONDS });
}

export async function clearPendingSignIn(): Promise<void> {
  (await cookies()).delete({ name: COOKIE, path: '/account' });
}
