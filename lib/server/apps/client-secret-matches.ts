import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';

const same = (a: string, b: string) => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Whether a confidential client authenticated: the presented secret (already hashed on the way
 * in, see hashBasicClientSecret) is the app's current one, or the one a rotation replaced while its
 * grace period lasts. Read from the database on every token request, so a rotation or the end of
 * a grace period holds on every instance at once. Both comparisons always run, in constant time.
 */
export async function clientSecretMatches(clientId: string, presentedHash: string): Promise<boolean> {
  const db = await getDb();
  const [app] = await db
    .select({ current: apps.clientSecretHash, previous: apps.previousClientSecretHash, previousExpiresAt: apps.previousClientSecretExpiresAt })
    .from(apps)
    .where(and(eq(apps.clientId, clientId), eq(apps.status, 'approved'), eq(apps.clientType, 'confidential')))
    .limit(1);
  if (!app?.current) return false;
  const current = same(app.current, presentedHash);
  const previous = app.previous !== null && same(app.previous, presentedHash);
  const previousLive = app.previousExpiresAt !== null && app.previousExpiresAt > appClock().now();
  return current || (previous && previousLive);
}
