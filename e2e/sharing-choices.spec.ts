import { createHash } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { backendToken } from '../lib/testing/backend-token';
import { expectNoAxeViolations } from './axe';
import { MARIA, MARIA_SESSION } from './support/connect';
import { waitForMail } from './support/outbox';
import { STAFF, staffPage } from './support/staff';

// Issue 15: the sharing choices of CMS-0057-F, as Maria, a provider's system and customer service
// meet them. Maria's choice is read by the provider's Group at the moment of each request.

test.describe.configure({ mode: 'serial' });

const PROVIDER = 'boston-community-provider-access';
const GROUP = 'pg-boston-community';
// FHIR ids are opaque but stable (lib/server/members/fhir-ids.ts): the provider sees only this.
const MARIA_PATIENT = `Patient/pt-${createHash('sha256').update(`pt:${MARIA.id}`).digest('hex').slice(0, 20)}`;

/** The members a provider organization's system reads in its Group right now (SMART backend services). */
async function providerGroup(baseURL: string): Promise<string[]> {
  const issued = await backendToken(baseURL, PROVIDER, 'system/Group.read');
  expect(issued.status).toBe(200);
  const response = await fetch(`${baseURL}/fhir/Group/${GROUP}`, { headers: { authorization: `Bearer ${issued.body.access_token}`, accept: 'application/fhir+json' } });
  expect(response.status).toBe(200);
  const group = (await response.json()) as { resourceType: string; member?: { entity: { reference: string } }[] };
  expect(group.resourceType).toBe('Group');
  return (group.member ?? []).map((m) => m.entity.reference);
}

const providersStatus = (page: Page) => page.getByTestId('providers-status');
const historyRows = (page: Page) => page.getByRole('table', { name: 'Every change, newest first' }).locator('tbody tr');

async function asMaria(browser: Browser) {
  const context = await browser.newContext({ storageState: MARIA_SESSION });
  const page = await context.newPage();
  await page.goto('/account/sharing');
  await expect(page.getByRole('heading', { level: 1, name: 'Who gets your information' })).toBeVisible();
  return { context, page };
}

test('Maria turns sharing with her providers off and back on: the provider’s Group follows at each request, her history and email say so', async ({ browser, baseURL }) => {
  expect(await providerGroup(baseURL!)).toContain(MARIA_PATIENT);
  const { context, page } = await asMaria(browser);
  await expect(providersStatus(page)).toHaveText('On');
  await expectNoAxeViolations(page);

  // Off, after a confirmation step (a plain link and form: it works without JavaScript too).
  const offAt = Date.now() - 1_000;
  await page.getByRole('link', { name: 'Turn off sharing with my providers' }).click();
  await expect(page.getByRole('heading', { name: 'Turn off sharing with your providers?' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Yes, turn it off' }).click();
  await expect(page.locator('#result')).toHaveText('Done. Your choice is saved, and we sent a receipt by email.');
  // The message is where focus lands, so a screen reader reads it (the page came back from a redirect).
  await expect(page.locator('#result')).toBeFocused();
  await expect(providersStatus(page)).toHaveText('Off');
  // The provider's very next request leaves her out.
  expect(await providerGroup(baseURL!)).not.toContain(MARIA_PATIENT);
  const offMail = await waitForMail(MARIA.email, /^You turned off sharing with your providers$/, offAt);
  expect(offMail.text).toContain('your doctors and clinics can no longer get your MassHealth information from us');
  expect(offMail.text).not.toContain(MARIA.id);

  // Back on.
  const onAt = Date.now() - 1_000;
  await page.getByRole('link', { name: 'Turn sharing with my providers back on' }).click();
  await page.getByRole('button', { name: 'Yes, turn it on' }).click();
  await expect(providersStatus(page)).toHaveText('On');
  expect(await providerGroup(baseURL!)).toContain(MARIA_PATIENT);
  await waitForMail(MARIA.email, /^You turned sharing with your providers back on$/, onAt);

  // Both changes, newest first, made by her.
  const rows = historyRows(page);
  await expect(rows.nth(0)).toContainText('Sharing with providers turned on');
  await expect(rows.nth(0)).toContainText('You');
  await expect(rows.nth(1)).toContainText('Sharing with providers turned off');
  await expectNoAxeViolations(page);
  await context.close();
});

test('casey.csr records a choice Maria makes by phone: her page says it was made by phone, and so does the audit trail', async ({ browser, baseURL }) => {
  const staff = await staffPage(browser, STAFF.casey, `/staff/members/${MARIA.id}`);
  const form = staff.page.locator('#sharing');
  await form.getByRole('radio', { name: 'Maria Santos, the member' }).check();
  await form.getByRole('radio', { name: 'Turn off sharing with their providers' }).check();
  await form.getByRole('button', { name: 'Record the caller’s choice' }).click();
  await expect(form.getByRole('status')).toContainText('The caller’s choice is saved as made by phone with customer service.');
  await expect(form).toContainText('made by phone by the member, with customer service');
  // When, as the rest of the console says it: the date in words and the time in Eastern time.
  await expect(form.getByRole('listitem').filter({ hasText: 'providers turned off' }).first()).toHaveText(
    /^[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [AP]M Eastern time: providers turned off, made by phone/,
  );
  expect(await providerGroup(baseURL!)).not.toContain(MARIA_PATIENT);

  const maria = await asMaria(browser);
  await expect(providersStatus(maria.page)).toHaveText('Off');
  const newest = historyRows(maria.page).nth(0);
  await expect(newest).toContainText('Sharing with providers turned off');
  await expect(newest).toContainText('You, by phone with customer service');
  await expect(newest).not.toContainText('Casey');
  await maria.context.close();

  // Back on by phone, so the demo's default holds for what comes after.
  await form.getByRole('radio', { name: 'Maria Santos, the member' }).check();
  await form.getByRole('radio', { name: 'Turn sharing with their providers back on' }).check();
  await form.getByRole('button', { name: 'Record the caller’s choice' }).click();
  await expect(form.getByRole('status')).toContainText('The caller’s choice is saved');
  expect(await providerGroup(baseURL!)).toContain(MARIA_PATIENT);
  await staff.context.close();

  const audit = await staffPage(browser, STAFF.pat, '/staff/audit');
  await audit.page.getByLabel('Member ID').fill(MARIA.id);
  await audit.page.getByLabel('Staff username').fill('casey.csr');
  await audit.page.getByRole('button', { name: 'Search' }).click();
  const rows = audit.page.locator('tbody tr');
  await expect(rows.filter({ hasText: 'sharing.provider-access.off' }).filter({ hasText: 'phone with customer service' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'sharing.provider-access.on' }).filter({ hasText: 'phone with customer service' })).toHaveCount(1);
  await audit.context.close();
});
