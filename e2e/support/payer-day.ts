/**
 * Today in the payer's time zone as the server sees it for this whole run (YYYY-MM-DD): the day
 * playwright.config.ts decided once (lib/testing/e2e-payer-day.ts). The demo data's relative dates
 * were resolved on it, so the specs' expected dates hold even if the run crosses midnight.
 */
export function e2ePayerDay(): IsoDate {
  const day = process.env.E2E_PAYER_DAY;
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('E2E_PAYER_DAY is not set: run the specs through playwright.config.ts');
  return day;
}

// Calendar arithmetic for the specs' expected dates, written here rather than taken from the app's
// own lib/calendar, so a mistake there cannot hide in a test.

export type IsoDate = string;

/** { y, m, d } of a YYYY-MM-DD date. */
export function parts(date: IsoDate) {
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { y, m, d } = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Calendar months, clamped to the month's last day (today-P1Y on Feb 29 is Feb 28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { y, m, d } = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12; // 0-based
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** "November 27, 2026", as people write it. */
export function longDate(date: IsoDate, locale = 'en-US'): string {
  const { y, m, d } = parts(date);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}
