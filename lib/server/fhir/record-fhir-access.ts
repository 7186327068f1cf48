import 'server-only';
import { sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';

/**
 * One row per read or search: when, which kind of data, how many records, never the content.
 * One statement (a data-modifying CTE), so the log row and the grant's "last read" move together
 * in a single round trip on the API's hot path.
 */
export async function recordFhirAccess(grantId: string, resourceType: string, interaction: 'read' | 'search', count: number): Promise<void> {
  const db = await getDb();
  const at = appClock().now().toISOString();
  await db.execute(sql`
    with logged as (
      insert into access_log (grant_id, at, resource_type, interaction, count)
      values (${grantId}, ${at}, ${resourceType}, ${interaction}, ${count})
    )
    update consent_grants set last_access_at = ${at} where id = ${grantId}`);
}
