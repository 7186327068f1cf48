import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { connectAsMember, LABELS, MARIA, MARIA_SESSION, SAMPLE_APP, type Lang } from './support/connect';

async function expectClaims(page: Page) {
  await expect(page).toHaveURL(`${SAMPLE_APP}/claims`);
  await expect(page.getByTestId('fhir-status')).toHaveText('200');
  const count = Number(await page.getByTestId('claim-count').innerText());
  expect(count).toBeGreaterThan(10);
  const dates = await page.locator('[data-testid=claim-row] td:first-child').allInnerTexts();
  for (const date of dates) expect(date >= '2016-01-01').toBe(true);
}

for (const lang of ['en', 'es'] as Lang[]) {
  for (const javaScriptEnabled of [true, false]) {
    const label = `${lang === 'en' ? 'English' : 'Spanish'}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

    test(`app first: the sample app's standalone launch completes for Maria (${label})`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled, storageState: MARIA_SESSION, locale: lang === 'es' ? 'es-US' : 'en-US', extraHTTPHeaders: { 'accept-language': lang } });
      const page = await context.newPage();
      await page.goto(`${SAMPLE_APP}/standalone`);
      await connectAsMember(page, MARIA, lang);
      await page.getByRole('link', { name: LABELS[lang].continueTo }).click();
      await expectClaims(page);
      await context.close();
    });

    test(`gallery first: a portal launch opens the sample app with Maria's claims (${label})`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled, storageState: MARIA_SESSION, locale: lang === 'es' ? 'es-US' : 'en-US', extraHTTPHeaders: { 'accept-language': lang } });
      const page = await context.newPage();
      await page.goto('/apps/blue-button-explorer');
      await page.getByRole('link', { name: lang === 'en' ? /Connect/ : /Conectar/ }).first().click();
      await connectAsMember(page, MARIA, lang);
      await page.getByRole('link', { name: LABELS[lang].continueTo }).click();
      await expectClaims(page);
      await context.close();
    });
  }
}

test('every step passes axe, including with errors shown', async ({ page }) => {
  await page.goto(`${SAMPLE_APP}/standalone`);
  await expect(page).toHaveURL(/\/privacy$/);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'I have read this' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Agree and continue' }).click(); // not ticked: an error
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByLabel(/I have read and I agree/).check();
  await page.getByRole('button', { name: 'Agree and continue' }).click();
  await expect(page).toHaveURL(/\/identity$/);
  await expectNoAxeViolations(page);
  await page.getByLabel('First name', { exact: true }).fill('Maria');
  await page.getByRole('button', { name: 'Verify identity' }).click();
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
  await expect(page.getByLabel('First name', { exact: true })).toHaveValue('Maria'); // nothing typed is lost
  await expectNoAxeViolations(page);
});
