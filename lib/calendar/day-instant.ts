import { addDays } from './add-to-date';
import type { CalendarDate } from './calendar-date';
import { PAYER_TIME_ZONE } from './clock';
import { dateTimeFormat } from './date-time-format';

function offsetMinutesAt(instant: Date, timeZone: string): number {
  const parts = dateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** The instant a calendar day begins in a time zone (DST-aware). */
export function startOfDayInstant(date: CalendarDate, timeZone: string = PAYER_TIME_ZONE): Date {
  const utcMidnight = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  let guess = utcMidnight - offsetMinutesAt(new Date(utcMidnight), timeZone) * 60_000;
  guess = utcMidnight - offsetMinutesAt(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The first instant after a calendar day ends in a time zone: "until the end of that day". */
export function endOfDayInstant(date: CalendarDate, timeZone: string = PAYER_TIME_ZONE): Date {
  return startOfDayInstant(addDays(date, 1), timeZone);
}
