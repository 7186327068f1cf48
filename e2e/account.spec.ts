import { expect, test, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { approve, connectAsMember, fillIdentity, LABELS, MARIA, MARIA_SESSION, proveWithEmailCode, reviewPrivacyAndTerms, SAMPLE_APP, type Person } from './support/connect';
import { fastForwardUntilVisible } from './support/clock';
import { waitForCode } from './support/outbox';

const FATIMA: Person = { first: 'Fatima', last: 'Haddad', month: '2', day: '28', year: '1975', id: '100000000016', zip: '02150', email: 'fatima.haddad@members.example' };
const GIULIA: Person = { first: 'Giulia', last: 'Rossi', month: '9', day: '9', year: '1983', id: 'R-0002', zip: '02139', email: 'giulia.rossi@reps.example', representative: true };
const SPANISH: BrowserContextOptions = { locale: 'es-US', extraHTTPHeaders: { 'accept-language': 'es-US,es;q=0.9' } };

// One journey after another: the later tests use the connections the earlier ones made.
test.describe.configure({ mode: 'serial' });

let fatimaGrantId = '';

const asMaria = (browser: Browser, options: BrowserContextOptions = {}) => browser.newContext({ storageState: MARIA_SESSION, ...options });

/** The newest card for an app in a list of connections (each list is newest first). */
function card(page: Page, appName: string, list: 'Connected apps' | 'Past connections'): Locator {
  return page
    .getByRole('list', { name: list, exact: true })
    .first()
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: appName, exact: true }) })
    .first();
}
const currentCard = (page: Page, appName: string) => card(page, appName, 'Connected apps');

/** Maria connects an app from the gallery (her saved session skips the code). */
async function connectFromGallery(page: Page, appId: string, person: Person = MARIA) {
  await page.goto(`/apps/${appId}/connect`);
  await connectAsMember(page, person);
}

test('Maria connects the sample app; the history shows its reads with the right counts; “Stop sharing” ends its access at once', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await asMaria(browser);
  const page = await context.newPage();
  await page.goto(`${SAMPLE_APP}/standalone`);
  await connectAsMember(page, MARIA);
  await page.getByRole('link', { name: LABELS.en.continueTo }).click();
  await expect(page).toHaveURL(`${SAMPLE_APP}/claims`);
  await expect(page.getByTestId('fhir-status')).toHaveText('200');
  const claimCount = Number(await page.getByTestId('claim-count').innerText());
  expect(claimCount).toBeGreaterThan(10);

  const account = await context.newPage();
  await account.goto('/account');
  await expect(account.getByRole('heading', { level: 1, name: 'My connections' })).toBeVisible();
  const card = currentCard(account, 'Blue Button Explorer');
  await expect(card).toContainText('Sharing');
  await expect(card).toContainText('Approved by');
  await expect(card).toContainText('You,');
  const lastRead = card.locator('time');
  const firstRead = await lastRead.getAttribute('datetime');
  expect(firstRead).toBeTruthy();

  // The app reads again in another tab: the open account page shows it without a reload.
  await page.goto(`${SAMPLE_APP}/claims`);
  await expect(page.getByTestId('fhir-status')).toHaveText('200');
  await expect(lastRead).not.toHaveAttribute('datetime', firstRead!, { timeout: 25_000 });

  await card.getByRole('link', { name: /See what it read/ }).click();
  await expect(account).toHaveURL(/\/account\/connections\/[0-9a-f-]{36}$/);
  const grantId = account.url().split('/').pop()!;
  await expect(account.getByRole('heading', { level: 1, name: 'What Blue Button Explorer read' })).toBeVisible();
  await expect(account.getByRole('img', { name: /Reads per week/ })).toBeVisible();
  const rows = account.locator('table').filter({ hasText: 'Every read, newest first' }).locator('tbody tr');
  const history = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const claimReads = history.filter(([, what]) => what.startsWith('Claims and visits'));
  const patientReads = history.filter(([, what]) => what.startsWith('Personal information'));
  // Two visits to /claims: each read the patient once and searched every claim page.
  expect(patientReads).toHaveLength(2);
  expect(patientReads.every(([, , records]) => records === '1')).toBe(true);
  expect(claimReads.reduce((sum, [, , records]) => sum + Number(records), 0)).toBe(2 * claimCount);
  await expectNoAxeViolations(account);

  // "Stop sharing", by keyboard, from the account page.
  await account.goto('/account');
  const again = currentCard(account, 'Blue Button Explorer');
  await again.getByRole('link', { name: /See what it read/ }).focus();
  const stopLink = again.getByRole('link', { name: /Stop sharing/ });
  for (let i = 0; i < 3 && !(await stopLink.evaluate((el) => el === document.activeElement)); i += 1) await account.keyboard.press('Tab');
  await expect(stopLink).toBeFocused();
  expect(await stopLink.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await account.keyboard.press('Enter');
  await expect(account).toHaveURL(`/account/connections/${grantId}/stop`);
  await expect(account.getByText('can no longer get any new information from MassHealth')).toBeVisible();
  await expect(account.getByText('already got stays with the app')).toBeVisible();
  await expectNoAxeViolations(account);
  await account.getByRole('button', { name: 'Stop sharing' }).focus();
  await account.keyboard.press('Enter');
  await expect(account).toHaveURL(new RegExp(`/account\\?stopped=${grantId}$`));
  await expect(account.getByRole('status').filter({ hasText: 'You stopped sharing with Blue Button Explorer.' })).toBeVisible();

  // The app's next read gets 401, and its refresh token is refused.
  await page.goto(`${SAMPLE_APP}/claims`);
  await expect(page.getByTestId('fhir-status')).toHaveText('401');
  await page.goto(`${SAMPLE_APP}/refresh`);
  await expect(page.getByTestId('refresh-result')).toContainText('Failed');
  await context.close();
});

