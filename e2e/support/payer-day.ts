/**
 * Today in the payer's time zone as the server sees it for this whole run (YYYY-MM-DD): the day
 * playwright.config.ts decided once (lib/testing/e2e-payer-day.ts). The demo data's relative dates
 * were resolved on it, so the specs' expected dates hold even if the run crosses midnight.
 */
export function e2ePayerDay(): string {
  const day = process.env.E2E_PAYER_DAY;
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('E2E_PAYER_DAY is not set: run the specs through playwright.config.ts');
  return day;
}
