import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { STAFF, signInStaff } from './support/staff';

// Probe 11 F7: a staff form sent after the session ended keeps what was typed, and sign-in goes
// back to it.

const MARIA_SCREEN = '/staff/members/100000000001';
const TEXT = 'The caller says CareCompass kept reading after she stopped it. KEPT-TEXT';

for (const javaScriptEnabled of [true, false]) {
  test(`a case typed while the session ended in another tab is kept, and back on the caller's screen after signing in (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signInStaff(page, STAFF.casey, MARIA_SCREEN);
    await expect(page).toHaveURL(new RegExp(`${MARIA_SCREEN}$`));
    await page.getByRole('radio', { name: 'Complaint about an app' }).check();
    await page.getByLabel('What the caller told you').fill(TEXT);

    // "Sign out" in another tab of the same browser ends the session.
    const other = await context.newPage();
    await other.goto('/staff');
    await other.getByRole('button', { name: 'Sign out' }).click();
    await expect(other).toHaveURL(/\/staff\/sign-in/);

    await page.getByRole('button', { name: 'Log the case' }).click();
    await expect(page).toHaveURL(/\/staff\/sign-in\?callbackUrl=%2Fstaff%2Fmembers%2F100000000001&formKept=1/);
    await expect(page.getByRole('status').filter({ hasText: 'Your session had ended, so that form was not sent.' })).toBeVisible();
    await page.getByLabel('Username').fill(STAFF.casey.username);
    await page.getByLabel('Password').fill(STAFF.casey.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expect(page).toHaveURL(new RegExp(`${MARIA_SCREEN}$`));
    await expect(page.getByText('Your session had ended, so this form was not sent. What you typed is back')).toBeVisible();
    await expect(page.getByLabel('What the caller told you')).toHaveValue(TEXT);
    await expect(page.getByRole('radio', { name: 'Complaint about an app' })).toBeChecked();
    await expectNoAxeViolations(page);
    // Once: a reload shows an empty form.
    await page.reload();
    await expect(page.getByLabel('What the caller told you')).toHaveValue('');
    await context.close();
  });
}

test('another staff user signing in on the same workstation never sees what was kept', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInStaff(page, STAFF.pat, MARIA_SCREEN);
  await page.getByLabel('What the caller told you').fill(TEXT);
  const other = await context.newPage();
  await other.goto('/staff');
  await other.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Log the case' }).click();
  await expect(page).toHaveURL(/formKept=1/);
  await page.getByLabel('Username').fill(STAFF.casey.username);
  await page.getByLabel('Password').fill(STAFF.casey.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${MARIA_SCREEN}$`));
  await expect(page.getByLabel('What the caller told you')).toHaveValue('');
  await expect(page.getByText('What you typed is back')).toHaveCount(0);
  await context.close();
});
