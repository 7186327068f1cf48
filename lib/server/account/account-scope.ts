import 'server-only';
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { AGE_OF_MAJORITY, ageOn, appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { consentGrants, members, representatives } from '@/lib/db/schema';
import type { HubSession } from '@/lib/server/auth/hub-session';
import { listRepresentedMembers } from '@/lib/server/connect/check-connect-access';
import type { AuthorityType } from '@/lib/server/eligibility';
import { CHOOSING_AUTHORITIES, memberMakesOwnSharingChoices, sharingChoosersFor } from '@/lib/server/sharing/sharing-choosers';

/** Who is looking at the account: a member, or a representative acting in their own name. */
export type AccountViewer = { kind: 'member'; memberId: string } | { kind: 'representative'; repId: string };

export interface ScopedMember {
  memberId: string;
  name: string;
  /** The authority a representative acts under today; null when the viewer is the member. */
  authority: { id: number; type: AuthorityType } | null;
  /**
   * The written policy (docs/representatives-policy.md, /help): which of this member's connections
   * the viewer sees, and which they may stop or change. 'own' means only the ones the viewer
   * approved (a designee; a member under 18 facing a parent's connection).
   */
  sees?: 'all' | 'own';
  changes?: 'all' | 'own';
  /**
   * Whether the viewer makes this member's sharing choices (providers, other plans): not a designee,
   * and not a member under 18 whom a parent, guardian or personal representative acts for (they
   * choose instead; docs/representatives-policy.md). Unset means yes.
   */
  makesSharingChoices?: boolean;
}

/**
 * Who may see and change what, by role. Members 18 and over, parents of minors, legal guardians
 * and personal representatives see and change every connection on the record; an authorized
 * representative designee only the connections they made (not the member's own, nor the member's
 * sensitive-data choices); a member under 18 sees every connection on their record but may stop
 * or change only the ones they made themself.
 */
export function permissionsFor(role: { kind: 'member'; age: number } | { kind: 'representative'; type: AuthorityType }): Required<Pick<ScopedMember, 'sees' | 'changes'>> {
  if (role.kind === 'member') return { sees: 'all', changes: role.age >= 18 ? 'all' : 'own' };
  return role.type === 'authorized_representative_designee' ? { sees: 'own', changes: 'own' } : { sees: 'all', changes: 'all' };
}

/**
 * The members whose connections this viewer may see and stop today: a member themself, or every
 * member a representative holds active authority for. Every account query puts these ids in its
 * WHERE clause; nothing a browser sends can widen them.
 */
export interface AccountScope {
  viewer: AccountViewer;
  viewerName: string;
  viewerEmail: string;
  members: ScopedMember[];
}

export function accountViewerOf(session: HubSession | null): AccountViewer | null {
  if (session?.kind === 'member') return { kind: 'member', memberId: session.memberId };
  if (session?.kind === 'representative') return { kind: 'representative', repId: session.repId };
  return null;
}

export async function loadAccountScope(viewer: AccountViewer, today: CalendarDate = todayIn(appClock())): Promise<AccountScope | null> {
  const db = await getDb();
  if (viewer.kind === 'member') {
    const [member] = await db
      .select({ given: members.given, family: members.family, email: members.email, birthDate: members.birthDate, deceasedDate: members.deceasedDate })
      .from(members)
      .where(eq(members.memberId, viewer.memberId))
      .limit(1);
    if (!member) return null;
    const name = `${member.given} ${member.family}`;
    const facts = { memberId: viewer.memberId, birthDate: member.birthDate as CalendarDate, deceasedDate: member.deceasedDate as CalendarDate | null };
    const age = ageOn(facts.birthDate, today);
    const permissions = permissionsFor({ kind: 'member', age });
    // Who chooses for a minor is read only for a minor: an adult makes their own choices whoever acts for them.
    const makesSharingChoices = memberMakesOwnSharingChoices(facts, age >= AGE_OF_MAJORITY ? [] : await sharingChoosersFor(db, facts, today), today);
    return { viewer, viewerName: name, viewerEmail: member.email, members: [{ memberId: viewer.memberId, name, authority: null, ...permissions, makesSharingChoices }] };
  }
  const [rep] = await db
    .select({ given: representatives.given, family: representatives.family, email: representatives.email })
    .from(representatives)
    .where(eq(representatives.repId, viewer.repId))
    .limit(1);
  if (!rep) return null;
  const represented = await listRepresentedMembers(viewer.repId, today);
  return {
    viewer,
    viewerName: `${rep.given} ${rep.family}`,
    viewerEmail: rep.email,
    members: represented
      .filter((m) => m.authority.active)
      .map((m) => ({
        memberId: m.memberId,
        name: m.name,
        authority: { id: m.authorityId, type: m.authorityType },
        ...permissionsFor({ kind: 'representative', type: m.authorityType }),
        makesSharingChoices: CHOOSING_AUTHORITIES.includes(m.authorityType),
      })),
  };
}

/** The grants a viewer approved themself (as the member, or as this representative). */
function approvedByViewer(scope: AccountScope): SQL {
  return scope.viewer.kind === 'member'
    ? eq(consentGrants.approvedByKind, 'member')
    : and(eq(consentGrants.approvedByKind, 'representative'), eq(consentGrants.representativeId, scope.viewer.repId))!;
}

/** The WHERE condition that keeps a query to the grants the viewer may see (none when empty). */
export function grantsInScope(scope: AccountScope): SQL {
  const each = scope.members.map((m) => (m.sees !== 'own' ? eq(consentGrants.memberId, m.memberId) : and(eq(consentGrants.memberId, m.memberId), approvedByViewer(scope))!));
  return each.length > 0 ? or(...each)! : sql`false`;
}

/** The WHERE condition for the grants the viewer may stop or change: a narrower one for 'own'. */
export function grantsChangeableInScope(scope: AccountScope): SQL {
  const each = scope.members.map((m) => (m.changes !== 'own' ? eq(consentGrants.memberId, m.memberId) : and(eq(consentGrants.memberId, m.memberId), approvedByViewer(scope))!));
  return each.length > 0 ? or(...each)! : sql`false`;
}

/** The same rule for a connection already loaded (to show or hide "Stop sharing"). */
export function mayChange(scope: AccountScope, c: { memberId: string; approvedByKind: string; representativeId: string | null }): boolean {
  const member = memberInScope(scope, c.memberId);
  if (!member) return false;
  if (member.changes !== 'own') return true;
  return scope.viewer.kind === 'member' ? c.approvedByKind === 'member' : c.approvedByKind === 'representative' && c.representativeId === scope.viewer.repId;
}

export function memberInScope(scope: AccountScope, memberId: string): ScopedMember | undefined {
  return scope.members.find((m) => m.memberId === memberId);
}

/** How the audit trail and revocations name the viewer. */
export function auditActorOf(viewer: AccountViewer): { kind: 'member' | 'representative'; id: string } {
  return viewer.kind === 'member' ? { kind: 'member', id: viewer.memberId } : { kind: 'representative', id: viewer.repId };
}