test('Fatima connects an app of her own', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/apps/carecompass/connect');
  await reviewPrivacyAndTerms(page);
  await fillIdentity(page, FATIMA);
  await proveWithEmailCode(page, FATIMA);
  await approve(page);
  await page.goto('/account');
  await currentCard(page, 'CareCompass').getByRole('link', { name: /See what it read/ }).click();
  fatimaGrantId = page.url().split('/').pop()!;
  expect(fatimaGrantId).toMatch(/^[0-9a-f-]{36}$/);
  await context.close();
});

test('a member can never load another member’s connections or history: not by URL, form field or query parameter', async ({ browser }) => {
  expect(fatimaGrantId).not.toBe('');
  const context = await asMaria(browser);
  const page = await context.newPage();

  for (const path of [`/account/connections/${fatimaGrantId}`, `/account/connections/${fatimaGrantId}/stop`, `/account/connections/${fatimaGrantId}/change`, `/account/connections/${fatimaGrantId}?page=1`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    expect(await response!.text(), path).toMatch(/<h1[^>]*>We could not find that connection<\/h1>/); // drawn by the server
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We could not find that connection');
    await expect(page.getByText('CareCompass')).toHaveCount(0);
  }
  await page.goto(`/account/connections/${fatimaGrantId}/open`);
  await expect(page).toHaveURL(/\/account$/);

  const api = await page.request.get(`/account/api/connections?memberId=${FATIMA.id}`);
  expect(api.status()).toBe(404);
  const own = await page.request.get('/account/api/connections');
  expect(own.status()).toBe(200);
  expect(await own.text()).not.toContain(fatimaGrantId);
  await page.goto(`/account?stopped=${fatimaGrantId}`);
  await expect(page.getByText('You stopped sharing with CareCompass')).toHaveCount(0);

  // A tampered form field: Maria's own stop form, carrying Fatima's grant id.
  await connectFromGallery(page, 'medtrack-rx');
  await page.goto('/account');
  await currentCard(page, 'MedTrack Rx').getByRole('link', { name: /Stop sharing/ }).click();
  await expect(page).toHaveURL(/\/stop$/);
  const grantField = page.locator('input[name=grantId]');
  // Changed only once React owns the form: hydrating the page sets the field back to its own value,
  // and the stop would then be Maria's own (a busy machine once hydrated after the change).
  await expect.poll(() => grantField.evaluate((input) => Object.keys(input).some((key) => key.startsWith('__reactFiber$')))).toBe(true);
  await grantField.evaluate((input, id) => ((input as HTMLInputElement).value = id), fatimaGrantId);
  await page.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('We could not find that connection on your account.');
  await context.close();

  const fatima = await browser.newContext();
  const check = await fatima.newPage();
  await check.goto('/account');
  await fillIdentity(check, FATIMA);
  await expect(check).toHaveURL(/\/account\/code$/);
  await check.getByRole('button', { name: 'Send code to my email' }).click();
  const { code } = await waitForCode(FATIMA.email, Date.now() - 2_000);
  await check.getByLabel('Code', { exact: true }).fill(code);
  await check.getByRole('button', { name: 'Confirm code' }).click();
  await expect(check.getByText('Signed in as Fatima Haddad')).toBeVisible();
  await expect(currentCard(check, 'CareCompass')).toContainText('Sharing');
  await fatima.close();
});

test('signing in with an email code, and signing out', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to see your connected apps');
  await fillIdentity(page, MARIA);
  await expect(page).toHaveURL(/\/account\/code$/);
  await expectNoAxeViolations(page);
  const before = Date.now() - 1_000;
  await page.getByRole('button', { name: 'Send code to my email' }).click();
  const { code } = await waitForCode(MARIA.email, before);
  await page.getByLabel('Code', { exact: true }).fill('000000' === code ? '111111' : '000000');
  await page.getByRole('button', { name: 'Confirm code' }).click();
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('That code is not right');
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Confirm code' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText('Signed in as Maria Santos')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/account\?signedOut=1$/);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  expect((await context.cookies()).some((c) => c.name.includes('session-token'))).toBe(false);
  // A new document, not a client-side navigation: the tab's page (its source, the framework's
  // payload) holds nothing of Maria's account for the next person at a shared computer.
  expect(await page.content()).not.toContain('Maria Santos');
  const response = await page.request.get('/account/api/connections');
  expect(response.status()).toBe(401);
  await context.close();
});

