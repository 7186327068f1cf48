import 'server-only';
import { addDays, addYears, compareDates, type CalendarDate } from '@/lib/calendar';

/**
 * The last day a previous member may connect an app: the seed's "enrolled within the past year",
 * i.e. every day whose date one calendar year earlier is on or before the last enrolled day
 * (last day 2025-03-31 → up to and including 2026-03-31; 2024-02-29 → 2025-02-28).
 *
 * Counting back from today, not forward from the last day, differs in one case only: a last day
 * of Feb 28 before a leap year also keeps Feb 29 (a year before 2024-02-29 clamps to 2023-02-28).
 * We keep that day: the rule is the member's right, the fixtures' "last enrolled exactly a year
 * ago" stays eligible on every today including a leap day, and the cost is one extra day.
 */
export function previousMemberAccessEndsOn(lastEnrolledDay: CalendarDate): CalendarDate {
  const oneYearOn = addYears(lastEnrolledDay, 1);
  const dayAfter = addDays(oneYearOn, 1);
  return compareDates(addYears(dayAfter, -1), lastEnrolledDay) <= 0 ? dayAfter : oneYearOn;
}
