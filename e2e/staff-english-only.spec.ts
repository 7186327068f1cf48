import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { STAFF, signInStaff } from './support/staff';

// Probe 11 F6: the console is English only; the member site's switch and navigation are not in it.

test('after a member-side switch to Spanish, the staff console is still lang="en", with its own header and no switch', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/help');
  await page.getByRole('button', { name: 'Ver esta página en español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');

  await page.goto('/staff');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await signInStaff(page, STAFF.casey);
  await page.goto('/staff/members/100000000001');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: /staff console/ })).toHaveAttribute('href', '/staff');
  await expect(header.getByRole('button')).toHaveCount(0);
  await expect(header.getByRole('navigation')).toHaveCount(0);
  for (const name of ['Inicio', 'Mis conexiones', 'Home', 'My connections']) await expect(header.getByRole('link', { name, exact: true })).toHaveCount(0);
  // The console's own navigation is still there, and the footer is English like the page.
  await expect(page.getByRole('link', { name: 'Find a caller' }).first()).toBeVisible();
  await expect(page.locator('footer')).toContainText('We do not discriminate');
  await expectNoAxeViolations(page);

  // A `?lang=es` link does not make it Spanish either.
  await page.goto('/staff?lang=es');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The member site keeps the choice, its navigation and its switch.
  await page.goto('/help');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('banner').getByRole('button', { name: 'View this page in English' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Mis conexiones' })).toBeVisible();
  await context.close();
});

test('the developer portal is bilingual and keeps the switch: its frame follows it, its reference stays marked English', async ({ page }) => {
  await page.goto('/developers');
  await page.getByRole('button', { name: 'Ver esta página en español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('navigation', { name: 'Portal para desarrolladores' })).toBeVisible();
  await expect(page.locator('article[lang="en"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'View this page in English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