test('a representative sees each member they act for, labelled', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/account');
  await fillIdentity(page, GIULIA);
  await expect(page).toHaveURL(/\/account\/code$/);
  const before = Date.now() - 1_000;
  await page.getByRole('button', { name: 'Send code to my email' }).click();
  const { code } = await waitForCode(GIULIA.email, before);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Confirm code' }).click();
  await expect(page.getByText('Signed in as Giulia Rossi, for the members you act for')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Emma Rossi \(you act as parent\)$/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Luca Rossi \(you act as parent\)$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Maria|Fatima/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  expect((await page.request.get(`/account/api/connections?memberId=${MARIA.id}`)).status()).toBe(404);
  await context.close();
});

test('two minutes before the idle end, a warning with “Stay signed in”', async ({ browser }) => {
  const context = await asMaria(browser);
  const page = await context.newPage();
  await page.clock.install();
  await page.goto('/account');
  await expect(page.getByText('You will be signed out in 2 minutes.')).toHaveCount(0);
  const stay = page.getByRole('button', { name: 'Stay signed in' });
  const warning = page.getByRole('alert').filter({ hasText: 'You will be signed out in 2 minutes.' });
  await fastForwardUntilVisible(page, warning);
  await expect(stay).toBeFocused();
  const before = (await context.cookies()).find((c) => c.name.includes('session-token'))!.expires;
  const renewed = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/account');
  await page.keyboard.press('Enter');
  expect((await renewed).status()).toBe(200);
  await expect(page.getByText('You will be signed out in 2 minutes.')).toHaveCount(0);
  // The server's record holds the idle end; the cookie is a browser-session cookie before and after
  // (it ends when the browser closes, on a shared computer).
  const after = (await context.cookies()).find((c) => c.name.includes('session-token'))!.expires;
  expect([before, after]).toEqual([-1, -1]);
  // Left idle again, the page says when the session has ended.
  const ended = page.getByRole('alert').filter({ hasText: 'You were signed out because there was no activity for 15 minutes.' });
  await fastForwardUntilVisible(page, ended, '01:00');
  await context.close();
});

