import { calendarDateOf, type CalendarDate } from './calendar-date';
import { dateTimeFormat } from './date-time-format';

/** The one seam for "now": domain code takes a Clock (or a CalendarDate) and never calls `new Date()` itself. */
export type Clock = { now(): Date };

/** Eligibility days are counted in the payer's time zone, whatever the server's or the browser's. */
export const PAYER_TIME_ZONE = 'America/New_York';

export const systemClock: Clock = { now: () => new Date() };

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const MS_PER_DAY = 86_400_000;

/** Parses an ISO instant; the zone designator is required so that the instant means one thing everywhere. */
export function parseInstant(text: string): Date {
  const trimmed = text.trim();
  const instant = new Date(trimmed);
  if (!INSTANT_PATTERN.test(trimmed) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Not an ISO instant with a zone (e.g. 2026-11-23T15:00:00Z): ${JSON.stringify(text)}`);
  }
  return instant;
}

export function fixedClock(instant: string | Date): Clock {
  const ms = typeof instant === 'string' ? parseInstant(instant).getTime() : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('fixedClock needs a valid instant');
  // A fresh Date each call: a caller mutating the result must not move the clock.
  return { now: () => new Date(ms) };
}

export function shiftedClock(base: Clock, offsetMs: number): Clock {
  return { now: () => new Date(base.now().getTime() + offsetMs) };
}

const dayFormatter = (timeZone: string) =>
  dateTimeFormat('en-US', { timeZone, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: 'numeric', day: 'numeric' });

const MS_PER_MINUTE = 60_000;
let lastDay: { minute: number; timeZone: string; date: CalendarDate } | undefined;

/** The calendar day an instant falls on in a time zone (23:30 in Boston is still Boston's day when UTC has moved on). */
export function calendarDateIn(instant: Date, timeZone: string = PAYER_TIME_ZONE): CalendarDate {
  // Since 1970 every zone's offset is a whole number of minutes, so one UTC minute lies in one
  // day: the API asks this on every request, and formatting is the slow part.
  const minute = Math.floor(instant.getTime() / MS_PER_MINUTE);
  if (lastDay && lastDay.minute === minute && lastDay.timeZone === timeZone) return lastDay.date;
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const date = calendarDateOf({ year: part('year'), month: part('month'), day: part('day') });
  if (minute >= 0) lastDay = { minute, timeZone, date };
  return date;
}

export function todayIn(clock: Clock, timeZone: string = PAYER_TIME_ZONE): CalendarDate {
  return calendarDateIn(clock.now(), timeZone);
}

type ClockEnvironment = Readonly<Record<string, string | undefined>>;

// Where CLOCK_NOW was first seen: app time then runs on from CLOCK_NOW at real speed,
// so code expiries and "last read" times still move during an end-to-end run.
let clockNowAnchor: { value: string; realMs: number } | undefined;

/**
 * The application's clock: the system clock, unless an end-to-end run moves time with
 * CLOCK_NOW (an ISO instant app time starts from) and/or CLOCK_OFFSET_DAYS (added on top).
 * The environment is read on every call so a test can change it between steps.
 */
export function appClock(env: ClockEnvironment = processEnvironment()): Clock {
  const clockNow = env.CLOCK_NOW?.trim() || undefined;
  const offsetDaysText = env.CLOCK_OFFSET_DAYS?.trim() || undefined;
  if (clockNow === undefined && offsetDaysText === undefined) return systemClock;

  let offsetMs = 0;
  if (offsetDaysText !== undefined) {
    const offsetDays = Number(offsetDaysText);
    if (!Number.isFinite(offsetDays)) {
      throw new RangeError(`CLOCK_OFFSET_DAYS must be a number, got ${JSON.stringify(offsetDaysText)}`);
    }
    offsetMs += offsetDays * MS_PER_DAY;
  }
  if (clockNow !== undefined) {
    const target = parseInstant(clockNow).getTime();
    if (clockNowAnchor?.value !== clockNow) clockNowAnchor = { value: clockNow, realMs: systemClock.now().getTime() };
    offsetMs += target - clockNowAnchor.realMs;
  }
  return shiftedClock(systemClock, offsetMs);
}

function processEnvironment(): ClockEnvironment {
  // Client bundles may have no `process`; there the system clock is the only clock.
  return typeof process === 'undefined' ? {} : process.env;
}
