import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { STAFF, staffPage } from './support/staff';

// The e2e run has one worker: disabling pat.privacy here (and enabling again) cannot end a session another spec is using.

test('"Disable" on the Staff page asks first, on a page of its own, saying their sessions end at once; Cancel changes nothing', async ({ browser }) => {
  const { context, page } = await staffPage(browser, STAFF.alex, '/staff/team');
  const casey = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: /Casey Morgan/ }) });
  // No button in the card disables on one press; a link leads to the confirmation.
  await expect(casey.getByRole('button', { name: /Disable/ })).toHaveCount(0);
  await casey.getByRole('link', { name: /^Disable/ }).click();

  await expect(page).toHaveURL(/\/staff\/team\/casey\.csr\/disable$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Disable Casey Morgan (casey.csr)?');
  await expect(page.getByText(/Every session Casey Morgan has ends at once/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Disable casey.csr' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Cancel, keep the account' }).click();
  await expect(page).toHaveURL(/\/staff\/team$/);
  await expect(casey.getByText('Disabled', { exact: true })).toHaveCount(0);
  // One's own account has no way to disable it.
  const alex = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: /Alex Kim/ }) });
  await expect(alex.getByRole('link', { name: /^Disable/ })).toHaveCount(0);
  await context.close();
});

test('without JavaScript, confirming disables the account and ends its open session at once; Enable takes one press', async ({ browser }) => {
  const pat = await staffPage(browser, STAFF.pat, '/staff/cases');
  const admin = await staffPage(browser, STAFF.alex, '/staff/team');
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await noScript.addCookies(await admin.context.cookies());
  const page = await noScript.newPage();
  await page.goto('/staff/team');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: /Pat Alvarez/ }) });
  try {
    await card.getByRole('link', { name: /^Disable/ }).click();
    await expect(page).toHaveURL(/\/staff\/team\/pat\.privacy\/disable$/);
    await page.getByRole('button', { name: 'Disable pat.privacy' }).click();
    await expect(page).toHaveURL(/\/staff\/team\?changed=pat\.privacy/);
    await expect(card.getByText('Disabled', { exact: true })).toBeVisible();
    await pat.page.goto('/staff/cases');
    await expect(pat.page).toHaveURL(/\/staff\/sign-in/);
  } finally {
    // Later specs sign in as pat.privacy: enable the account again whatever happened above.
    await page.goto('/staff/team');
    if (await card.getByRole('button', { name: 'Enable' }).count()) await card.getByRole('button', { name: 'Enable' }).click();
    await expect(card.getByText('Disabled', { exact: true })).toHaveCount(0);
  }
  await noScript.close();
  await admin.context.close();
  await pat.context.close();
});
