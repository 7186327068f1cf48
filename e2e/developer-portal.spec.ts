import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { connectAsMember, LABELS, MARIA, MARIA_SESSION } from './support/connect';
import { developerPage, startExamplePage } from './support/developer';
import { payerDayFromToday, STAFF, staffPage } from './support/staff';

// One journey after another: the later tests use the app the earlier ones registered.
test.describe.configure({ mode: 'serial' });

const ANSWERS = {
  sharing: 'We never share your claims with anyone.',
  deletion: 'Delete your account in Settings and everything is erased within 7 days.',
};
let appId = '';

/** Fills the whole connection request; `redirects` go in the redirect URI fields in order. */
async function fillRequest(page: Page, { name, redirects }: { name: string; redirects: string[] }) {
  await page.getByLabel('App name').fill(name);
  await page.getByLabel('Developer or organization').fill(`${name} Works LLC`);
  await page.getByLabel('What the app does').fill('Shows your claims in a private diary on your own computer.');
  await page.getByLabel('App website').fill('https://diary.example');
  await page.getByLabel(/^No: it runs in the browser/).check();
  for (const [index, uri] of redirects.entries()) await page.getByLabel(new RegExp(`^Redirect URI ${index + 1}\\b`)).fill(uri);
  for (const scope of ['launch/patient', 'openid', 'fhirUser', 'patient/Patient.rs', 'patient/ExplanationOfBenefit.rs']) await page.getByLabel(new RegExp(`^${scope.replace(/[/.]/g, '\\$&')}:`)).check();
  await page.getByLabel('Privacy policy web address').fill('https://diary.example/privacy');
  await page.getByLabel(/^5\. Will the app share my information with others/).fill(ANSWERS.sharing);
  await page.getByLabel(/^11\. Will the app delete my information/).fill(ANSWERS.deletion);
  await page.getByLabel(/^I attest, for the developer named above/).check();
}

test('a developer’s http:// redirect that is not loopback and a wildcard redirect are refused, each with a clear message, and nothing typed is lost (without JavaScript)', async ({ browser }) => {
  const { context, page } = await developerPage(browser, 'dana@diary.example', { javaScriptEnabled: false });
  await page.getByRole('link', { name: 'Request a connection' }).click();
  await fillRequest(page, { name: 'Claims Diary', redirects: ['http://diary.example/callback', 'https://*.diary.example/callback', 'http://127.0.0.1:9000/callback'] });
  await page.getByRole('button', { name: 'Send request' }).click();

  await expect(page.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
  await expect(page.locator('#redirectUri1-error')).toHaveText('Use https. Plain http is allowed only for a loopback address: 127.0.0.1, [::1] or localhost.');
  await expect(page.locator('#redirectUri2-error')).toHaveText('Wildcards (*) are not allowed. Enter each redirect URI in full, exactly as your app sends it.');
  await expect(page.locator('#redirectUri3-error')).toHaveCount(0);
  await expect(page.getByLabel(/^Redirect URI 1\b/)).toHaveAttribute('aria-invalid', 'true');
  // Everything typed is still there: text, the loopback URI that was fine, radio, boxes, answers.
  await expect(page.getByLabel(/^Redirect URI 1\b/)).toHaveValue('http://diary.example/callback');
  await expect(page.getByLabel(/^Redirect URI 2\b/)).toHaveValue('https://*.diary.example/callback');
  await expect(page.getByLabel(/^Redirect URI 3\b/)).toHaveValue('http://127.0.0.1:9000/callback');
  await expect(page.getByLabel('App name')).toHaveValue('Claims Diary');
  await expect(page.getByLabel('What the app does')).toHaveValue('Shows your claims in a private diary on your own computer.');
  await expect(page.getByLabel(/^No: it runs in the browser/)).toBeChecked();
  await expect(page.getByLabel(/^patient\/ExplanationOfBenefit\.rs:/)).toBeChecked();
  await expect(page.getByLabel(/^patient\/Coverage\.rs:/)).not.toBeChecked();
  await expect(page.getByLabel(/^5\. Will the app share/)).toHaveValue(ANSWERS.sharing);
  await expect(page.getByLabel(/^I attest/)).toBeChecked();

  await page.getByLabel(/^Redirect URI 1\b/).fill('https://diary.example/callback');
  await page.getByLabel(/^Redirect URI 2\b/).fill('com.diary.app:/callback');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByTestId('app-status')).toHaveText('Waiting for review');
  await context.close();
});

