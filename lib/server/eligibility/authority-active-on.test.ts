import { describe, expect, it } from 'vitest';
import { addDays, eighteenthBirthday, type CalendarDate } from '@/lib/calendar';
import { authorityActiveOn, type RepresentativeAuthority } from './authority-active-on';
import { FIXTURE_TODAYS, demoAuthority } from './testing/demo-fixtures';

describe('authorityActiveOn: demo representatives on 2026-11-23 (dates worked out by hand)', () => {
  const today = '2026-11-23';
  const statusOf = (representative: string, member: string) => {
    const found = demoAuthority(representative, member, today);
    return authorityActiveOn(found.authority, found.member, today);
  };

  it('Michelle Carter stopped acting for Noah on his 18th birthday, 2025-09-23', () => {
    expect(statusOf('Michelle', 'Noah')).toEqual({ active: false, reason: 'child-turned-18', since: '2025-09-23', lastDay: '2025-09-22' });
  });

  it('Giulia Rossi acts for Emma until the day before she turns 18', () => {
    expect(statusOf('Giulia', 'Emma')).toEqual({ active: true, endsOn: '2032-11-22' });
  });

  it('Karen Liu stopped acting for Grace the day after her end date 2026-10-24', () => {
    expect(statusOf('Karen', 'Grace')).toEqual({ active: false, reason: 'ended', since: '2026-10-25', lastDay: '2026-10-24' });
  });

  it('Susan Whitfield cannot act for Harold, who died on 2026-10-14', () => {
    expect(statusOf('Susan', 'Harold')).toEqual({ active: false, reason: 'member-deceased', since: '2026-10-14', lastDay: '2026-10-13' });
  });
});

describe.each(FIXTURE_TODAYS)('authorityActiveOn: demo representatives on %s', (today) => {
  const statusOf = (representative: string, member: string, on: CalendarDate = today) => {
    const found = demoAuthority(representative, member, today);
    return authorityActiveOn(found.authority, found.member, on);
  };

  it("Noah's parent, Michelle Carter, no longer acts for him", () => {
    const { member } = demoAuthority('Michelle', 'Noah', today);
    expect(statusOf('Michelle', 'Noah')).toEqual({
      active: false,
      reason: 'child-turned-18',
      since: eighteenthBirthday(member.birthDate),
      lastDay: addDays(eighteenthBirthday(member.birthDate), -1),
    });
  });

  it('Giulia Rossi acts for Emma and for Luca', () => {
    expect(statusOf('Giulia', 'Emma')).toMatchObject({ active: true });
    expect(statusOf('Giulia', 'Luca')).toMatchObject({ active: true });
    const { member: luca } = demoAuthority('Giulia', 'Luca', today);
    expect(statusOf('Giulia', 'Luca')).toEqual({ active: true, endsOn: addDays(eighteenthBirthday(luca.birthDate), -1) });
  });

  it("Grace's guardian Thomas acts for her; her designee Karen, whose authority expired, does not", () => {
    expect(statusOf('Thomas', 'Grace')).toEqual({ active: true });
    expect(statusOf('Karen', 'Grace')).toEqual({ active: false, reason: 'ended', since: addDays(today, -29), lastDay: addDays(today, -30) });
    // The end date itself is still inside the authority.
    expect(statusOf('Karen', 'Grace', addDays(today, -30))).toEqual({ active: true, endsOn: addDays(today, -30) });
  });

  it('Omar Haddad acts for Fatima', () => {
    expect(statusOf('Omar', 'Fatima')).toEqual({ active: true });
  });

  it('Susan Whitfield cannot act for Harold, who is deceased', () => {
    expect(statusOf('Susan', 'Harold')).toEqual({ active: false, reason: 'member-deceased', since: addDays(today, -40), lastDay: addDays(today, -41) });
  });
});

describe('authorityActiveOn', () => {
  const child = { birthDate: '2008-06-15', deceasedDate: null } as const;
  const parent = (end: CalendarDate | null = null): RepresentativeAuthority => ({ type: 'parent', start: '2008-06-15', end });

  it("holds a parent's authority through the day before the 18th birthday, not on it", () => {
    expect(authorityActiveOn(parent(), child, '2026-06-14')).toEqual({ active: true, endsOn: '2026-06-14' });
    expect(authorityActiveOn(parent(), child, '2026-06-15')).toEqual({
      active: false,
      reason: 'child-turned-18',
      since: '2026-06-15',
      lastDay: '2026-06-14',
    });
  });

  it('a child born on a leap day is an adult on Feb 28 of a common year', () => {
    const leapling = { birthDate: '2008-02-29', deceasedDate: null } as const;
    expect(authorityActiveOn(parent(), leapling, '2026-02-27')).toMatchObject({ active: true, endsOn: '2026-02-27' });
    expect(authorityActiveOn(parent(), leapling, '2026-02-28')).toMatchObject({ active: false, reason: 'child-turned-18' });
  });

  it('reports whichever came first, an end on file or the 18th birthday', () => {
    expect(authorityActiveOn(parent('2020-12-31'), child, '2021-01-01')).toEqual({
      active: false,
      reason: 'ended',
      since: '2021-01-01',
      lastDay: '2020-12-31',
    });
    expect(authorityActiveOn(parent('2020-12-31'), child, '2020-12-31')).toEqual({ active: true, endsOn: '2020-12-31' });
    expect(authorityActiveOn(parent('2030-12-31'), child, '2026-07-01')).toMatchObject({ reason: 'child-turned-18' });
    expect(authorityActiveOn(parent('2026-06-14'), child, '2026-06-15')).toMatchObject({ reason: 'child-turned-18' });
  });

  it('does not end other kinds of authority at 18', () => {
    const guardian: RepresentativeAuthority = { type: 'legal_guardian', start: '2020-01-01', end: null };
    expect(authorityActiveOn(guardian, child, '2030-01-01')).toEqual({ active: true });
  });

  it('has not started before its start date', () => {
    const designee: RepresentativeAuthority = { type: 'authorized_representative_designee', start: '2026-12-01', end: null };
    expect(authorityActiveOn(designee, child, '2026-11-30')).toEqual({
      active: false,
      reason: 'not-started',
      startsOn: '2026-12-01',
    });
    expect(authorityActiveOn(designee, child, '2026-12-01')).toEqual({ active: true });
  });

  it("ends with the member's death; a day before it is judged as usual", () => {
    const adult = { birthDate: '1941-02-14', deceasedDate: '2026-10-14' } as const;
    const personal: RepresentativeAuthority = { type: 'personal_representative', start: '2020-01-01', end: null };
    expect(authorityActiveOn(personal, adult, '2026-10-13')).toEqual({ active: true });
    expect(authorityActiveOn(personal, adult, '2026-10-14')).toEqual({
      active: false,
      reason: 'member-deceased',
      since: '2026-10-14',
      lastDay: '2026-10-13',
    });
    // Death outranks an authority that had also ended.
    const endedToo = { ...personal, end: '2021-01-01' } as const;
    expect(authorityActiveOn(endedToo, adult, '2026-11-23')).toMatchObject({ reason: 'member-deceased' });
  });
});
