import 'server-only';
import { and, eq } from 'drizzle-orm';
import { appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { authorities, consentGrants, members, representatives } from '@/lib/db/schema';
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
  memberId: string;
  name: string;
  type: AuthorityType;
  reason: 'ended' | 'child-turned-18' | 'member-deceased';
  /** The birthday, the authority's last day, or the date of death. */
  date: CalendarDate;
  /** Whether this representative ever connected an app for the member (only then are they told those apps stopped). */
  connectedApps: boolean;
}

/** A member the signed-in representative will act for from a later day. */
export interface UpcomingMember {
  memberId: string;
  name: string;
  type: AuthorityType;
  startsOn: CalendarDate;
}

/**
 * The relationships, both ways (issue 13): a member sees who may act for them (a guardian, a
 * designee, ended ones too); a representative sees the members they no longer act for and why
 * (an ended authority, a child who turned 18, a member who died), and those they will act for later.
 */
export async function listRelationships(
  scope: AccountScope,
  today: CalendarDate = todayIn(appClock()),
): Promise<{ actingForYou: PersonActingForYou[]; former: FormerMember[]; upcoming: UpcomingMember[] }> {
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
    return { actingForYou, former: [], upcoming: [] };
  }
  const repId = scope.viewer.repId;
  const represented = await listRepresentedMembers(repId, today);
  const db = await getDb();
  const connectedFor = new Set(
    (
      await db
        .selectDistinct({ memberId: consentGrants.memberId })
        .from(consentGrants)
        .where(and(eq(consentGrants.approvedByKind, 'representative'), eq(consentGrants.representativeId, repId)))
    ).map((row) => row.memberId),
  );
  const former: FormerMember[] = [];
  const upcoming: UpcomingMember[] = [];
  // A member they act for again (a renewed designation) is not "no longer" acted for.
  const actingNow = new Set(represented.filter((m) => m.authority.active).map((m) => m.memberId));
  for (const m of represented) {
    const status = m.authority;
    if (status.active || actingNow.has(m.memberId)) continue;
    if (status.reason === 'not-started') {
      upcoming.push({ memberId: m.memberId, name: m.name, type: m.authorityType, startsOn: status.startsOn });
      continue;
    }
    // People are told the birthday, the date of death, or the last day an ended authority held.
    const date = status.reason === 'ended' ? status.lastDay : status.since;
    former.push({ memberId: m.memberId, name: m.name, type: m.authorityType, reason: status.reason, date, connectedApps: connectedFor.has(m.memberId) });
  }
  return { actingForYou: [], former, upcoming };
}
