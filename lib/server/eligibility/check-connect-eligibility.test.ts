import { describe, expect, it } from 'vitest';
import { addDays, addYears, type CalendarDate } from '@/lib/calendar';
import { checkConnectEligibility } from './check-connect-eligibility';
import type { EnrollmentSpan, MemberFacts } from './member-facts';
import { DEMO_MEMBER_NAMES, FIXTURE_TODAYS, demoMember } from './testing/demo-fixtures';

function memberWith(spans: EnrollmentSpan[], deceasedDate: CalendarDate | null = null): MemberFacts {
  return { memberId: '900000000001', birthDate: '1980-01-01', deceasedDate, spans };
}

describe('checkConnectEligibility: demo members on 2026-11-23 (dates worked out by hand)', () => {
  const today = '2026-11-23';

  it('Kevin Tran (enrolled 2026-11-20) is refused until 2026-11-27', () => {
    const kevin = demoMember('Kevin', today);
    expect(checkConnectEligibility(kevin, today)).toEqual({
      eligible: false,
      reason: 'enrolled-under-7-days',
      eligibleFrom: '2026-11-27',
      nextStep: 'wait',
    });
    expect(checkConnectEligibility(kevin, '2026-11-26').eligible).toBe(false);
    expect(checkConnectEligibility(kevin, '2026-11-27')).toEqual({ eligible: true, basis: 'current-member' });
  });

  it('Aisha Johnson (enrolled 2026-11-17) is eligible from 2026-11-24', () => {
    const aisha = demoMember('Aisha', today);
    expect(checkConnectEligibility(aisha, today)).toMatchObject({ eligible: false, eligibleFrom: '2026-11-24' });
    expect(checkConnectEligibility(aisha, '2026-11-24')).toEqual({ eligible: true, basis: 'current-member' });
  });

  it('Linh Nguyen (last enrolled 2026-05-07) may connect until 2027-05-07', () => {
    expect(checkConnectEligibility(demoMember('Linh', today), today)).toEqual({
      eligible: true,
      basis: 'previous-member',
      accessEndsOn: '2027-05-07',
    });
  });

  it('Robert Kowalski (last enrolled 2025-11-23) has his last day of access today', () => {
    const robert = demoMember('Robert', today);
    expect(checkConnectEligibility(robert, today)).toEqual({ eligible: true, basis: 'previous-member', accessEndsOn: today });
    expect(checkConnectEligibility(robert, '2026-11-24')).toEqual({
      eligible: false,
      reason: 'ended-over-a-year',
      endedOn: '2025-11-23',
      nextStep: 'customer-service',
    });
  });

  it('Patricia Oduya (last enrolled 2025-11-22) is refused', () => {
    expect(checkConnectEligibility(demoMember('Patricia', today), today)).toEqual({
      eligible: false,
      reason: 'ended-over-a-year',
      endedOn: '2025-11-22',
      nextStep: 'customer-service',
    });
  });
});

describe.each(FIXTURE_TODAYS)('checkConnectEligibility: demo members on %s', (today) => {
  const tomorrow = addDays(today, 1);
  const yesterday = addDays(today, -1);

  it('Kevin Tran is refused until his start + 7 days, and eligible from then', () => {
    const kevin = demoMember('Kevin', today);
    const eligibleFrom = addDays(kevin.spans[0].start, 7);
    expect(eligibleFrom).toBe(addDays(today, 4));
    expect(checkConnectEligibility(kevin, today)).toEqual({
      eligible: false,
      reason: 'enrolled-under-7-days',
      eligibleFrom,
      nextStep: 'wait',
    });
    expect(checkConnectEligibility(kevin, addDays(eligibleFrom, -1)).eligible).toBe(false);
    expect(checkConnectEligibility(kevin, eligibleFrom)).toEqual({ eligible: true, basis: 'current-member' });
  });

  it('Aisha Johnson is refused today and eligible tomorrow', () => {
    const aisha = demoMember('Aisha', today);
    expect(checkConnectEligibility(aisha, today)).toEqual({
      eligible: false,
      reason: 'enrolled-under-7-days',
      eligibleFrom: tomorrow,
      nextStep: 'wait',
    });
    expect(checkConnectEligibility(aisha, tomorrow)).toEqual({ eligible: true, basis: 'current-member' });
  });

  it('Daniel Murphy is eligible today, exactly seven days in, and was not yesterday', () => {
    const daniel = demoMember('Daniel', today);
    expect(checkConnectEligibility(daniel, today)).toEqual({ eligible: true, basis: 'current-member' });
    expect(checkConnectEligibility(daniel, yesterday)).toMatchObject({ eligible: false, eligibleFrom: today });
  });

  it('Linh Nguyen, who left 200 days ago, is eligible as a previous member', () => {
    const linh = demoMember('Linh', today);
    const result = checkConnectEligibility(linh, today);
    expect(result).toEqual({ eligible: true, basis: 'previous-member', accessEndsOn: addYears(linh.spans[0].end!, 1) });
  });

  it("Robert Kowalski's last day of access is today: eligible today, refused tomorrow", () => {
    const robert = demoMember('Robert', today);
    expect(checkConnectEligibility(robert, today)).toEqual({ eligible: true, basis: 'previous-member', accessEndsOn: today });
    expect(checkConnectEligibility(robert, tomorrow)).toEqual({
      eligible: false,
      reason: 'ended-over-a-year',
      endedOn: robert.spans[0].end,
      nextStep: 'customer-service',
    });
  });

  it('Patricia Oduya, a year and a day gone, is refused', () => {
    const patricia = demoMember('Patricia', today);
    expect(checkConnectEligibility(patricia, today)).toEqual({
      eligible: false,
      reason: 'ended-over-a-year',
      endedOn: patricia.spans[0].end,
      nextStep: 'customer-service',
    });
    // Her year ran out before today (not always yesterday: a year before a leap day clamps).
    const yearAfterLastDay = addYears(patricia.spans[0].end!, 1);
    expect(yearAfterLastDay < today).toBe(true);
    expect(checkConnectEligibility(patricia, yearAfterLastDay)).toMatchObject({ eligible: true, basis: 'previous-member' });
  });

  it('Harold Whitfield, deceased, is refused and pointed to the records request', () => {
    const harold = demoMember('Harold', today);
    expect(checkConnectEligibility(harold, today)).toEqual({ eligible: false, reason: 'deceased', nextStep: 'records-request' });
    // Still within the previous-member year, but death overrides it.
    expect(checkConnectEligibility(harold, addDays(today, -41)).eligible).toBe(false);
  });

  it('every other demo member is a current member who may connect', () => {
    const others = DEMO_MEMBER_NAMES.filter(
      (name) => !['Kevin', 'Aisha', 'Daniel', 'Linh', 'Robert', 'Patricia', 'Harold'].includes(name),
    );
    expect(others).toHaveLength(10);
    for (const name of others) {
      expect(checkConnectEligibility(demoMember(name, today), today), name).toEqual({
        eligible: true,
        basis: 'current-member',
      });
    }
  });
});

