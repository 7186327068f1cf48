import 'server-only';
import { criterionLabel } from '@/lib/server/apps/describe-criterion';
import { desc, eq } from 'drizzle-orm';
import { appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { authorities, cases, members, representatives } from '@/lib/db/schema';
import { formatCalendarDate, formatInstantDate } from '@/lib/i18n/format-calendar-date';
import type { AccountScope } from '@/lib/server/account/account-scope';
import { formatDateTime } from '@/lib/server/account/format-date-time';
import { lastDayOf } from '@/lib/server/account/last-day-of';
import { caseReference } from '@/lib/server/account/list-account-cases';
import { isCurrent, listAccountConnections, type AccountConnection } from '@/lib/server/account/list-account-connections';
import { customerServiceStopReason, customerServiceStopWords } from '@/lib/server/consent/customer-service-stop';
import { authorityActiveOn, checkConnectEligibility, planRoutingFor, type AuthorityType } from '@/lib/server/eligibility';
import { maskEmail } from '@/lib/server/identity/mask-email';
import { loadMember } from '@/lib/server/members/load-member';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS } from './case-handling';
import { explainEligibilityForCaller, explainPlanRouting, type CallerEligibility } from './explain-eligibility-for-caller';
import { listVerificationAttempts, type VerificationHistory } from './list-verification-attempts';
import { authorityName, categoryName } from './staff-wording';
import { CONNECTED_AGAIN } from '@/lib/server/consent/revoke-reasons';

export interface CallerConnection {
  grantId: string;
  appId: string;
  appName: string;
  current: boolean;
  state: string;
  mayRead: string;
  sensitive: string;
  approvedBy: string;
  approvedOn: string;
  until: string;
  lastRead: string;
  note: string | null;
}

export interface CallerAuthority {
  repId: string;
  repName: string;
  type: string;
  dates: string;
  status: string;
  active: boolean;
}

export interface CallerRecord {
  memberId: string;
  name: string;
  birthDate: string;
  city: string;
  maskedEmail: string;
  language: string;
  coverage: string[];
  eligibility: CallerEligibility;
  routing: string;
  representatives: CallerAuthority[];
  connections: CallerConnection[];
  verification: VerificationHistory;
  cases: { id: string; reference: string; kind: string; status: string; openedOn: string }[];
}

const day = (date: string) => formatCalendarDate(date, 'en');

/**
 * Everything customer service needs to answer a caller about one member, on one screen: the same
 * rules and records the member's own pages use (eligibility, plan routing, authorities, the
 * account's connections), in staff words. No code, no full email address, no health data.
 */
