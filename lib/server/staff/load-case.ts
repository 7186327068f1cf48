import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { apps, caseNotes, cases, members, staff } from '@/lib/db/schema';
import { permissionsOf } from './staff-permissions';

export type CaseRecord = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

/** One case with what the privacy officer needs to work it: the member, the app, the notes so far. */
export async function loadCase(caseId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ case: cases, memberGiven: members.given, memberFamily: members.family, appName: apps.name })
    .from(cases)
    .leftJoin(members, eq(members.memberId, cases.memberId))
    .leftJoin(apps, eq(apps.id, cases.appId))
    .where(eq(cases.id, caseId))
    .limit(1);
  if (!row) return null;
  const notes = await db.select().from(caseNotes).where(eq(caseNotes.caseId, caseId)).orderBy(asc(caseNotes.createdAt), asc(caseNotes.id));
  return {
    ...row.case,
    memberName: row.memberGiven ? `${row.memberGiven} ${row.memberFamily}` : null,
    appName: row.appName,
    notes,
  };
}

/**
 * Who may own a case: staff whose roles let them work the queue, and who may still sign in; never
 * the staff user the case is about (`aboutStaff`, a flag on their access).
 */
export async function listCaseOwners(aboutStaff: string | null = null): Promise<{ username: string; name: string }[]> {
  const rows = await (await getDb()).select({ username: staff.username, name: staff.name, roles: staff.roles, disabledAt: staff.disabledAt }).from(staff).orderBy(asc(staff.name));
  return rows
    .filter((r) => r.disabledAt === null && permissionsOf(r.roles).has('cases:manage') && r.username !== aboutStaff)
    .map(({ username, name }) => ({ username, name }));
}
