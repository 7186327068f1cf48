import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { appConfig } from '@/lib/server/config/app-config';

const COOKIE = 'hub_browser';

/**
 * A random id for this browser, kept in an httpOnly cookie and stored only hashed. A connection in
 * progress and a portal launch belong to the browser that started them: a copied link is useless
 * elsewhere.
 */
export async function browserKey({ create }: { create: boolean }): Promise<string | null> {
  const jar = await cookies();
  let value = jar.get(COOKIE)?.value;
  if (!value) {
    if (!create) return null;
    value = randomBytes(24).toString('base64url');
    jar.set(COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: appConfig().secureCookies, path: '/', maxAge: 60 * 60 * 24 });
  }
  return createHash('sha256').update(value).digest('base64url');
}
