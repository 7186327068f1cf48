import { isCalendarDate, type CalendarDate } from './calendar-date';
import { addIsoPeriod } from './iso-period';

const RELATIVE_PATTERN = /^today(?:([+-])(P\w+))?$/;

/**
 * Resolves the fixture notation: 'today', 'today-P3D', 'today+P1M', or a plain 'YYYY-MM-DD'.
 * Demo members are described relative to today so that their boundary cases stay boundary cases.
 */
export function resolveRelativeDate(expression: string, today: CalendarDate): CalendarDate {
  if (isCalendarDate(expression)) return expression;
  const match = RELATIVE_PATTERN.exec(expression);
  if (!match) throw new RangeError(`Not a date or 'today±<ISO period>': ${JSON.stringify(expression)}`);
  const [, sign, period] = match;
  if (period === undefined) return today;
  return addIsoPeriod(today, period, sign === '-' ? -1 : 1);
}