export async function loadCallerRecord(memberId: string, today: CalendarDate = todayIn(appClock())): Promise<CallerRecord | null> {
  const member = await loadMember(memberId);
  if (!member) return null;
  const db = await getDb();
  const name = `${member.given} ${member.family}`;
  const planName = (code: string) => member.plans.find((p) => p.code === code)?.name ?? code;

  // The member's own account scope: the connections query keeps its WHERE clause to this member.
  const scope: AccountScope = { viewer: { kind: 'member', memberId }, viewerName: name, viewerEmail: member.email, members: [{ memberId, name, authority: null, sees: 'all', changes: 'all' }] };
  const connections = await listAccountConnections(scope);

  const authorityRows = await db
    .select({ type: authorities.type, start: authorities.start, end: authorities.end, repId: representatives.repId, given: representatives.given, family: representatives.family })
    .from(authorities)
    .innerJoin(representatives, eq(representatives.repId, authorities.repId))
    .where(eq(authorities.memberId, memberId))
    .orderBy(authorities.start);

  const [{ city }] = await db.select({ city: members.city }).from(members).where(eq(members.memberId, memberId));
  const caseRows = await db
    .select({ id: cases.id, kind: cases.kind, status: cases.status, createdAt: cases.createdAt })
    .from(cases)
    .where(eq(cases.memberId, memberId))
    .orderBy(desc(cases.createdAt))
    .limit(20);

  return {
    memberId,
    name,
    birthDate: day(member.facts.birthDate),
    city,
    maskedEmail: maskEmail(member.email),
    language: member.preferredLocale === 'es' ? 'Spanish' : 'English',
    coverage: member.facts.spans.map((s) => `${planName(s.plan)}: ${day(s.start)} to ${s.end ? day(s.end) : 'today (enrolled)'}`),
    eligibility: explainEligibilityForCaller(checkConnectEligibility(member.facts, today), member.facts.deceasedDate),
    routing: explainPlanRouting(planRoutingFor(member.facts, member.plans, today)),
    representatives: authorityRows.map((row) => {
      const status = authorityActiveOn({ type: row.type as AuthorityType, start: row.start as CalendarDate, end: row.end as CalendarDate | null }, member.facts, today);
      const dates = `From ${day(row.start)}${row.end ? ` to ${day(row.end)}` : ''}`;
      let said: string;
      if (status.active) said = status.endsOn ? `Active until ${day(status.endsOn)}` : 'Active';
      else if (status.reason === 'not-started') said = `Starts ${day(status.startsOn)}`;
      else if (status.reason === 'child-turned-18') said = `Ended ${day(status.since)}: the member turned 18`;
      else if (status.reason === 'member-deceased') said = `Ended ${day(status.since)}: the member died`;
      // The same day the representative is told (their authority's last day), not the day after it.
      else said = `Ended: the last day was ${day(status.lastDay)}`;
      return { repId: row.repId, repName: `${row.given} ${row.family}`, type: authorityName(row.type), dates, status: said, active: status.active };
    }),
    connections: connections.map(describeForStaff),
    verification: await listVerificationAttempts({ kind: 'member', id: memberId }, member.email),
    cases: caseRows.map((c) => ({ id: c.id, reference: caseReference(c.id), kind: CASE_KIND_LABELS[c.kind] ?? c.kind, status: CASE_STATUS_LABELS[c.status], openedOn: formatInstantDate(c.createdAt, 'en') })),
  };
}

const STATE_LABELS: Record<AccountConnection['state'], string> = {
  active: 'Sharing',
  paused: 'Paused (app not approved now)',
  expired: 'Ended (ran out)',
  stopped: 'Stopped',
  replaced: 'Replaced by a changed connection',
};

function describeForStaff(c: AccountConnection): CallerConnection {
  const current = isCurrent(c);
  return {
    grantId: c.grantId,
    appId: c.appId,
    appName: c.appName,
    current,
    state: c.revokedReason === CONNECTED_AGAIN ? 'Replaced: the app was connected again' : STATE_LABELS[c.state],
    mayRead: c.categories.map(categoryName).join(', '),
    sensitive: c.includeSensitive ? 'Yes (behavioral health, substance use)' : 'No',
    approvedBy: c.approvedByKind === 'member' ? 'The member' : `${c.representativeName ?? 'A representative'} (${authorityName(c.authorityType ?? '')})`,
    approvedOn: formatInstantDate(c.createdAt, 'en'),
    until: current ? day(lastDayOf(c.expiresAt)) : c.revokedAt ? `Stopped ${formatInstantDate(c.revokedAt, 'en')}` : `Ended ${day(lastDayOf(c.expiresAt))}`,
    lastRead: c.lastAccessAt ? formatDateTime(c.lastAccessAt, 'en') : 'Never',
    note: stopNote(c),
  };
}

function stopNote(c: AccountConnection): string | null {
  if (c.state === 'paused') return `The app is ${c.appStatus} since ${day(c.appStatusSince)}${c.appStatusCriterion ? `: ${criterionLabel(c.appStatusCriterion)}` : ''}.`;
  if (c.state !== 'stopped') return null;
  const reason = customerServiceStopReason(c.revokedReason);
  switch (c.revokedByKind) {
    case 'staff':
      return `Stopped by customer service (${c.revokedById})${reason ? `: “${customerServiceStopWords('en').reason(reason)}”` : ''}`;
    case 'member':
      return 'Stopped by the member.';
    case 'representative':
      return `Stopped by ${c.revokedByName ?? 'a representative'}.`;
    case 'app':
      return 'Stopped by the app (it revoked its own access).';
    default:
      return 'Stopped by the plan.';
  }
}