test('a developer registers an app with a loopback redirect and answers the questionnaire; alex.admin approves it; it is in the gallery with its answers; Maria connects it with fhirclient', async ({ browser }) => {
  test.setTimeout(180_000);
  const example = await startExamplePage();
  try {
    const developer = await developerPage(browser, 'ana@healthjournal.example');
    await developer.page.goto('/developers/apps/new');
    // Sent empty first: every required field says what it needs (and the page stays accessible).
    await developer.page.getByRole('button', { name: 'Send request' }).click();
    await expect(developer.page.getByRole('alert', { name: 'There is a problem' })).toBeFocused();
    await expect(developer.page.locator('#redirectUri1-error')).toHaveText('Enter at least one redirect URI.');
    await expect(developer.page.locator('#attest-error')).toHaveText('Tick the box to attest to the code of conduct.');
    await expectNoAxeViolations(developer.page);
    await fillRequest(developer.page, { name: 'Health Journal', redirects: [example.redirectUri] });
    await developer.page.getByRole('button', { name: 'Send request' }).click();
    await expect(developer.page.getByTestId('app-status')).toHaveText('Waiting for review');
    appId = await developer.page.getByTestId('client-id').innerText();
    await expectNoAxeViolations(developer.page);
    await developer.page.goto('/apps');
    await expect(developer.page.getByRole('link', { name: 'Health Journal' })).toHaveCount(0);

    // alex.admin approves it on the criterion for approvals, and marks an answer for members.
    const { context: staff, page: review } = await staffPage(browser, STAFF.alex, '/staff/apps');
    await review.getByRole('link', { name: 'Health Journal' }).click();
    await expect(review.getByRole('heading', { level: 1, name: /Health Journal/ })).toBeVisible();
    await expectNoAxeViolations(review);
    await review.getByLabel('Mark for answer 5').selectOption({ label: 'Looks fine' });
    await review.getByRole('button', { name: 'Save marks' }).click();
    await expect(review.getByRole('status').filter({ hasText: 'Saved 1 mark' })).toBeVisible();
    await review.getByLabel(/^Approve:/).check();
    await review.getByLabel('Criterion').selectOption({ label: 'Criteria met: passed the security assessment' });
    await review.getByLabel(/^Notes/).fill('Pen test passed; loopback redirect for a desktop app.');
    await review.getByRole('button', { name: 'Save decision' }).click();
    await expect(review.getByTestId('review-status')).toContainText('Approved (in the gallery)');
    await staff.close();

    // The developer reads the decision with its criterion and notes.
    await developer.page.goto(`/developers/apps/${appId}`);
    await expect(developer.page.getByTestId('app-status')).toHaveText('Approved');
    const decision = developer.page.getByRole('table', { name: 'Every decision on this app, newest first' });
    await expect(decision).toContainText('Criteria met: passed the security assessment');
    await expect(decision).toContainText('Pen test passed; loopback redirect for a desktop app.');

    // In the gallery, dated today, with the developer's answers and the reviewer's mark.
    const maria = await browser.newContext({ storageState: MARIA_SESSION });
    const page = await maria.newPage();
    await page.goto('/apps');
    await expect(page.getByText(`This list was updated on ${payerDayFromToday(0)}.`)).toBeVisible();
    await expect(page.getByRole('link', { name: "The CARIN Alliance's list of apps (opens in a new tab)" })).toHaveAttribute('href', /carinalliance\.com/);
    await page.getByRole('link', { name: 'Health Journal' }).click();
    const sharing = page.getByRole('listitem').filter({ hasText: ANSWERS.sharing });
    await expect(sharing).toContainText('Looks fine');
    await expect(page.getByRole('listitem').filter({ hasText: ANSWERS.deletion })).toBeVisible();
    await expect(page.getByText('The developer did not answer this question.')).toHaveCount(13);

    // Maria uses the developer's app: the portal's fhirclient example, copied as it is.
    example.serve((await developer.page.getByTestId('fhirclient-example').textContent())!);
    await developer.context.close();
    await page.goto(example.redirectUri);
    await connectAsMember(page, MARIA);
    await page.getByRole('link', { name: LABELS.en.continueTo }).click();
    await expect(page.locator('#status')).toHaveText(/^\d+ ExplanationOfBenefit resources for patient \S+$/, { timeout: 20_000 });
    expect(Number((await page.locator('#status').innerText()).split(' ')[0])).toBeGreaterThan(0);
    await maria.close();
  } finally {
    await example.close();
  }
});

