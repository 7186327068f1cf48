import 'server-only';
import { createHmac, randomBytes } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { persistentSetting } from '@/lib/server/config/persistent-setting';

/**
 * The `rate_limits` key for a value such as a member ID, an email address or a client IP. The value
 * is keyed-hashed: member IDs are only 12 digits, so a plain hash could be reversed by trying them
 * all, and the table must not become a list of who tried to sign in.
 */
export async function rateLimitKey(scope: string, value: string): Promise<string> {
  const secret = await persistentSetting(await getDb(), 'rate-limit.key-secret', () => randomBytes(32).toString('base64url'));
  const digest = createHmac('sha256', secret).update(`${scope}\u0000${value}`, 'utf8').digest('base64url');
  return `${scope}:${digest.slice(0, 32)}`;
}
