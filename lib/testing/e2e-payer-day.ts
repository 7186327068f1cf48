import { addDays, calendarDateIn, startOfDayInstant, type CalendarDate } from '@/lib/calendar';

/** A run that starts closer than this to the payer's midnight lives on the next day. */
export const E2E_DAY_MARGIN_MS = 3 * 3_600_000;

export interface E2eDay {
  /** The payer day (YYYY-MM-DD) the whole run lives on. */
  day: CalendarDate;
  /** The server's CLOCK_NOW, or null when its clock is the real one. */
  clockNow: string | null;
}

/**
 * The payer day an end-to-end run lives on. The server resolves the demo data's relative dates
 * ("today-P3D") once, when it starts, and the specs compute the dates they expect from the same
 * day; a run that crossed the payer's midnight would see the two disagree. So a run that starts
 * within three hours of midnight moves the server's clock forward to just after it (never back, so
 * no cookie, code or token looks expired to the real clock), and its day cannot change for three
 * hours; any other run keeps the real clock.
 */
export function planE2eDay(now: Date, pinned?: string): E2eDay {
  if (pinned) return { day: calendarDateIn(new Date(pinned)), clockNow: pinned };
  const today = calendarDateIn(now);
  const midnight = startOfDayInstant(addDays(today, 1));
  if (midnight.getTime() - now.getTime() > E2E_DAY_MARGIN_MS) return { day: today, clockNow: null };
  const clockNow = new Date(midnight.getTime() + 60_000).toISOString();
  return { day: calendarDateIn(new Date(clockNow)), clockNow };
}
