import { addYears } from './add-to-date';
import { compareDates, datePartsOf, type CalendarDate } from './calendar-date';

/**
 * The day a person reaches `age`. Someone born on Feb 29 reaches it on Feb 28 in a common year,
 * the same clamp used everywhere else here (it never makes a minor out of an adult).
 */
export function birthdayAtAge(birthDate: CalendarDate, age: number): CalendarDate {
  return addYears(birthDate, age);
}

export const AGE_OF_MAJORITY = 18;

/** The first day the member is an adult and acts for themself. */
export function eighteenthBirthday(birthDate: CalendarDate): CalendarDate {
  return birthdayAtAge(birthDate, AGE_OF_MAJORITY);
}

/** Completed years on `date`. */
export function ageOn(birthDate: CalendarDate, date: CalendarDate): number {
  const years = datePartsOf(date).year - datePartsOf(birthDate).year;
  return compareDates(birthdayAtAge(birthDate, years), date) <= 0 ? years : years - 1;
}