describe('checkConnectEligibility: the previous-member year', () => {
  const leftOn = (end: CalendarDate) => memberWith([{ start: '2019-01-01', end, plan: 'FFS' }]);

  it("follows the seed's example: last day 2025-03-31 means access up to and including 2026-03-31", () => {
    expect(checkConnectEligibility(leftOn('2025-03-31'), '2025-04-01')).toEqual({
      eligible: true,
      basis: 'previous-member',
      accessEndsOn: '2026-03-31',
    });
    expect(checkConnectEligibility(leftOn('2025-03-31'), '2026-03-31').eligible).toBe(true);
    expect(checkConnectEligibility(leftOn('2025-03-31'), '2026-04-01')).toMatchObject({
      eligible: false,
      reason: 'ended-over-a-year',
      endedOn: '2025-03-31',
    });
  });

  it('counts the last enrolled day itself as enrollment', () => {
    expect(checkConnectEligibility(leftOn('2026-11-23'), '2026-11-23')).toEqual({
      eligible: true,
      basis: 'current-member',
      accessEndsOn: '2027-11-23',
    });
    expect(checkConnectEligibility(leftOn('2026-11-23'), '2026-11-24')).toMatchObject({ basis: 'previous-member' });
  });

  it('a last day of 2024-02-29 gives access up to 2025-02-28', () => {
    expect(checkConnectEligibility(leftOn('2024-02-29'), '2025-02-28')).toEqual({
      eligible: true,
      basis: 'previous-member',
      accessEndsOn: '2025-02-28',
    });
    expect(checkConnectEligibility(leftOn('2024-02-29'), '2025-03-01').eligible).toBe(false);
  });

  it('a last day of Feb 28 before a leap year keeps the leap day (a year before 2024-02-29 is 2023-02-28)', () => {
    expect(checkConnectEligibility(leftOn('2023-02-28'), '2024-02-29')).toEqual({
      eligible: true,
      basis: 'previous-member',
      accessEndsOn: '2024-02-29',
    });
    expect(checkConnectEligibility(leftOn('2023-02-28'), '2024-03-01').eligible).toBe(false);
  });

  it('so Robert, resolved on a leap-year Feb 28, keeps access through Feb 29 as well', () => {
    const robert = demoMember('Robert', '2028-02-28');
    expect(robert.spans[0].end).toBe('2027-02-28');
    expect(checkConnectEligibility(robert, '2028-02-28')).toMatchObject({ eligible: true, accessEndsOn: '2028-02-29' });
    expect(checkConnectEligibility(robert, '2028-03-01').eligible).toBe(false);
  });

  it('crosses a year end', () => {
    expect(checkConnectEligibility(leftOn('2025-12-31'), '2026-12-31').eligible).toBe(true);
    expect(checkConnectEligibility(leftOn('2025-12-31'), '2027-01-01').eligible).toBe(false);
  });
});

