import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { fastForwardUntilVisible } from './support/clock';
import { STAFF, signInStaff } from './support/staff';

// Probe 11 F7: a staff form sent after the session ended keeps what was typed, and sign-in goes
// back to it; the console warns two minutes before its 30 idle minutes end.

const MARIA_SCREEN = '/staff/members/100000000001';
const TEXT = 'The caller says CareCompass kept reading after she stopped it. KEPT-TEXT';

/** The staff "Sign out" post another tab of this browser would send. */
async function signOutElsewhere(page: Page) {
  const response = await page.context().request.post('/staff/sign-out', { headers: { origin: new URL(page.url()).origin }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
}

for (const javaScriptEnabled of [true, false]) {
  test(`a case typed while the session ended in another tab is kept, and back on the caller's screen after signing in (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signInStaff(page, STAFF.casey, MARIA_SCREEN);
    await expect(page).toHaveURL(new RegExp(`${MARIA_SCREEN}$`));
    await page.getByRole('radio', { name: 'Complaint about an app' }).check();
    await page.getByLabel('What the caller told you').fill(TEXT);

    // "Sign out" in another tab of the same browser ends the session: that tab's post, sent with
    // this browser's cookies (a page left in the background gets no animation frames for its clicks).
    await signOutElsewhere(page);

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
    // axe runs in the page, so only where it has JavaScript.
    if (javaScriptEnabled) await expectNoAxeViolations(page);
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
  await signOutElsewhere(page);
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

async function staffWithClock(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await signInStaff(page, STAFF.casey, '/staff/cases');
  return { context, page };
}

test('two minutes before the 30 idle minutes end, the console warns with “Stay signed in”, which keeps the session', async ({ browser }) => {
  const { context, page } = await staffWithClock(browser);
  const warning = page.getByRole('alert').filter({ hasText: 'You will be signed out in 2 minutes.' });
  await expect(warning).toHaveCount(0);
  // Moving between the console's pages (the layout stays drawn) is activity: the 30 minutes start again.
  await page.clock.fastForward('20:00');
  await page.getByRole('link', { name: 'Find a caller', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find a caller' })).toBeVisible();
  await page.clock.fastForward('20:00');
  await expect(warning).toHaveCount(0);
  await fastForwardUntilVisible(page, warning, '01:00');
  await expect(warning).toContainText('30 minutes');
  const stay = page.getByRole('button', { name: 'Stay signed in' });
  await expect(stay).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('You are still signed in.')).toBeVisible();
  await expect(warning).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Left idle again, the page says the session has ended, with a way back to this page.
  const ended = page.getByRole('alert').filter({ hasText: 'You were signed out because there was no activity for 30 minutes.' });
  await fastForwardUntilVisible(page, ended, '01:00');
  await expect(ended.getByRole('link', { name: 'Sign in again' })).toHaveAttribute('href', '/staff/sign-in?callbackUrl=%2Fstaff');
  await context.close();
});
