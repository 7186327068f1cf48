import 'server-only';
import { asc, desc, sql } from 'drizzle-orm';
import type { AppStatus } from '@/lib/app-review-criteria';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { privacyChangesToReview, type PrivacyChangesToReview } from './privacy-changes-to-review';

export interface AppInReview {
  id: string;
  name: string;
  developer: string;
  status: AppStatus;
  statusSince: string;
  submittedAt: Date | null;
  contactEmail: string | null;
  /** Privacy answers the developer changed since the marks were last saved: to read again. */
  privacyToReview: PrivacyChangesToReview | null;
}

/**
 * The reviewers' queue: requests waiting for a decision first (oldest first), then every other app
 * by name. "Waiting" also holds an app whose privacy answers changed since the marks were saved.
 */
export async function listAppsForReview(filter: 'waiting' | 'all' = 'waiting'): Promise<AppInReview[]> {
  const db = await getDb();
  const rows = await db
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
    .orderBy(desc(sql`${apps.status} = 'pending'`), asc(sql`coalesce(${apps.submittedAt}, ${apps.createdAt})`), asc(sql`lower(${apps.name})`));
  const changes = await privacyChangesToReview(db, rows.map((r) => r.id));
  return rows
    .map((row) => ({ ...row, privacyToReview: changes.get(row.id) ?? null }))
    .filter((row) => filter === 'all' || row.status === 'pending' || row.privacyToReview !== null);
}
