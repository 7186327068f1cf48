import { expect, test as setup } from '@playwright/test';
import { fillIdentity, MARIA, MARIA_SESSION, proveWithEmailCode, reviewPrivacyAndTerms } from './support/connect';

// Maria proves who she is once, with a real email code; the journeys then reuse her session, as
// she would within 15 minutes (codes may be resent only once a minute per member).
setup('Maria verifies her identity with an email code', async ({ page }) => {
  await page.goto('/apps/medtrack-rx/connect');
  await reviewPrivacyAndTerms(page);
  await fillIdentity(page, MARIA);
  await proveWithEmailCode(page, MARIA);
  await expect(page).toHaveURL(/\/approve$/);
  await page.context().storageState({ path: MARIA_SESSION });
});
