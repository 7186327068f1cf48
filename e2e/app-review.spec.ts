import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { connectAsMember, fillIdentity, LABELS, MARIA, MARIA_SESSION, proveWithEmailCode, SAMPLE_APP } from './support/connect';
import { waitForMail } from './support/outbox';
import { STAFF, staffPage } from './support/staff';

test.describe.configure({ mode: 'serial' });

/** alex.admin takes a decision on one app through the review page. */
async function decide(page: Page, appId: string, decision: RegExp, criterion: string | null, notes = '') {
  await page.goto(`/staff/apps/${appId}`);
  await page.getByLabel(decision).check();
  if (criterion) await page.getByLabel('Criterion').selectOption({ label: criterion });
  if (notes) await page.getByLabel(/^Notes/).fill(notes);
  await page.getByRole('button', { name: 'Save decision' }).click();
}

async function claimsStatus(page: Page): Promise<string> {
  await page.goto(`${SAMPLE_APP}/claims`);
  return page.getByTestId('fhir-status').innerText();
}

/** Maria's account, signing in again if her saved session has ended meanwhile. */
async function openAccount(page: Page) {
  await page.goto('/account');
  if (await page.getByRole('button', { name: LABELS.en.verify }).isVisible()) {
    await fillIdentity(page, MARIA);
    await proveWithEmailCode(page, MARIA);
  }
  await expect(page.getByRole('heading', { level: 1, name: 'My connections' })).toBeVisible();
}

test('a deny or a suspension without a criterion from its list cannot be saved', async ({ browser }) => {
  const { context, page } = await staffPage(browser, STAFF.alex, '/staff/apps');
  await decide(page, 'medtrack-rx', /^Suspend now/, null, 'I do not like their privacy answers.');
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
  await expect(page.locator('#criterion-error')).toHaveText(/^Choose a criterion from the list for this decision\./);
  await expect(page.getByLabel(/^Notes/)).toHaveValue('I do not like their privacy answers.');
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByTestId('review-status')).toContainText('Approved (in the gallery)');

  // A criterion meant for approvals is no ground for a denial either.
  await decide(page, 'wellpath-beta', /^Deny/, 'Criteria met: passed the security assessment');
  await expect(page.locator('#criterion-error')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('review-status')).toContainText('Waiting for review');
  await context.close();
});

test('suspending the sample app takes it out at once and tells Maria; reinstating brings it back, her old token stays refused and a new connection works', async ({ browser }) => {
  test.setTimeout(180_000);
  const maria = await browser.newContext({ storageState: MARIA_SESSION });
  const app = await maria.newPage();
  await app.goto(`${SAMPLE_APP}/standalone`);
  await connectAsMember(app, MARIA);
  await app.getByRole('link', { name: LABELS.en.continueTo }).click();
  await expect(app.getByTestId('fhir-status')).toHaveText('200');

  const { context: staff, page: review } = await staffPage(browser, STAFF.alex, '/staff/apps');
  const suspendedAt = Date.now() - 1_000;
  await decide(review, 'blue-button-explorer', /^Suspend now/, 'Client credentials exposed', 'A client token was posted in a public gist.');
  await expect(review.getByRole('status').filter({ hasText: 'Saved:' })).toContainText(/Saved: Suspended \(Client credentials exposed\)\. \d+ connections? ended/);

  await test.step('gone from the gallery; its authorization refused; its access token 401 and its refresh token refused', async () => {
    const gallery = await maria.newPage();
    await gallery.goto('/apps');
    await expect(gallery.getByRole('heading', { level: 1 })).toHaveText('Choose an app');
    await expect(gallery.getByRole('link', { name: 'Blue Button Explorer' })).toHaveCount(0);
    await gallery.close();
    await app.bringToFront(); // a background page gets no animation frames (e2e/account.spec.ts)
    expect(await claimsStatus(app)).toBe('401');
    await app.goto(`${SAMPLE_APP}/refresh`);
    // The client itself no longer exists for the token endpoint.
    await expect(app.getByTestId('refresh-result')).toHaveText(/^Failed: The plan's token endpoint answered HTTP 401 .*"invalid_client"/);
    // Another browser (this one keeps the app's old tokens for the reinstatement check).
    const elsewhere = await browser.newContext();
    const start = await elsewhere.newPage();
    await start.goto(`${SAMPLE_APP}/standalone`);
    await expect(start.getByRole('heading', { level: 1 })).toHaveText('This app cannot connect');
    await elsewhere.close();
  });

  await test.step('Maria is told by email and on her account, in plain words, with the reason and other apps', async () => {
    const mail = await waitForMail(MARIA.email, /MassHealth stopped the app Blue Button Explorer/, suspendedAt);
    expect(mail.text).toContain("Why we stopped it: The app's secret keys for connecting to MassHealth were made public. Someone else could have used them.");
    expect(mail.text).toContain('You can choose a different app from our list:');
    expect(mail.text).not.toContain('gist');
    const account = await maria.newPage();
    await openAccount(account);
    const past = account.getByRole('list', { name: 'Past connections', exact: true }).first().getByRole('listitem').filter({ hasText: 'Blue Button Explorer' }).first();
    await expect(past).toContainText("Why: The app's secret keys for connecting to MassHealth were made public.");
    await expect(past).toContainText('You can choose a different app from the list of apps.');
    await account.close();
    await app.bringToFront(); // a background page gets no animation frames (e2e/account.spec.ts)
  });

  await test.step('reinstated: back in the gallery, the old token still refused, Maria told she may connect again, and a new connection works', async () => {
    const reinstatedAt = Date.now() - 1_000;
    await decide(review, 'blue-button-explorer', /^Reinstate/, 'Criteria met again: the security issue is resolved and verified', 'Secret rotated; gist removed.');
    await expect(review.getByTestId('review-status')).toContainText('Approved (in the gallery)');
    const gallery = await maria.newPage();
    await gallery.goto('/apps');
    await expect(gallery.getByRole('link', { name: 'Blue Button Explorer' })).toBeVisible();
    await gallery.close();
    await app.bringToFront(); // a background page gets no animation frames (e2e/account.spec.ts)
    expect(await claimsStatus(app)).toBe('401');
    const back = await waitForMail(MARIA.email, /The app Blue Button Explorer is back/, reinstatedAt);
    expect(back.text).toContain('Your earlier connection to the app stays stopped.');
    await app.goto(`${SAMPLE_APP}/standalone`);
    await connectAsMember(app, MARIA);
    await app.getByRole('link', { name: LABELS.en.continueTo }).click();
    await expect(app.getByTestId('fhir-status')).toHaveText('200');
  });
  await staff.close();
  await maria.close();
});
