import 'server-only';
import { and, count, desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { accessLog, consentGrants } from '@/lib/db/schema';
import { grantsInScope, type AccountScope } from './account-scope';

export const ACCESS_PAGE_SIZE = 25;

export interface GrantAccess {
  at: Date;
  resourceType: string;
  interaction: string;
  count: number;
}

export interface GrantAccessPage {
  rows: GrantAccess[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * One page of a connection's access history, newest first: when, which kind of data, how many
 * records; never the data. Joined to the grant so that the viewer's scope is in the WHERE clause:
 * another member's grant id gives an empty history, not theirs.
 */
export async function listGrantAccess(scope: AccountScope, grantId: string, { page = 1, pageSize = ACCESS_PAGE_SIZE } = {}): Promise<GrantAccessPage> {
  const db = await getDb();
  const where = and(eq(accessLog.grantId, grantId), eq(consentGrants.id, grantId), grantsInScope(scope));
  const [{ total }] = await db
    .select({ total: count() })
    .from(accessLog)
    .innerJoin(consentGrants, eq(consentGrants.id, accessLog.grantId))
    .where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const rows = await db
    .select({ at: accessLog.at, resourceType: accessLog.resourceType, interaction: accessLog.interaction, count: accessLog.count })
    .from(accessLog)
    .innerJoin(consentGrants, eq(consentGrants.id, accessLog.grantId))
    .where(where)
    .orderBy(desc(accessLog.at), desc(accessLog.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  return { rows, total, page: current, pageCount };
}
