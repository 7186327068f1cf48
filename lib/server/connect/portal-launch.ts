import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { portalLaunches } from '@/lib/db/schema';

const LAUNCH_LIFETIME_MS = 10 * 60 * 1000;

/** A one-time `launch` value for the app's launch URL, bound to the approving browser. */
export async function createPortalLaunch(grantId: string, browserKey: string): Promise<string> {
  const db = await getDb();
  const id = randomBytes(24).toString('base64url');
  const now = appClock().now();
  await db.insert(portalLaunches).values({ id, grantId, browserKey, createdAt: now, expiresAt: new Date(now.getTime() + LAUNCH_LIFETIME_MS) });
  return id;
}

/** Uses a launch once: same browser, not expired, not used before. Returns its grant id. */
export async function redeemPortalLaunch(launchId: string, browserKey: string | null): Promise<string | null> {
  if (!browserKey) return null;
  const db = await getDb();
  const now = appClock().now();
  const [used] = await db
    .update(portalLaunches)
    .set({ usedAt: now })
    .where(and(eq(portalLaunches.id, launchId), eq(portalLaunches.browserKey, browserKey), isNull(portalLaunches.usedAt), gt(portalLaunches.expiresAt, now)))
    .returning({ grantId: portalLaunches.grantId });
  return used?.grantId ?? null;
}
