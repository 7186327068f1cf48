export {
  calendarDateOf,
  compareDates,
  daysInMonth,
  earlierDate,
  isAfter,
  isBefore,
  isCalendarDate,
  isLeapYear,
  laterDate,
  parseCalendarDate,
  type CalendarDate,
  type DateParts,
} from './calendar-date';
export { addDays, addMonths, addYears, daysBetween } from './add-to-date';
export { addIsoPeriod, parseIsoPeriod, type IsoDatePeriod } from './iso-period';
export { resolveRelativeDate } from './resolve-relative-date';
export { AGE_OF_MAJORITY, ageOn, birthdayAtAge, eighteenthBirthday } from './birthday';
export {
  PAYER_TIME_ZONE,
  appClock,
  calendarDateIn,
  fixedClock,
  parseInstant,
  shiftedClock,
  systemClock,
  todayIn,
  type Clock,
} from './clock';
export { dateTimeFormat } from './date-time-format';
export { endOfDayInstant, startOfDayInstant } from './day-instant';
export { localIsoDateTime } from './local-date-time';
