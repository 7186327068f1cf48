import 'server-only';
import { addDays, calendarDateIn, type CalendarDate } from '@/lib/calendar';
import type { CaseKind } from '@/lib/db/schema';

/**
 * When a new case is due in the privacy officer's queue: a suspected breach in 10 days (the
 * breach rules' clock runs from discovery, so it is looked at first), a flag on a staff user's
 * lookups in 5, anything else in 30. The officer may move it.
 */
export function caseDueOn(kind: CaseKind, openedAt: Date): CalendarDate {
  const days = kind === 'breach' ? 10 : kind === 'staff-access' ? 5 : 30;
  return addDays(calendarDateIn(openedAt), days);
}
