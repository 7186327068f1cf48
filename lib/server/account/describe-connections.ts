import 'server-only';
import { formatCalendarDate, formatInstantDate } from '@/lib/i18n/format-calendar-date';
import type { ConnectionsPayload, ConnectionView, MemberConnectionsView } from '@/lib/schemas/account';
import { suspensionCriterionOf } from '@/lib/server/apps/app-suspension-reason';
import { describeAppStopForMembers, describeCriterionForMembers } from '@/lib/server/apps/describe-criterion';
import type { DataCategory } from '@/lib/server/smart/smart-scopes';
import { mayChange, type AccountScope } from './account-scope';
import { formatDateTime } from './format-date-time';
import { formatConnectionEnd, lastDayOf } from './last-day-of';
import { isCurrent, type AccountConnection } from './list-account-connections';
import { CONNECTED_AGAIN } from '@/lib/server/consent/revoke-reasons';

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The words a page needs, in the reader's language. */
export interface AccountWording {
  /** The `account` messages. */
  t: Translate;
  locale: string;
  categoryName: (category: DataCategory) => string;
  authorityName: (type: string) => string;
  /** "Customer service stopped sharing. Why: …", for a connection staff stopped for a caller. */
  stoppedByCustomerService: (revokedReason: string | null) => string;
  /** The `representatives` messages (issue 13), for connections an authority's end stopped. */
  r?: Translate;
}

/** "Ended on May 2: Emma turned 18, so Giulia Rossi's authority as parent ended." */
function authorityEndNote(c: AccountConnection, scope: AccountScope, w: AccountWording): string | null {
  if (!c.authorityEnded || !w.r) return null;
  const values = { date: formatCalendarDate(c.authorityEnded.date, w.locale), name: memberName(c, scope) || c.memberName || '', representative: c.representativeName ?? '' };
  // The member reads of themself as "you", a representative of the member by name.
  const you = scope.viewer.kind === 'member' ? 'You' : '';
  return w.r(`${c.authorityEnded.cause === 'child18' ? 'ended_child18' : 'ended_authority'}${you}`, values);
}

const memberName = (c: Pick<AccountConnection, 'memberId'>, scope: AccountScope) => scope.members.find((m) => m.memberId === c.memberId)?.name ?? '';

/**
 * The words after a stop or a change, and the change page's note: "your information" to the
 * member, the member's by name to a representative ("Emma Rossi's information").
 */
export function whoseInformationNote(
  key: 'flashStoppedMore' | 'flashChangedMore' | 'changeNote',
  c: Pick<AccountConnection, 'appName' | 'memberId' | 'memberName'>,
  scope: AccountScope,
  w: Pick<AccountWording, 't'>,
): string {
  return scope.viewer.kind === 'representative' ? w.t(`${key}For`, { app: c.appName, name: memberName(c, scope) || c.memberName || '' }) : w.t(key, { app: c.appName });
}

/** Whether the person viewing approved the connection: the member their own, a representative theirs. */
const approvedByViewer = (c: AccountConnection, scope: AccountScope) =>
  c.approvedByKind === 'member' ? scope.viewer.kind === 'member' : scope.viewer.kind === 'representative' && scope.viewer.repId === c.representativeId;

function approvedBy(c: AccountConnection, scope: AccountScope, w: AccountWording): string {
  const { t } = w;
  if (c.approvedByKind === 'member') {
    if (approvedByViewer(c, scope)) return t('approvedByYou');
    return t('approvedByMember', { name: memberName(c, scope) });
  }
  const authority = c.authorityType ? w.authorityName(c.authorityType) : '';
  if (approvedByViewer(c, scope)) return t('approvedByYouAs', { authority });
  return t('approvedByRepresentative', { name: c.representativeName ?? '', authority });
}

/** The card's links' subject: the app, and who approved this connection when the app has others (sameApp). */
function linkName(c: AccountConnection, scope: AccountScope, w: AccountWording, sameApp: number): string {
  if (sameApp < 2) return c.appName;
  return approvedByViewer(c, scope) ? w.t('linkSameAppYou', { app: c.appName }) : w.t('linkSameApp', { app: c.appName, who: approvedBy(c, scope, w) });
}

function endNote(c: AccountConnection, scope: AccountScope, w: AccountWording): string | null {
  const { t } = w;
  const byAuthority = c.state === 'expired' || c.state === 'stopped' ? authorityEndNote(c, scope, w) : null;
  if (byAuthority) return byAuthority;
  switch (c.state) {
    case 'paused': {
      // The reason from the review list in the member's language; a reviewer's own words never show.
      const reason = describeCriterionForMembers(c.appStatusCriterion, w.locale === 'es' ? 'es' : 'en');
      return reason
        ? t('notePaused', { date: formatCalendarDate(c.appStatusSince, w.locale), reason })
        : t('notePausedNoReason', { date: formatCalendarDate(c.appStatusSince, w.locale) });
    }
    case 'expired':
      return t('endedExpired');
    case 'replaced':
      return c.revokedReason === CONNECTED_AGAIN ? t('endedConnectedAgain', { app: c.appName }) : t('endedReplaced');
    case 'stopped': {
      // The payer stopped the app: why, in plain words, and that another app may be chosen.
      if (c.revokedAt && suspensionCriterionOf(c.revokedReason)) return describeAppStopForMembers(suspensionCriterionOf(c.revokedReason), c.revokedAt, w.locale);
      const viewer = scope.viewer;
      const byViewer =
        (c.revokedByKind === 'member' && viewer.kind === 'member') ||
        (c.revokedByKind === 'representative' && viewer.kind === 'representative' && viewer.repId === c.revokedById);
      if (byViewer) return t('endedStoppedByYou');
      if (c.revokedByKind === 'member') return t('endedStoppedBy', { name: memberName(c, scope) });
      if (c.revokedByKind === 'representative') return t('endedStoppedBy', { name: c.revokedByName ?? '' });
      if (c.revokedByKind === 'staff') return w.stoppedByCustomerService(c.revokedReason);
      // The app revoked its own access (or used a code or a refresh token twice, which ends it too).
      if (c.revokedByKind === 'app') return t('endedStoppedByApp', { app: c.appName });
      return t('endedStoppedByPayer');
    }
    default:
      return null;
  }
}

