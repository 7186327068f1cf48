import { addDays, addMonths } from './add-to-date';
import type { CalendarDate } from './calendar-date';

/** An ISO 8601 date-only duration such as P1Y2M3D or P2W. Time parts (PT…) have no place on a calendar date. */
export type IsoDatePeriod = { years: number; months: number; weeks: number; days: number };

const PERIOD_PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export function parseIsoPeriod(text: string): IsoDatePeriod {
  const match = PERIOD_PATTERN.exec(text);
  if (!match || text === 'P') throw new RangeError(`Not an ISO 8601 date period (PnYnMnWnD): ${JSON.stringify(text)}`);
  const [, years, months, weeks, days] = match;
  return { years: Number(years ?? 0), months: Number(months ?? 0), weeks: Number(weeks ?? 0), days: Number(days ?? 0) };
}

/**
 * Years and months first (clamped to month end), then weeks and days, in both directions,
 * as Temporal does: today-P1Y1D on 2025-03-01 is 2024-03-01 less a day, 2024-02-29.
 */
export function addIsoPeriod(date: CalendarDate, period: string | IsoDatePeriod, sign: 1 | -1 = 1): CalendarDate {
  const { years, months, weeks, days } = typeof period === 'string' ? parseIsoPeriod(period) : period;
  const afterMonths = addMonths(date, sign * (years * 12 + months));
  return addDays(afterMonths, sign * (weeks * 7 + days));
}
