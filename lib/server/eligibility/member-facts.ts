import 'server-only';
import type { CalendarDate } from '@/lib/calendar';

/** One enrollment span as the payer's eligibility system holds it; `end` is the LAST enrolled day, null while enrolled. */
export type EnrollmentSpan = { start: CalendarDate; end: CalendarDate | null; plan: string };

/** What the eligibility rules need to know about a member, and nothing else. */
export type MemberFacts = {
  memberId: string;
  birthDate: CalendarDate;
  deceasedDate: CalendarDate | null;
  spans: readonly EnrollmentSpan[];
};
