import 'server-only';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { PAYER } from '@/lib/payer';
import type { Translate } from '@/lib/server/account/describe-connections';
import type { FormerMember, UpcomingMember } from './list-relationships';

/** The words a relationship needs: the `representatives` messages, the authority's name, the language. */
export interface RelationshipWording {
  r: Translate;
  authorityName: (type: string) => string;
  locale: string;
}

/** One member a representative does not act for today, as the account shows it. */
export interface RelationshipView {
  key: string;
  /** "Harold Whitfield (personal representative)" */
  name: string;
  authority: string;
  /** Why they do not act for the member (and, when they connected any, that those apps stopped). */
  why: string[];
  /** What they can do next. */
  next: string;
  /** The records request, for a member who has died. */
  recordsRequestUrl: string | null;
}

const firstName = (name: string) => name.split(' ')[0];
const phone = { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty };

/** Why a representative no longer acts for a member, and what may be done next (each authority its own next step). */
export function describeFormerMember(m: FormerMember, w: RelationshipWording): RelationshipView {
  const name = firstName(m.name);
  const date = formatCalendarDate(m.date, w.locale);
  const why = [w.r(`formerEnded_${m.reason}`, { name, date })];
  if (m.connectedApps) why.push(w.r('formerAppsStopped', { name }));
  const next = m.reason === 'ended' ? w.r('nextEnded', { name, authority: m.type, ...phone }) : w.r(`next_${m.reason}`, { name, date, ...phone });
  return {
    key: `former-${m.memberId}-${m.type}`,
    name: m.name,
    authority: w.authorityName(m.type),
    why,
    next,
    recordsRequestUrl: m.reason === 'member-deceased' ? PAYER.recordsRequestUrl : null,
  };
}

/** An authority that has not started yet: from when it applies. */
export function describeUpcomingMember(m: UpcomingMember, w: RelationshipWording): RelationshipView {
  const name = firstName(m.name);
  const date = formatCalendarDate(m.startsOn, w.locale);
  return {
    key: `upcoming-${m.memberId}-${m.type}`,
    name: m.name,
    authority: w.authorityName(m.type),
    why: [w.r('upcomingStarts', { name, date })],
    next: w.r('next_not-started', { date, ...phone }),
    recordsRequestUrl: null,
  };
}
