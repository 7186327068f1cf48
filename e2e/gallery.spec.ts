import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

const APPROVED = ['Blue Button Explorer', 'CareCompass', 'MedTrack Rx', 'Open Notes Journal'];
const NOT_LISTED = ['QuickClaims', 'WellPath (beta)'];

const ES_CHECKLIST = 'Lista de preguntas sobre privacidad';

const appList = (page: Page) => page.getByRole('region', { name: 'Apps you can connect' }).getByRole('list');
const checklist = (page: Page, title = 'Privacy checklist') => page.getByRole('region', { name: title }).getByRole('listitem');

test.describe('app gallery', () => {
  test('lists the approved apps only, with the date the list was last updated', async ({ page }) => {
    await page.goto('/apps');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose an app');
    await expect(appList(page).getByRole('link')).toHaveText(APPROVED);
    for (const name of NOT_LISTED) await expect(page.getByText(name)).toHaveCount(0);
    // QuickClaims' suspension on October 30, 2026 is the latest change to the list.
    await expect(page.getByText('This list was updated on October 30, 2026.')).toBeVisible();
    const openNotes = appList(page).getByRole('listitem').filter({ hasText: 'Open Notes Journal' });
    await expect(openNotes).toContainText('Made by Open Notes Collective');
    await expect(openNotes).toContainText('No privacy policy');
    await expect(appList(page).getByRole('listitem').filter({ hasText: 'MedTrack Rx' })).not.toContainText('No privacy policy');
  });

  test('search works without JavaScript, ignores case and accents, and can be cleared', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/apps');
    const search = page.getByRole('searchbox', { name: 'Search apps' });

    await search.fill('compass health');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page).toHaveURL(/\/apps\?q=compass\+health$/);
    await expect(appList(page).getByRole('link')).toHaveText(['CareCompass']);
    await expect(page.getByRole('status')).toContainText('1 app matches “compass health”.');

    await page.getByRole('searchbox', { name: 'Search apps' }).fill('MÉDTRACK');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(appList(page).getByRole('link')).toHaveText(['MedTrack Rx']);

    await page.getByRole('searchbox', { name: 'Search apps' }).fill('quickclaims');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('No apps match “quickclaims”.');
    await expect(page.getByRole('region', { name: 'Apps you can connect' }).getByRole('link', { name: 'QuickClaims' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Show all apps' }).click();
    await expect(page).toHaveURL(/\/apps$/);
    await expect(appList(page).getByRole('link')).toHaveText(APPROVED);
    await expect(page.getByRole('searchbox', { name: 'Search apps' })).toHaveValue('');
    await context.close();
  });

  test('an app page shows all fifteen questions, the reviewer marks in words, its links and the way on', async ({ page }) => {
    await page.goto('/apps');
    await page.getByRole('link', { name: 'MedTrack Rx' }).click();
    await expect(page).toHaveURL(/\/apps\/medtrack-rx$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('MedTrack Rx');
    await expect(page.getByText('Made by MedTrack Labs, Inc.')).toBeVisible();

    const items = checklist(page);
    await expect(items).toHaveCount(15);
    await expect(items.first().getByRole('heading', { level: 3 })).toHaveText('1. What health information does the app collect?');
    await expect(items.first()).toContainText('Pharmacy claims and your coverage; nothing else.');
    await expect(items.filter({ hasText: 'Be careful' })).toHaveCount(2);
    await expect(items.filter({ hasText: 'Looks fine' })).toHaveCount(13);
    await expect(page.getByText("These answers are the app developer's own words. MassHealth did not check them.")).toBeVisible();

    const policy = page.getByRole('link', { name: 'Privacy policy (opens in a new tab)' });
    await expect(policy).toHaveAttribute('href', 'https://medtrack.example/privacy');
    await expect(policy).toHaveAttribute('target', '_blank');
    await expect(page.getByRole('link', { name: 'Terms of use (opens in a new tab)' })).toHaveAttribute('href', 'https://medtrack.example/terms');
    await expect(page.getByText('This app has no privacy policy.')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Connect this app' })).toHaveAttribute('href', '/apps/medtrack-rx/connect');
  });

  test('questions the developer did not answer say so', async ({ page }) => {
    await page.goto('/apps/blue-button-explorer');
    const items = checklist(page);
    await expect(items).toHaveCount(15);
    await expect(items.filter({ hasText: 'The developer did not answer this question.' })).toHaveCount(11);
    await expect(items.filter({ hasText: 'Looks fine' })).toHaveCount(4);
    await expect(items.nth(1)).toContainText('How does the app protect my information?');
    await expect(items.nth(1)).toContainText('The developer did not answer this question.');
  });

  test('an app with no privacy policy is warned about plainly', async ({ page }) => {
    await page.goto('/apps/open-notes');
    await expect(page.getByText('This app has no privacy policy.')).toBeVisible();
    await expect(page.getByText('That may mean it is not private or secure. Think carefully before you share.')).toBeVisible();
    await expect(page.getByRole('link', { name: /Privacy policy/ })).toHaveCount(0);
    await expect(checklist(page).filter({ hasText: 'The developer did not answer this question.' })).toHaveCount(15);
    await expect(page.getByRole('link', { name: 'Connect this app' })).toBeVisible();
  });

  for (const [id, kind] of [
    ['quickclaims', 'suspended'],
    ['wellpath-beta', 'pending'],
    ['no-such-app', 'unknown'],
  ] as const) {
    test(`a ${kind} app's page is not found`, async ({ page }) => {
      const response = await page.goto(`/apps/${id}`);
      expect(response?.status()).toBe(404);
      // Drawn by the server in the page's layouts, not only by the scripts: Next.js's notFound()
      // answers with an empty `__next_error__` shell (lib/server/http/page-status.ts).
      const html = await response!.text();
      expect(html).toContain('<html lang="en"');
      expect(html).toMatch(/<h1[^>]*>We could not find that app<\/h1>/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('We could not find that app');
      await expect(page.getByRole('link', { name: 'See the apps you can connect' })).toHaveAttribute('href', '/apps');
    });
  }

  test('an address that matches no page is titled as not found, in the member\'s language', async ({ browser }) => {
    for (const [lang, heading] of [['en', 'We could not find that page'], ['es', null]] as const) {
      const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'accept-language': lang } });
      const page = await context.newPage();
      const response = await page.goto('/no-such-page/at-all');
      expect(response?.status()).toBe(404);
      const h1 = (await page.getByRole('heading', { level: 1 }).textContent())!;
      if (heading) expect(h1).toBe(heading);
      // WCAG 2.4.2: the title names what the page shows, not only the site.
      await expect(page).toHaveTitle(new RegExp(`^${h1} · `));
      await context.close();
    }
  });

  test('without JavaScript, in Spanish, a missing app’s page still says so and offers the way back', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'es-US', extraHTTPHeaders: { 'accept-language': 'es' } });
    const page = await context.newPage();
    const response = await page.goto('/apps/no-such-app');
    expect(response?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No encontramos esa app');
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ver las apps que puede conectar' })).toHaveAttribute('href', '/apps');
    await context.close();
  });

  test('English pages pass axe with one h1', async ({ page }) => {
    for (const path of ['/apps', '/apps?q=zzz', '/apps/medtrack-rx', '/apps/carecompass', '/apps/open-notes', '/apps/quickclaims']) {
      await page.goto(path);
      await expect(page.locator('h1')).toHaveCount(1);
      await expectNoAxeViolations(page);
    }
  });

  test('Spanish pages are in Spanish and pass axe', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'es-US', extraHTTPHeaders: { 'accept-language': 'es' } });
    const page = await context.newPage();
    await page.goto('/apps');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Elija una app');
    await expect(page.getByText('Esta lista se actualizó el 30 de octubre de 2026.')).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto('/apps?q=compa%C3%B1%C3%ADa');
    await expect(page.getByRole('status')).toHaveText('Ninguna app coincide con «compañía».');
    await expectNoAxeViolations(page);

    await page.goto('/apps/medtrack-rx');
    await expect(checklist(page, ES_CHECKLIST)).toHaveCount(15);
    await expect(checklist(page, ES_CHECKLIST).first()).toContainText('¿Qué información de salud recopila la app?');
    await expect(checklist(page, ES_CHECKLIST).filter({ hasText: 'Tenga cuidado' })).toHaveCount(2);
    await expect(page.getByRole('link', { name: 'Política de privacidad (se abre en una pestaña nueva)' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto('/apps/open-notes');
    await expect(page.getByText('Esta app no tiene política de privacidad.')).toBeVisible();
    await expect(checklist(page, ES_CHECKLIST).filter({ hasText: 'El desarrollador no respondió esta pregunta.' })).toHaveCount(15);
    await expectNoAxeViolations(page);
    await context.close();
  });

  test('the keyboard reaches the search field and the first app, and opens it', async ({ page }) => {
    await page.goto('/apps');
    const search = page.getByRole('searchbox', { name: 'Search apps' });
    const firstApp = appList(page).getByRole('link').first();
    const tabUntil = async (target: typeof search, limit: number) => {
      for (let i = 0; i < limit; i += 1) {
        await page.keyboard.press('Tab');
        if (await target.evaluate((el) => el === document.activeElement)) return;
      }
      throw new Error(`Not reached after ${limit} tabs`);
    };
    await tabUntil(search, 12);
    await page.keyboard.type('explorer');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\?q=explorer$/);
    await expect(appList(page).getByRole('link')).toHaveText(['Blue Button Explorer']);

    await page.goto('/apps');
    await tabUntil(search, 12);
    await tabUntil(firstApp, 3);
    await expect(firstApp).toHaveText('Blue Button Explorer');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/apps\/blue-button-explorer$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Blue Button Explorer');
  });

  test('phone-size screenshots of the gallery and an app page', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto('/apps');
    await page.screenshot({ path: 'test-results/screenshots/gallery-phone.png', fullPage: true });
    await page.goto('/apps/medtrack-rx');
    await page.screenshot({ path: 'test-results/screenshots/app-medtrack-rx-phone.png', fullPage: true });
    await page.goto('/apps/open-notes');
    await page.screenshot({ path: 'test-results/screenshots/app-open-notes-phone.png', fullPage: true });
    await context.close();
  });
});
