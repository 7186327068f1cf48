import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { AppDecision } from '@/lib/app-review-criteria';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { developerAppStatus, type DeveloperAppStatus } from './developer-app-status';

export interface DeveloperAppSummary {
  id: string;
  name: string;
  status: DeveloperAppStatus;
  statusSince: string;
  submittedAt: Date | null;
}

/** The developer's own connection requests, newest first: the WHERE clause is the permission. */
export async function listDeveloperApps(developerId: string): Promise<DeveloperAppSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: apps.id,
      name: apps.name,
      status: apps.status,
      statusSince: apps.statusSince,
      submittedAt: apps.submittedAt,
      // Spelled out: in a one-table query drizzle leaves columns unqualified, and "id" would be ambiguous here.
      lastDecision: sql<AppDecision | null>`(select d.decision from app_decisions d where d.app_id = apps.id order by d.decided_at desc, d.id desc limit 1)`,
    })
    .from(apps)
    .where(eq(apps.developerAccountId, developerId))
    .orderBy(desc(apps.createdAt), apps.id);
  return rows.map(({ lastDecision, ...row }) => ({ ...row, status: developerAppStatus(row.status, lastDecision) }));
}
