import 'server-only';
import { and, eq } from 'drizzle-orm';
import { appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { authorities, members, representatives } from '@/lib/db/schema';
import {
  authorityActiveOn,
  checkConnectEligibility,
  planRoutingFor,
  type AuthorityStatus,
  type AuthorityType,
  type ConnectEligibility,
  type PlanRouting,
} from '@/lib/server/eligibility';
import { loadMember, type LoadedMember } from '@/lib/server/members/load-member';

export type ConnectAccess =
  | { ok: true; member: LoadedMember; eligibility: Extract<ConnectEligibility, { eligible: true }>; routing: PlanRouting | null }
  | { ok: false; member: LoadedMember | null; eligibility: ConnectEligibility | null; authority?: AuthorityStatus };

/** Whether this member may connect an app today, and the plan guidance to show them. */
export async function checkMemberAccess(memberId: string, today: CalendarDate = todayIn(appClock())): Promise<ConnectAccess> {
  const member = await loadMember(memberId);
  if (!member) return { ok: false, member: null, eligibility: null };
  const eligibility = checkConnectEligibility(member.facts, today);
  if (!eligibility.eligible) return { ok: false, member, eligibility };
  return { ok: true, member, eligibility, routing: planRoutingFor(member.facts, member.plans, today) };
}

export interface RepresentedMember {
  memberId: string;
  name: string;
  authorityId: number;
  authorityType: AuthorityType;
  authority: AuthorityStatus;
  eligibility: ConnectEligibility;
}

/** The members a representative holds authority for, each with whether they may act today. */
export async function listRepresentedMembers(repId: string, today: CalendarDate = todayIn(appClock())): Promise<RepresentedMember[]> {
  const db = await getDb();
  const rows = await db
    .select({ authorityId: authorities.id, type: authorities.type, start: authorities.start, end: authorities.end, memberId: authorities.memberId })
    .from(authorities)
    .innerJoin(representatives, eq(representatives.repId, authorities.repId))
    .where(eq(authorities.repId, repId));
  const out: RepresentedMember[] = [];
  for (const row of rows) {
    const member = await loadMember(row.memberId);
    if (!member) continue;
    const authority = authorityActiveOn(
      { type: row.type as AuthorityType, start: row.start as CalendarDate, end: row.end as CalendarDate | null },
      { birthDate: member.facts.birthDate, deceasedDate: member.facts.deceasedDate },
      today,
    );
    out.push({
      memberId: member.memberId,
      name: `${member.given} ${member.family}`,
      authorityId: row.authorityId,
      authorityType: row.type as AuthorityType,
      authority,
      eligibility: checkConnectEligibility(member.facts, today),
    });
  }
  return out;
}

/** A representative may act for this member today: authority active and member eligible. */
export async function checkRepresentativeAccess(repId: string, memberId: string, today: CalendarDate = todayIn(appClock())) {
  const db = await getDb();
  const owned = await db
    .select({ id: authorities.id })
    .from(authorities)
    .innerJoin(members, eq(members.memberId, authorities.memberId))
    .where(and(eq(authorities.repId, repId), eq(authorities.memberId, memberId)));
  if (owned.length === 0) return null;
  const represented = (await listRepresentedMembers(repId, today)).find((m) => m.memberId === memberId)!;
  const access = await checkMemberAccess(memberId, today);
  return { represented, access };
}
