import { expect, test } from '@playwright/test';
import { connectAsMember, LABELS, MARIA, MARIA_SESSION, SAMPLE_APP } from './support/connect';

test.use({ storageState: MARIA_SESSION });

async function connectAndRead(page: import('@playwright/test').Page, options: Parameters<typeof connectAsMember>[3]) {
  await page.goto(`${SAMPLE_APP}/standalone`);
  await connectAsMember(page, MARIA, 'en', options);
  await page.getByRole('link', { name: LABELS.en.continueTo }).click();
  await expect(page).toHaveURL(`${SAMPLE_APP}/claims`);
}

test('unticking claims gives a token whose reads of ExplanationOfBenefit are refused', async ({ page }) => {
  await connectAndRead(page, { untick: [/^Claims and visits/] });
  await expect(page.getByTestId('fhir-status')).toHaveText('403');
  await expect(page.getByTestId('granted-scope')).not.toContainText('ExplanationOfBenefit');
  await expect(page.getByTestId('granted-scope')).not.toContainText('patient/*.rs');
  await expect(page.getByTestId('claim-row')).toHaveCount(0);
});

test('sensitive claims appear only after opting in', async ({ page }) => {
  await connectAndRead(page, {});
  await expect(page.getByTestId('fhir-status')).toHaveText('200');
  const without = Number(await page.getByTestId('claim-count').innerText());
  await connectAndRead(page, { sensitive: /Also share claims about mental health care/ });
  await expect(page.getByTestId('fhir-status')).toHaveText('200');
  const withOptIn = Number(await page.getByTestId('claim-count').innerText());
  expect(without).toBeGreaterThan(0);
  expect(withOptIn).toBeGreaterThan(without);
  const diagnoses = await page.locator('[data-testid=claim-row] td:nth-child(4)').allInnerTexts();
  expect(diagnoses.some((codes) => /\bF\d/.test(codes))).toBe(true);
});