test('a developer cannot see or change another developer’s app', async ({ browser }) => {
  expect(appId).toBeTruthy();
  const { context, page } = await developerPage(browser, 'ben@elsewhere.example');
  await page.goto('/developers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('MassHealth Patient Access API for app developers');
  await expectNoAxeViolations(page);
  await page.goto('/developers/apps');
  await expect(page.getByRole('link', { name: 'Health Journal' })).toHaveCount(0);
  for (const path of [`/developers/apps/${appId}`, `/developers/apps/${appId}/privacy`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    expect(await response!.text(), path).toContain('<html lang="en"'); // drawn by the server, not an empty error shell
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We could not find that page');
    await expect(page.getByText('Health Journal')).toHaveCount(0);
  }
  await context.close();
});

test('a reviewer’s marks are never saved on words the reviewer did not read: an answer changed while the page was open is shown again, the other marks kept', async ({ browser }) => {
  expect(appId).toBeTruthy();
  const { context: staff, page: review } = await staffPage(browser, STAFF.alex, `/staff/apps/${appId}`);
  await expect(review.getByText(ANSWERS.sharing)).toBeVisible();

  // While the reviewer reads, the developer rewrites answer 5.
  const developer = await developerPage(browser, 'ana@healthjournal.example');
  await developer.page.goto(`/developers/apps/${appId}/privacy`);
  const sold = 'We share your claims with data brokers.';
  await developer.page.getByLabel(/^5\. Will the app share my information with others/).fill(sold);
  await developer.page.getByRole('button', { name: /save/i }).click();
  await expect(developer.page.getByRole('heading', { level: 1 })).toBeVisible();
  await developer.context.close();

  await review.getByLabel('Mark for answer 5').selectOption({ label: 'Looks fine' });
  await review.getByLabel('Mark for answer 11').selectOption({ label: 'Be careful' });
  await review.getByRole('button', { name: 'Save marks' }).click();
  await expect(review.getByRole('alert').filter({ hasText: 'The developer changed answer 5 while you were reading. Nothing was saved.' })).toBeVisible();
  // The page now shows the new words, marked "Changed"; the mark chosen for answer 11 is still in the form.
  await expect(review.getByText(sold)).toBeVisible();
  await expect(review.getByRole('heading', { level: 3, name: /^5\. .*Changed$/ })).toBeVisible();
  await expect(review.getByLabel('Mark for answer 11')).toHaveValue('caution');
  await expectNoAxeViolations(review);

  await review.getByLabel('Mark for answer 5').selectOption({ label: 'Warning' });
  await review.getByRole('button', { name: 'Save marks' }).click();
  await expect(review.getByRole('status').filter({ hasText: 'Saved 2 marks' })).toBeVisible();
  await staff.close();

  // Members see the new words with the reviewer's mark on them.
  const anyone = await browser.newContext();
  const page = await anyone.newPage();
  await page.goto(`/apps/${appId}`);
  await expect(page.getByRole('listitem').filter({ hasText: sold })).toContainText('Warning');
  await anyone.close();
});
