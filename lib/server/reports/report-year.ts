import 'server-only';
import { appClock, todayIn } from '@/lib/calendar';

/**
 * The year asked for, or by default last year: CMS wants each year's numbers by March 31 of the
 * next. Only years from 2016 (the data window's floor) to this one.
 */
export function reportYearOf(value: unknown): number {
  const thisYear = Number(todayIn(appClock()).slice(0, 4));
  const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : thisYear - 1;
  return Math.min(thisYear, Math.max(2016, year));
}
