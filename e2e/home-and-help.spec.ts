import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

test.describe('home and help pages', () => {
  for (const path of ['/', '/help']) {
    test(`${path} in English passes axe and has one h1`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.locator('h1')).toHaveCount(1);
      await expectNoAxeViolations(page);
    });
  }

  test('the language switch shows Spanish and keeps the page, without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/help');
    await page.getByRole('button', { name: 'Ver esta página en español' }).click();
    await expect(page).toHaveURL(/\/help$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ayuda y sus derechos');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comparta los datos de su plan de salud con una app que usted elija');
    await page.getByRole('button', { name: 'View this page in English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await context.close();
  });

  test('a browser that prefers Spanish gets Spanish, and the Spanish pages pass axe', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'es-US', extraHTTPHeaders: { 'accept-language': 'es-US,es;q=0.9' } });
    const page = await context.newPage();
    for (const path of ['/', '/help']) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      await expectNoAxeViolations(page);
    }
    await context.close();
  });

  test('the skip link moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main')).toBeFocused();
  });

  test('pages send a strict content security policy and security headers', async ({ request }) => {
    const response = await request.get('/');
    const csp = response.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self' 'nonce-");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['x-powered-by']).toBeUndefined();
  });
});
