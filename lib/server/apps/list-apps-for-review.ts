import 'server-only';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { AppStatus } from '@/lib/app-review-criteria';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';

export interface AppInReview {
  id: string;
  name: string;
  developer: string;
  status: AppStatus;
  statusSince: string;
  submittedAt: Date | null;
  contactEmail: string | null;
}

/** The reviewers' queue: requests waiting for a decision first (oldest first), then every other app by name. */
export async function listAppsForReview(filter: 'waiting' | 'all' = 'waiting'): Promise<AppInReview[]> {
  const db = await getDb();
  return db
    .select({
      id: apps.id,
      name: apps.name,
      developer: apps.developer,
      status: apps.status,
      statusSince: apps.statusSince,
      submittedAt: apps.submittedAt,
      contactEmail: apps.contactEmail,
    })
    .from(apps)
    .where(filter === 'waiting' ? eq(apps.status, 'pending') : undefined)
    .orderBy(desc(sql`${apps.status} = 'pending'`), asc(sql`coalesce(${apps.submittedAt}, ${apps.createdAt})`), asc(sql`lower(${apps.name})`));
}
