import 'server-only';

import members from '@/lib/demo/fixtures/members.json';

import { DEMO_CLAIM_PROFILES } from './claim-profile';
import { addDays, dateFromDayNumber, dayNumber } from './calendar-date';
import type { PlanDescription, Sex, SyntheticMemberInput } from './synthetic-record';

/**
 * Test support: the demo fixture members as generator inputs, with the fixture's relative dates
 * ('today-P3D') resolved against a fixed test date the way the fixture's "about" describes
 * (calendar arithmetic, clamped to the month's last day).
 */

interface FixtureMember {
  memberId: string;
  given: string;
  family: string;
  birthDate: string;
  sex: string;
  address: { line: string; city: string; state: string; zip: string };
  phone: string;
  email: string;
  deceasedDate?: string | null;
  enrollment: { start: string; end: string | null; plan: string }[];
}

const RELATIVE_DATE = /^today(?:([+-])P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?)?$/;

export function resolveFixtureDate(value: string, today: string): string {
  const match = RELATIVE_DATE.exec(value);
  if (!match) return value;
  if (!match[1]) return today;
  const sign = match[1] === '-' ? -1 : 1;
  const years = Number(match[2] ?? 0) * sign;
  const months = Number(match[3] ?? 0) * sign;
  const days = Number(match[4] ?? 0) * sign;
  const totalMonths = Number(today.slice(0, 4)) * 12 + (Number(today.slice(5, 7)) - 1) + years * 12 + months;
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  const firstOfNextMonth = dayNumber(`${String(month === 12 ? year + 1 : year).padStart(4, '0')}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`);
  const lastDayOfMonth = Number(dateFromDayNumber(firstOfNextMonth - 1).slice(8));
  const day = Math.min(Number(today.slice(8)), lastDayOfMonth);
  const shifted = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return addDays(shifted, days);
}

export function demoMemberInputs(today: string): SyntheticMemberInput[] {
  const plans = members.plans as Record<string, PlanDescription>;
  return (members.members as FixtureMember[]).map((member) => ({
    memberId: member.memberId,
    patientId: `pat-${member.memberId}`,
    given: member.given,
    family: member.family,
    birthDate: resolveFixtureDate(member.birthDate, today),
    sex: member.sex as Sex,
    address: member.address,
    phone: member.phone,
    email: member.email,
    deceasedDate: member.deceasedDate ? resolveFixtureDate(member.deceasedDate, today) : null,
    spans: member.enrollment.map((span) => ({
      start: resolveFixtureDate(span.start, today),
      end: span.end === null ? null : resolveFixtureDate(span.end, today),
      plan: span.plan,
    })),
    plans,
    today,
    profile: DEMO_CLAIM_PROFILES[member.memberId],
  }));
}

export function demoMemberInput(memberId: string, today: string): SyntheticMemberInput {
  const input = demoMemberInputs(today).find((m) => m.memberId === memberId);
  if (!input) throw new Error(`No demo member ${memberId}`);
  return input;
}
