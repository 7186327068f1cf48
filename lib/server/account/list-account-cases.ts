import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { apps, cases } from '@/lib/db/schema';
import type { AccountScope } from './account-scope';

export interface AccountCase {
  id: string;
  memberId: string | null;
  appName: string | null;
  otherAppName: string | null;
  kind: 'breach' | 'misuse' | 'complaint';
  status: 'open' | 'in_review' | 'closed';
  createdAt: Date;
  updatedAt: Date;
}

/** The kinds a member reports, or asks customer service to report for them; the account names each. */
const MEMBER_CASE_KINDS = ['breach', 'misuse', 'complaint'] as const;

/**
 * The reports about the members in scope, newest first, with each one's status. Staff's own
 * records of a call ('other') and their internal flags are not the member's reports.
 */
export async function listAccountCases(scope: AccountScope): Promise<AccountCase[]> {
  const ids = scope.members.map((m) => m.memberId);
  const db = await getDb();
  return db
    .select({
      id: cases.id,
      memberId: cases.memberId,
      appName: apps.name,
      otherAppName: cases.otherAppName,
      kind: cases.kind,
      status: cases.status,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .leftJoin(apps, eq(apps.id, cases.appId))
    .where(and(ids.length > 0 ? inArray(cases.memberId, ids) : sql`false`, inArray(cases.kind, MEMBER_CASE_KINDS)))
    .orderBy(desc(cases.createdAt)) as Promise<AccountCase[]>;
}

/** A short reference to read out on the phone: the first 8 characters of the case id. */
export function caseReference(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toUpperCase();
}
