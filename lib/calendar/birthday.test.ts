import { describe, expect, it } from 'vitest';
import { ageOn, birthdayAtAge, eighteenthBirthday } from './birthday';

describe('birthdays', () => {
  it('finds the 18th birthday', () => {
    expect(eighteenthBirthday('2007-09-23')).toBe('2025-09-23');
    // Born on a leap day: an adult on Feb 28 of a common year.
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-02-28');
    expect(birthdayAtAge('2008-02-29', 16)).toBe('2024-02-29');
  });

  it('counts completed years', () => {
    expect(ageOn('2007-09-23', '2025-09-22')).toBe(17);
    expect(ageOn('2007-09-23', '2025-09-23')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-27')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(18);
    expect(ageOn('1984-03-12', '2026-11-23')).toBe(42);
  });
});