test('“Stop sharing” and “Change what is shared” work without JavaScript', async ({ browser }) => {
  const context = await asMaria(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await connectFromGallery(page, 'open-notes');
  await page.goto('/account');
  await currentCard(page, 'Open Notes Journal').getByRole('link', { name: /Change what is shared/ }).click();
  // The same connection's change and stop pages, open in other tabs before the change.
  const staleChange = await context.newPage();
  await staleChange.goto(page.url());
  const staleStop = await context.newPage();
  await staleStop.goto(page.url().replace(/\/change$/, '/stop'));
  await page.getByLabel('Claims and visits').uncheck();
  await page.getByRole('radio', { name: /In 30 days/ }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/account\/connections\/[0-9a-f-]{36}\?changed=1$/);
  await expect(page.getByText('Your changes are saved.')).toBeVisible();
  await expect(page.getByText('Claims and visits')).toHaveCount(0);
  const current = /connections\/([0-9a-f-]{36})/.exec(page.url())![1];

  // Another choice on the stale form is not saved behind the member's back: they are shown the
  // connection as it now is, and told.
  await staleChange.getByLabel('Coverage').uncheck();
  await staleChange.getByRole('button', { name: 'Save changes' }).click();
  await expect(staleChange).toHaveURL(new RegExp(`/account/connections/${current}/change\\?elsewhere=1$`));
  await expect(staleChange.getByRole('alert').filter({ hasText: 'changed in another window or tab' })).toBeVisible();
  await expect(staleChange.getByLabel('Coverage')).toBeChecked();
  await expect(staleChange.getByLabel('Claims and visits')).toHaveCount(0);

  await page.goto('/account');
  await expect(page.getByText('What is shared was changed. A new connection took its place.')).toBeVisible();
  // "Stop sharing" on the page drawn before the change stops the connection now in force.
  await staleStop.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(staleStop.getByText('You stopped sharing with Open Notes Journal.')).toBeVisible();
  await page.goto('/account');
  await expect(currentCard(page, 'Open Notes Journal')).toHaveCount(0);
  await context.close();
});

test('a report typed while the session ends is kept: after signing in again the member is back on it, with what they typed (no JavaScript)', async ({ browser }) => {
  test.setTimeout(180_000);
  const JOSE: Person = { first: 'José', last: 'O’Brien-Núñez', month: '4', day: '9', year: '1996', id: '100000000012', zip: '02128', email: 'jose.obriennunez@members.example' };
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const signIn = async () => {
    await fillIdentity(page, JOSE);
    await proveWithEmailCode(page, JOSE);
  };
  await page.goto('/account');
  await signIn();
  await expect(page.getByText("Signed in as José O'Brien-Núñez")).toBeVisible();
  await page.goto('/account/report');
  await page.getByRole('radio', { name: 'Another app' }).check();
  await page.getByLabel('Name of the other app').fill('Pill Pal');
  await page.getByRole('radio', { name: /used my information in a way I did not agree to/ }).check();
  const words = 'The app told my employer about my visits. It happened twice last month.';
  await page.getByLabel('What happened?').fill(words);
  // Signed out in another tab while the report was being written: that tab's "Sign out" post, sent
  // with this browser's cookies (a second page here hung now and then in page.bringToFront, and a
  // page left in the background gets no animation frames for its clicks).
  const signedOut = await context.request.post('/account/sign-out', { headers: { origin: new URL(page.url()).origin }, maxRedirects: 0 });
  expect(signedOut.status()).toBe(303);
  expect((await context.cookies()).some((c) => c.name.includes('session-token'))).toBe(false);

  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveURL(/\/account\?formKept=1$/);
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('You were signed out before that was sent, so it was not saved.');
  await signIn();
  await expect(page).toHaveURL(/\/account\/report$/);
  await expect(page.getByRole('status').filter({ hasText: 'Here is what you typed' })).toBeVisible();
  await expect(page.getByLabel('What happened?')).toHaveValue(words);
  await expect(page.getByLabel('Name of the other app')).toHaveValue('Pill Pal');
  await expect(page.getByRole('radio', { name: 'Another app' })).toBeChecked();
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveURL(/\/account\?reported=/);
  await expect(page.locator('#reports')).toContainText('Misuse by an app: Pill Pal');
  await context.close();
});

test('reporting a problem opens a case the member can follow', async ({ browser }) => {
  const context = await asMaria(browser);
  const page = await context.newPage();
  await page.goto('/account/report');
  await expect(page.getByRole('heading', { name: /Office for Civil Rights/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Federal Trade Commission/ })).toBeVisible();
  await expect(page.getByText('200 Independence Avenue', { exact: false })).toBeVisible();
  await expect(page.getByText('600 Pennsylvania Avenue', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: 'Another app' }).check();
  await page.getByLabel('Name of the other app').fill('Pill Pal');
  await page.getByRole('radio', { name: /used my information in a way I did not agree to/ }).check();
  await page.getByLabel('What happened?').fill('The app sent me ads about my prescriptions.');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveURL(/\/account\?reported=/);
  await expect(page.getByRole('status').filter({ hasText: 'We got your report' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'We got your report' })).toBeFocused();
  const reports = page.locator('#reports');
  await expect(reports).toContainText('Misuse by an app: Pill Pal');
  await expect(reports).toContainText('Received');
  await context.close();
});

for (const [language, options] of [
  ['English', {}],
  ['Spanish', SPANISH],
] as const) {
  test(`the account pages pass axe in ${language}`, async ({ browser }) => {
    const visitor = await browser.newContext(options);
    const signIn = await visitor.newPage();
    await signIn.goto('/account');
    await expectNoAxeViolations(signIn);
    await signIn.getByRole('button', { name: language === 'English' ? 'Verify identity' : LABELS.es.verify }).click();
    await expect(signIn.getByRole('alert', { name: language === 'English' ? 'There is a problem' : 'Hay un problema' })).toBeVisible();
    await expectNoAxeViolations(signIn);
    await visitor.close();

    const context = await asMaria(browser, options);
    const page = await context.newPage();
    await page.goto('/account');
    await expect(page.locator('html')).toHaveAttribute('lang', language === 'English' ? 'en' : 'es');
    await expect(page.locator('h1')).toHaveCount(1);
    await expectNoAxeViolations(page);
    const history = page.getByRole('link', { name: language === 'English' ? /See what it read/ : /Ver lo que leyó/ }).first();
    await history.click();
    await expectNoAxeViolations(page);
    await page.goto('/account/report');
    await expectNoAxeViolations(page);
    await context.close();
  });
}

test('phone-size pages (screenshots for review)', async ({ browser }) => {
  const context = await asMaria(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('/account');
  await page.screenshot({ path: 'test-results/screenshots/account-phone.png', fullPage: true });
  await card(page, 'Blue Button Explorer', 'Past connections').getByRole('link', { name: /See what it read/ }).click();
  await page.screenshot({ path: 'test-results/screenshots/account-history-phone.png', fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
