import 'server-only';
import { parseCalendarDate, resolveRelativeDate, type CalendarDate } from '@/lib/calendar';
import fixtures from '@/lib/demo/fixtures/members.json';
import { AUTHORITY_TYPES, type AuthorityType, type RepresentativeAuthority } from '../authority-active-on';
import type { MemberFacts } from '../member-facts';
import type { PlanInfo } from '../plan-routing-for';

// Test support: the demo fixtures as the eligibility rules see them, resolved against a chosen today.

type FixtureMember = {
  memberId: string;
  given: string;
  family: string;
  birthDate: string;
  deceasedDate?: string;
  address: { zip: string };
  enrollment: { start: string; end: string | null; plan: string }[];
};
type FixtureRepresentative = {
  repId: string;
  given: string;
  family: string;
  birthDate: string;
  zip: string;
  authorities: { memberId: string; type: string; start: string; end: string | null }[];
};
type FixturePlan = { name: string; managedCare: boolean; behavioralHealthVia?: string };
type MemberFixtures = {
  plans: Record<string, FixturePlan>;
  members: FixtureMember[];
  representatives: FixtureRepresentative[];
};

const data: MemberFixtures = fixtures;

/**
 * "Today" values the fixture cases run on: relative dates resolve differently on each, around
 * month ends, a leap day and a year end. A Feb 28 in a leap year is left out on purpose: see
 * previousMemberAccessEndsOn and the dedicated test of Robert on 2028-02-28.
 */
export const FIXTURE_TODAYS = [
  '2026-11-23',
  '2024-02-29',
  '2024-03-01',
  '2025-02-28',
  '2025-03-01',
  '2025-03-31',
  '2026-12-31',
  '2027-01-01',
] as const satisfies readonly CalendarDate[];

function authorityTypeOf(type: string): AuthorityType {
  const known = AUTHORITY_TYPES.find((candidate) => candidate === type);
  if (!known) throw new Error(`Unknown authority type in fixtures: ${type}`);
  return known;
}

export type DemoMember = MemberFacts & { given: string; family: string; zip: string };

export const DEMO_MEMBER_NAMES = data.members.map((member) => member.given);

function at(expression: string, today: CalendarDate): CalendarDate {
  return resolveRelativeDate(expression, today);
}

export function demoMember(given: string, today: CalendarDate): DemoMember {
  const member = data.members.find((candidate) => candidate.given === given);
  if (!member) throw new Error(`No demo member named ${given}`);
  return {
    memberId: member.memberId,
    given: member.given,
    family: member.family,
    zip: member.address.zip,
    birthDate: at(member.birthDate, today),
    deceasedDate: member.deceasedDate === undefined ? null : at(member.deceasedDate, today),
    spans: member.enrollment.map((span) => ({
      start: at(span.start, today),
      end: span.end === null ? null : at(span.end, today),
      plan: span.plan,
    })),
  };
}

export function demoPlans(): PlanInfo[] {
  return Object.entries(data.plans).map(([code, plan]) => ({
    code,
    name: plan.name,
    managedCare: plan.managedCare,
    behavioralHealthVia: plan.behavioralHealthVia ?? null,
  }));
}

export type DemoRepresentative = { repId: string; given: string; family: string; birthDate: CalendarDate; zip: string };
export type DemoAuthority = { representative: DemoRepresentative; authority: RepresentativeAuthority; member: DemoMember };

/** The authority the named representative holds for the named member. */
export function demoAuthority(representativeGiven: string, memberGiven: string, today: CalendarDate): DemoAuthority {
  const representative = data.representatives.find((candidate) => candidate.given === representativeGiven);
  if (!representative) throw new Error(`No demo representative named ${representativeGiven}`);
  const member = demoMember(memberGiven, today);
  const authority = representative.authorities.find((candidate) => candidate.memberId === member.memberId);
  if (!authority) throw new Error(`${representativeGiven} holds no authority for ${memberGiven}`);
  return {
    representative: {
      repId: representative.repId,
      given: representative.given,
      family: representative.family,
      birthDate: parseCalendarDate(representative.birthDate),
      zip: representative.zip,
    },
    authority: {
      type: authorityTypeOf(authority.type),
      start: at(authority.start, today),
      end: authority.end === null ? null : at(authority.end, today),
    },
    member,
  };
}
