import 'server-only';
import { addDays, compareDates, eighteenthBirthday, type CalendarDate } from '@/lib/calendar';
import type { MemberFacts } from './member-facts';

export const AUTHORITY_TYPES = [
  'personal_representative',
  'parent',
  'legal_guardian',
  'authorized_representative_designee',
] as const;
export type AuthorityType = (typeof AUTHORITY_TYPES)[number];

/** A representative's authority to act for one member; `end` is the last day it holds, null when open. */
export type RepresentativeAuthority = { type: AuthorityType; start: CalendarDate; end: CalendarDate | null };

export type AuthorityStatus =
  | {
      active: true;
      /** Last day the authority holds, when an end is known (an end on file, or a child's 18th birthday). */
      endsOn?: CalendarDate;
    }
  | { active: false; reason: 'not-started'; startsOn: CalendarDate }
  | {
      active: false;
      reason: 'ended' | 'child-turned-18' | 'member-deceased';
      /** First day the authority no longer held. */
      since: CalendarDate;
      /** Last day it held (the day before `since`), the day people are told. */
      lastDay: CalendarDate;
    };

/**
 * Whether a representative may act for the member on `date`.
 *
 * A parent's authority holds up to the day before the child's 18th birthday, with or without an
 * end on file: on the birthday itself the member is an adult and acts for themself. A member
 * born on Feb 29 turns 18 on Feb 28 in a common year. Death ends every authority from the date of
 * death; a date before it is judged as usual, so a grant approved in the member's lifetime can
 * still be shown as properly approved.
 */
export function authorityActiveOn(
  authority: RepresentativeAuthority,
  member: Pick<MemberFacts, 'birthDate' | 'deceasedDate'>,
  date: CalendarDate,
): AuthorityStatus {
  if (member.deceasedDate !== null && compareDates(member.deceasedDate, date) <= 0) {
    return { active: false, reason: 'member-deceased', since: member.deceasedDate, lastDay: addDays(member.deceasedDate, -1) };
  }
  if (compareDates(date, authority.start) < 0) return { active: false, reason: 'not-started', startsOn: authority.start };

  const lastDayAsMinor = authority.type === 'parent' ? addDays(eighteenthBirthday(member.birthDate), -1) : null;
  const endsByAge = lastDayAsMinor !== null && (authority.end === null || compareDates(lastDayAsMinor, authority.end) <= 0);
  const lastDay = endsByAge ? lastDayAsMinor : authority.end;

  if (lastDay !== null && compareDates(date, lastDay) > 0) {
    return { active: false, reason: endsByAge ? 'child-turned-18' : 'ended', since: addDays(lastDay, 1), lastDay };
  }
  return lastDay === null ? { active: true } : { active: true, endsOn: lastDay };
}
