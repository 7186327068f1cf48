import 'server-only';
import { eq } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { accessLog, consentGrants } from '@/lib/db/schema';

/** One row per read or search: when, which kind of data, how many records. Never the content. */
export async function recordFhirAccess(grantId: string, resourceType: string, interaction: 'read' | 'search', count: number): Promise<void> {
  const db = await getDb();
  const at = appClock().now();
  await db.transaction(async (tx) => {
    await tx.insert(accessLog).values({ grantId, at, resourceType, interaction, count });
    await tx.update(consentGrants).set({ lastAccessAt: at }).where(eq(consentGrants.id, grantId));
  });
}
