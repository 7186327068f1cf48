import 'server-only';
import { eq } from 'drizzle-orm';
import { appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { authorities, members, representatives } from '@/lib/db/schema';
import type { AccountScope } from '@/lib/server/account/account-scope';
import { listRepresentedMembers } from '@/lib/server/connect/check-connect-access';
import { authorityActiveOn, type AuthorityType } from '@/lib/server/eligibility';

/** Someone who acts, or acted, for the signed-in member. */
export interface PersonActingForYou {
  name: string;
  givenName: string;
  type: AuthorityType;
  start: CalendarDate;
  /** The last day, when known (an end on file, a parent's last day before the child's 18th birthday). */
  lastDay: CalendarDate | null;
  active: boolean;
}

/** A member the signed-in representative no longer acts for, and why. */
export interface FormerMember {
  name: string;
  type: AuthorityType;
  reason: 'ended' | 'child-turned-18';
  /** The birthday, or the authority's last day. */
  date: CalendarDate;
}

/**
 * The relationships, both ways (issue 13): a member sees who may act for them (a guardian, a
 * designee, ended ones too); a representative sees the members they no longer act for and why.
 */
export async function listRelationships(scope: AccountScope, today: CalendarDate = todayIn(appClock())): Promise<{ actingForYou: PersonActingForYou[]; former: FormerMember[] }> {
  if (scope.viewer.kind === 'member') {
    const db = await getDb();
    const rows = await db
      .select({ given: representatives.given, family: representatives.family, type: authorities.type, start: authorities.start, end: authorities.end, birthDate: members.birthDate, deceasedDate: members.deceasedDate })
      .from(authorities)
      .innerJoin(representatives, eq(representatives.repId, authorities.repId))
      .innerJoin(members, eq(members.memberId, authorities.memberId))
      .where(eq(authorities.memberId, scope.viewer.memberId));
    const actingForYou = rows
      .map((row): PersonActingForYou => {
        const authority = { type: row.type as AuthorityType, start: row.start as CalendarDate, end: (row.end as CalendarDate | null) ?? null };
        const status = authorityActiveOn(authority, { birthDate: row.birthDate as CalendarDate, deceasedDate: (row.deceasedDate as CalendarDate | null) ?? null }, today);
        const lastDay = status.active ? (status.endsOn ?? null) : 'lastDay' in status ? status.lastDay : authority.end;
        return { name: `${row.given} ${row.family}`, givenName: row.given, type: authority.type, start: authority.start, lastDay, active: status.active };
      })
      .filter((p) => p.active || (p.lastDay !== null && p.start <= p.lastDay));
    return { actingForYou, former: [] };
  }
  const represented = await listRepresentedMembers(scope.viewer.repId, today);
  const former: FormerMember[] = [];
  for (const m of represented) {
    const status = m.authority;
    if (status.active || (status.reason !== 'ended' && status.reason !== 'child-turned-18')) continue;
    former.push({ name: m.name, type: m.authorityType, reason: status.reason, date: status.reason === 'child-turned-18' ? status.since : status.lastDay });
  }
  return { actingForYou: [], former };
}