describe('checkConnectEligibility: spans', () => {
  it('a returning member within the year stays eligible while the new span is under seven days old', () => {
    const returning = memberWith([
      { start: '2020-01-01', end: '2026-06-30', plan: 'FFS' },
      { start: '2026-11-20', end: null, plan: 'PCC' },
    ]);
    // The previous-member year (to 2027-06-30) outlasts the wait, so no end is in sight.
    expect(checkConnectEligibility(returning, '2026-11-23')).toEqual({ eligible: true, basis: 'previous-member' });
    expect(checkConnectEligibility(returning, '2026-11-27')).toEqual({ eligible: true, basis: 'current-member' });
  });

  it("a returning member whose year runs out during the wait is told the end, then waits the rest", () => {
    const returning = memberWith([
      { start: '2020-01-01', end: '2025-11-20', plan: 'FFS' },
      { start: '2026-11-18', end: null, plan: 'PCC' },
    ]);
    expect(checkConnectEligibility(returning, '2026-11-19')).toEqual({
      eligible: true,
      basis: 'previous-member',
      accessEndsOn: '2026-11-20',
    });
    expect(checkConnectEligibility(returning, '2026-11-21')).toEqual({
      eligible: false,
      reason: 'enrolled-under-7-days',
      eligibleFrom: '2026-11-25',
      nextStep: 'wait',
    });
    expect(checkConnectEligibility(returning, '2026-11-25')).toEqual({ eligible: true, basis: 'current-member' });
  });

  it('a member returning after more than a year waits the seven days like a new member', () => {
    const returning = memberWith([
      { start: '2020-01-01', end: '2024-01-31', plan: 'FFS' },
      { start: '2026-11-20', end: null, plan: 'FFS' },
    ]);
    expect(checkConnectEligibility(returning, '2026-11-23')).toMatchObject({
      eligible: false,
      reason: 'enrolled-under-7-days',
      eligibleFrom: '2026-11-27',
    });
  });

  it('a plan change on consecutive days does not restart the seven days', () => {
    const switched = memberWith([
      { start: '2026-11-16', end: null, plan: 'MCO' },
      { start: '2026-01-01', end: '2026-11-15', plan: 'FFS' },
    ]);
    expect(checkConnectEligibility(switched, '2026-11-18')).toEqual({ eligible: true, basis: 'current-member' });
  });

  it('overlapping spans are one enrollment', () => {
    const overlapping = memberWith([
      { start: '2026-10-01', end: '2026-11-30', plan: 'FFS' },
      { start: '2026-11-20', end: null, plan: 'PCC' },
    ]);
    expect(checkConnectEligibility(overlapping, '2026-11-23')).toEqual({ eligible: true, basis: 'current-member' });
  });

  it('a gap of one day is a new enrollment', () => {
    const gap = memberWith([
      { start: '2026-01-01', end: '2026-11-14', plan: 'FFS' },
      { start: '2026-11-16', end: null, plan: 'FFS' },
    ]);
    expect(checkConnectEligibility(gap, '2026-11-18')).toMatchObject({ eligible: true, basis: 'previous-member' });
  });

  it('a current member with an end on file is told when access ends', () => {
    const ending = memberWith([{ start: '2026-01-01', end: '2026-12-31', plan: 'FFS' }]);
    expect(checkConnectEligibility(ending, '2026-11-23')).toEqual({
      eligible: true,
      basis: 'current-member',
      accessEndsOn: '2027-12-31',
    });
  });

  it('a span dated to start in the future is not enrollment', () => {
    const future = memberWith([{ start: '2026-12-01', end: null, plan: 'FFS' }]);
    expect(checkConnectEligibility(future, '2026-11-23')).toEqual({
      eligible: false,
      reason: 'never-enrolled',
      eligibleFrom: '2026-12-08',
      nextStep: 'wait',
    });
  });

  it('a member a year gone with a span starting later is told when they can connect again', () => {
    const comingBack = memberWith([
      { start: '2019-01-01', end: '2024-06-30', plan: 'FFS' },
      { start: '2026-12-01', end: null, plan: 'FFS' },
    ]);
    expect(checkConnectEligibility(comingBack, '2026-11-23')).toEqual({
      eligible: false,
      reason: 'ended-over-a-year',
      endedOn: '2024-06-30',
      eligibleFrom: '2026-12-08',
      nextStep: 'wait',
    });
  });

  it('someone with no enrollment is sent to customer service', () => {
    expect(checkConnectEligibility(memberWith([]), '2026-11-23')).toEqual({
      eligible: false,
      reason: 'never-enrolled',
      nextStep: 'customer-service',
    });
  });

  it('any date of death on file refuses, even one dated after today', () => {
    const member = memberWith([{ start: '2019-01-01', end: null, plan: 'FFS' }], '2026-12-01');
    expect(checkConnectEligibility(member, '2026-11-23')).toMatchObject({ eligible: false, reason: 'deceased' });
  });

  it('refuses to guess on a span that ends before it starts', () => {
    const broken = memberWith([{ start: '2026-11-01', end: '2026-10-01', plan: 'FFS' }]);
    expect(() => checkConnectEligibility(broken, '2026-11-23')).toThrow(RangeError);
  });
});
