import { expect, type Browser, type Page } from '@playwright/test';
import { addDays, e2ePayerDay, longDate } from './payer-day';

export const STAFF = {
  casey: { username: 'casey.csr', password: 'demo-csr-2026!', name: 'Casey Morgan' },
  pat: { username: 'pat.privacy', password: 'demo-privacy-2026!', name: 'Pat Alvarez' },
  alex: { username: 'alex.admin', password: 'demo-admin-2026!', name: 'Alex Kim' },
} as const;

export type StaffUser = (typeof STAFF)[keyof typeof STAFF];

/** Signs in through the staff sign-in page (next-auth's credentials form) and lands on `path`. */
export async function signInStaff(page: Page, user: StaffUser, path = '/staff') {
  await page.goto(path);
  await expect(page).toHaveURL(/\/staff\/sign-in/);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText(`Signed in as ${user.name}`)).toBeVisible();
}

/** A fresh browser with the staff user signed in, on `path`. */
export async function staffPage(browser: Browser, user: StaffUser, path = '/staff') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInStaff(page, user, path);
  return { context, page };
}

/** "December 7, 2026": a day `days` from the run's payer day (the server's today), as the console writes it. */
export function payerDayFromToday(days: number): string {
  return longDate(addDays(e2ePayerDay(), days));
}
