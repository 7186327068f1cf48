import 'server-only';
import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { authSecret } from '@/lib/server/auth/auth-secret';
import { appConfig } from '@/lib/server/config/app-config';

const COOKIE = 'hub_developer_sign_in';
// Long enough to find the email and type the code (valid 10 minutes).
const LIFETIME_SECONDS = 15 * 60;

/** A developer who asked for a code and has not confirmed it yet. Proves nothing alone. */
export interface PendingDeveloperSignIn {
  developerId: string;
  /** As the developer typed it, to say where the code went. */
  email: string;
}

/** Kept between the two steps in an encrypted, short-lived cookie: any instance can finish what another began. */
export async function readPendingDeveloperSignIn(): Promise<PendingDeveloperSignIn | null> {
  const raw = (await cookies()).get(COOKIE)?.value;
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: await authSecret() });
    const pending = token?.pendingDeveloper as PendingDeveloperSignIn | undefined;
    return pending && typeof pending.developerId === 'string' && typeof pending.email === 'string' ? pending : null;
  } catch {
    return null;
  }
}

export async function writePendingDeveloperSignIn(pending: PendingDeveloperSignIn): Promise<void> {
  const token = await encode({ token: { pendingDeveloper: pending }, secret: await authSecret(), maxAge: LIFETIME_SECONDS });
  (await cookies()).set(COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: appConfig().secureCookies, path: '/developers', maxAge: LIFETIME_SECONDS });
}

export async function clearPendingDeveloperSignIn(): Promise<void> {
  (await cookies()).delete({ name: COOKIE, path: '/developers' });
}
