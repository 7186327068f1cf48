import 'server-only';
import { randomBytes } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { persistentSetting } from '@/lib/server/config/persistent-setting';

/** AUTH_SECRET when given; otherwise one made once and kept in the database for every instance. */
export async function authSecret(): Promise<string> {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  return persistentSetting(await getDb(), 'auth.secret', () => randomBytes(32).toString('base64url'));
}
