import 'server-only';
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { consentGrants, members, representatives } from '@/lib/db/schema';
import type { HubSession } from '@/lib/server/auth/hub-session';
import { listRepresentedMembers } from '@/lib/server/connect/check-connect-access';
import type { AuthorityType } from '@/lib/server/eligibility';

/** Who is looking at the account: a member, or a representative acting in their own name. */
export type AccountViewer = { kind: 'member'; memberId: string } | { kind: 'representative'; repId: string };

export interface ScopedMember {
  memberId: string;
  name: string;
  /** The authority a representative acts under today; null when the viewer is the member. */
  authority: { id: number; type: AuthorityType } | null;
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
      .select({ given: members.given, family: members.family, email: members.email })
      .from(members)
      .where(eq(members.memberId, viewer.memberId))
      .limit(1);
    if (!member) return null;
    const name = `${member.given} ${member.family}`;
    return { viewer, viewerName: name, viewerEmail: member.email, members: [{ memberId: viewer.memberId, name, authority: null }] };
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
      .map((m) => ({ memberId: m.memberId, name: m.name, authority: { id: m.authorityId, type: m.authorityType } })),
  };
}

/** The WHERE condition that keeps a query to the grants of members in scope (none when empty). */
export function grantsInScope(scope: AccountScope): SQL {
  const ids = scope.members.map((m) => m.memberId);
  return ids.length > 0 ? inArray(consentGrants.memberId, ids) : sql`false`;
}

export function memberInScope(scope: AccountScope, memberId: string): ScopedMember | undefined {
  return scope.members.find((m) => m.memberId === memberId);
}

/** How the audit trail and revocations name the viewer. */
export function auditActorOf(viewer: AccountViewer): { kind: 'member' | 'representative'; id: string } {
  return viewer.kind === 'member' ? { kind: 'member', id: viewer.memberId } : { kind: 'representative', id: viewer.repId };
}