/**
 * `sameApp`: how many connections this member has with the same app among the current ones (or,
 * for a past one, the past ones). Above one, a current one says when it was made to the minute,
 * and that stopping it leaves the others; the links of each name who approved it, or when it ended.
 */
function sameAppNote(c: AccountConnection, scope: AccountScope, w: AccountWording, count: number): string {
  return scope.viewer.kind === 'representative'
    ? w.t('sameAppNoteFor', { app: c.appName, count, name: memberName(c, scope) })
    : w.t('sameAppNote', { app: c.appName, count });
}

export function describeConnection(c: AccountConnection, scope: AccountScope, w: AccountWording, sameApp = 1): ConnectionView {
  const { t, locale } = w;
  const current = isCurrent(c);
  const lastDay = formatConnectionEnd(c, locale);
  // Stopped: the day it was stopped. Run out: its last day (the end instant is the midnight after).
  const endedOn = c.revokedAt ? formatInstantDate(c.revokedAt, locale) : formatCalendarDate(lastDayOf(c.expiresAt), locale);
  const start = formatCalendarDate(c.dataWindowStart, locale);
  return {
    grantId: c.grantId,
    appName: c.appName,
    // Past ones of one app told apart by when they ended; to the minute when stopped (two may be on one day).
    linkName: current ? linkName(c, scope, w, sameApp) : sameApp > 1 ? t('linkEnded', { app: c.appName, date: c.revokedAt ? formatDateTime(c.revokedAt, locale) : endedOn }) : c.appName,
    state: c.state === 'active' ? 'active' : c.state === 'paused' ? 'paused' : 'ended',
    categories: c.categories.map((category) => w.categoryName(category)),
    sensitive: c.includeSensitive ? t('sensitiveShared') : t('sensitiveNotShared'),
    years: current ? t('yearsToToday', { start }) : t('yearsTo', { start, end: endedOn }),
    approvedBy: approvedBy(c, scope, w),
    approvedOn: current && sameApp > 1 ? formatDateTime(c.createdAt, locale) : formatInstantDate(c.createdAt, locale),
    endsOn: current ? lastDay : endedOn,
    lastRead: c.lastAccessAt ? formatDateTime(c.lastAccessAt, locale) : t('lastReadNever'),
    lastReadAt: c.lastAccessAt?.toISOString() ?? null,
    note: endNote(c, scope, w) ?? (current && sameApp > 1 ? sameAppNote(c, scope, w, sameApp) : null),
    canChange: mayChange(scope, c),
  };
}

/** The account's connections as the page and its live JSON show them: per member, current and past. */
/**
 * Links of one list that would still read alike (two connections of one app that ended in the same
 * minute) are numbered, so each link's name says which card it is (WCAG 2.4.4).
 */
function tellApart(views: ConnectionView[], w: AccountWording): ConnectionView[] {
  return views.map((view) => {
    const alike = views.filter((other) => other.linkName === view.linkName);
    return alike.length > 1 ? { ...view, linkName: w.t('linkNumbered', { name: view.linkName, number: alike.indexOf(view) + 1, count: alike.length }) } : view;
  });
}

export function describeConnections(scope: AccountScope, connections: AccountConnection[], w: AccountWording): ConnectionsPayload {
  const members: MemberConnectionsView[] = scope.members.map((member) => {
    const own = connections.filter((c) => c.memberId === member.memberId);
    const past = own.filter((c) => !isCurrent(c)).sort((a, b) => (b.revokedAt ?? b.expiresAt).getTime() - (a.revokedAt ?? a.expiresAt).getTime());
    return {
      memberId: member.memberId,
      heading: member.authority ? w.t('actingFor', { name: member.name, authority: w.authorityName(member.authority.type) }) : w.t('yourConnections'),
      note: !w.r ? null : member.authority && member.sees === 'own' ? w.r('designeeNote', { name: member.name }) : !member.authority && member.changes === 'own' ? w.r('minorNote') : null,
      current: tellApart(
        own.filter(isCurrent).map((c, _, current) => describeConnection(c, scope, w, current.filter((other) => other.appId === c.appId).length)),
        w,
      ),
      // Past connections of one app (each "connected again" leaves one) are told apart by their end.
      past: tellApart(
        past.map((c) => describeConnection(c, scope, w, past.filter((other) => other.appId === c.appId).length)),
        w,
      ),
    };
  });
  return { forRepresentative: scope.viewer.kind === 'representative', members };
}
