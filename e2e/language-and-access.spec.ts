import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { connectAsMember, fillIdentity, LABELS, MARIA, MARIA_SESSION, pastIdentityStep, reviewPrivacyAndTerms } from './support/connect';
import { fastForwardUntilVisible } from './support/clock';
import { waitForCode } from './support/outbox';
import { STAFF, signInStaff } from './support/staff';

// Issue 17: Section 1557 notices and taglines, Spanish that cannot mislead, WCAG 2.2 AA.

const TAGLINE_LANGS: [string, 'ltr' | 'rtl'][] = [
  ['es', 'ltr'], ['pt', 'ltr'], ['zh-Hant', 'ltr'], ['ht', 'ltr'], ['vi', 'ltr'], ['km', 'ltr'], ['ru', 'ltr'], ['ar', 'rtl'],
  ['it', 'ltr'], ['ko', 'ltr'], ['el', 'ltr'], ['fr', 'ltr'], ['pl', 'ltr'], ['hi', 'ltr'], ['gu', 'ltr'],
];

const NOTICES = {
  en: ['We do not discriminate because of race, color, national origin, sex', 'We give free help so you can talk with us'],
  es: ['No discriminamos por raza, color, país de origen, sexo', 'Le damos ayuda gratis para que pueda hablar con nosotros'],
};

async function expectNoticesIn(page: Page, scope: string, lang: 'en' | 'es') {
  const notices = page.locator(scope).locator('[data-language-access]');
  await expect(notices).toHaveCount(1);
  for (const text of NOTICES[lang]) await expect(notices).toContainText(text);
  const taglines = notices.locator('li[data-tagline]');
  await expect(taglines).toHaveCount(15);
  for (const [code, dir] of TAGLINE_LANGS) {
    const tagline = notices.locator(`li[lang="${code}"][dir="${dir}"]`);
    await expect(tagline, code).toHaveCount(1);
    await expect(tagline, code).toContainText('1-800-841-2900');
  }
}

test.describe('Section 1557 notices and taglines', () => {
  test('are in the footer of every kind of page, and on /help, in English and Spanish, axe clean', async ({ page }) => {
    const pages = ['/', '/apps', '/apps/carecompass', '/help', '/account', '/developers', '/developers/sign-in', '/staff/sign-in', '/security', '/no-such-page'];
    for (const path of pages) {
      await page.goto(path);
      await expectNoticesIn(page, 'footer', 'en');
    }
    await page.goto('/help');
    await expectNoticesIn(page, 'main', 'en');
    await expectNoAxeViolations(page);
    await signInStaff(page, STAFF.casey);
    await expectNoticesIn(page, 'footer', 'en');

    await page.goto('/help');
    await page.getByRole('button', { name: 'Ver esta página en español' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expectNoticesIn(page, 'main', 'es');
    await expectNoticesIn(page, 'footer', 'es');
    // The federal offices' postal addresses stay in English, and are marked so for screen readers.
    await expect(page.getByText(/200 Independence Avenue/)).toHaveAttribute('lang', 'en');
    await expect(page.getByText(/600 Pennsylvania Avenue/)).toHaveAttribute('lang', 'en');
    await expectNoAxeViolations(page);
  });
});

test('on a Spanish page, what a developer wrote (in English) is marked as English for screen readers', async ({ page }) => {
  await page.goto('/apps');
  await page.getByRole('button', { name: 'Ver esta página en español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByText('A sample app that reads your claims, for testing connections.')).toHaveAttribute('lang', 'en');
  await page.goto('/apps/carecompass');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  const answers = page.getByRole('main').locator('ol li p[lang="en"]');
  expect(await answers.count()).toBeGreaterThan(5);
  // The questions and the reviewer's marks are the hub's own words, in Spanish.
  await expect(page.getByRole('main').locator('ol li h3 [lang]')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a link that names its language (?lang=es, as a letter prints it) opens the page in that language and keeps it', async ({ page }) => {
  const response = await page.request.get('/apps/carecompass?lang=es&from=letter', { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(new URL(response.headers().location, response.url()).pathname + new URL(response.headers().location, response.url()).search).toBe('/apps/carecompass?from=letter');
  await page.goto('/apps/carecompass?lang=es');
  await expect(page).toHaveURL(/\/apps\/carecompass$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.goto('/help');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.goto('/help?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // A language the site does not have changes nothing and is not an error.
  const other = await page.request.get('/help?lang=fr', { maxRedirects: 0 });
  expect(other.status()).toBe(200);
});

/** Past "Verify identity": Maria's saved session goes on with "Continue"; if it has ended meanwhile, she verifies again. */
async function pastIdentity(page: Page) {
  await pastIdentityStep(page, MARIA);
  await expect(page).toHaveURL(/\/approve$/);
}

test.describe('WCAG 2.2 AA fixes', () => {
  test('the identity form: the summary’s links name their field, the date message once, the ZIP code’s five digits', async ({ page }) => {
    await page.goto('/account');
    await page.getByLabel('ZIP code', { exact: true }).fill('021');
    await page.getByRole('button', { name: 'Verify identity' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    const links = summary.getByRole('link');
    await expect(links).toHaveText([
      'First name: Fill in this field.',
      'Last name: Fill in this field.',
      'Date of birth: Enter a real date of birth: month, day, year. For March 12, 1984: 3 12 1984.',
      'Member ID: Fill in this field.',
      'ZIP code: Enter the 5-digit ZIP code of your address, like 02119.',
    ]);
    await expectNoAxeViolations(page);
  });

  test('no page of a member scrolls sideways at 320 px, with the demo data', async ({ browser }) => {
    const context = await browser.newContext({ storageState: MARIA_SESSION, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const noSidewaysScroll = async (what: string) => {
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
      expect(widths.scroll, `${what} at 320 px`).toBeLessThanOrEqual(widths.view);
    };
    await page.goto('/apps');
    const appPages = await page.locator('main a[href^="/apps/"]').evaluateAll((links) => [...new Set(links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))]);
    const galleryPages = appPages.filter((p) => /^\/apps\/[\w-]+$/.test(p));
    expect(galleryPages).toContain('/apps/carecompass');
    const pages = ['/', '/apps', '/help', '/help/sharing', '/account', '/account/report', '/account/sharing', '/security', ...galleryPages];
    for (const path of pages) {
      await page.goto(path);
      await noSidewaysScroll(path);
    }
    // The steps of a connection, up to "Approve data share".
    await page.goto('/apps/carecompass/connect');
    await noSidewaysScroll('privacy step');
    await page.getByRole('button', { name: LABELS.en.readPrivacy }).click();
    await noSidewaysScroll('terms step');
    await page.getByLabel(LABELS.en.agree).check();
    await page.getByRole('button', { name: LABELS.en.agreeButton }).click();
    await noSidewaysScroll('identity step');
    await pastIdentity(page);
    await noSidewaysScroll('approve step');
    // A connection's own pages.
    await page.goto('/account');
    const connectionPages = await page.locator('main a[href^="/account/connections/"]').evaluateAll((links) => [...new Set(links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))]);
    for (const path of connectionPages.filter((p) => !p.endsWith('/open')).slice(0, 6)) {
      await page.goto(path);
      await noSidewaysScroll(path);
    }
    await context.close();

    // The code step, with the masked address, for someone not signed in.
    const fresh = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const codePage = await fresh.newPage();
    await codePage.goto('/account');
    await fillIdentity(codePage, MARIA);
    await expect(codePage).toHaveURL(/\/account\/code$/);
    await expect(codePage.getByText('m•••')).not.toHaveCount(0);
    const widths = await codePage.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    expect(widths.scroll, 'code step at 320 px').toBeLessThanOrEqual(widths.view);
    await fresh.close();
  });

  test('the approval step: its groups are headings, the category error is tied to the group, hints are read once', async ({ browser }) => {
    const context = await browser.newContext({ storageState: MARIA_SESSION });
    const page = await context.newPage();
    await page.goto('/apps/carecompass/connect');
    await reviewPrivacyAndTerms(page);
    await pastIdentity(page);
    for (const name of ['What CareCompass can get', 'How long can CareCompass get your data?']) {
      await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
      await expect(page.locator('fieldset > legend').getByRole('heading', { name })).toHaveCount(1);
    }
    // A box's name is its label only; its hint is its description, once.
    const claims = page.getByRole('checkbox', { name: 'Claims and visits', exact: true });
    await expect(claims).toHaveCount(1);
    await expect(claims).toHaveAccessibleDescription(/.+/);
    for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
    await page.getByLabel(LABELS.en.confirmShare).check();
    await page.getByRole('button', { name: LABELS.en.approve }).click();
    const group = page.getByRole('group', { name: 'What CareCompass can get' });
    await expect(group).toHaveAccessibleDescription(/Choose at least one kind of data to share\./);
    await expect(page.getByText('Choose at least one kind of data to share.', { exact: true })).toHaveCount(1); // the group's own message
    await expect(page.getByRole('link', { name: 'What to share: Choose at least one kind of data to share.' })).toBeVisible(); // the summary names the field
    for (const box of await group.getByRole('checkbox').all()) await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
    await context.close();
  });

  test('“Send code to my email” and “Stop sharing” move focus to what happened; the code’s ten minutes are said and warned of', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto('/account');
    await fillIdentity(page, MARIA);
    await expect(page).toHaveURL(/\/account\/code$/);
    const before = Date.now() - 1000;
    await page.getByRole('button', { name: LABELS.en.send }).click();
    const sent = page.locator('[data-focus-on-arrival]');
    await expect(sent).toContainText('m•••');
    await expect(sent).toBeFocused();
    await expect(page.getByText(/^The code works for 10 minutes, until /)).toBeVisible();
    await fastForwardUntilVisible(page, page.getByRole('alert').filter({ hasText: 'Your code stops working in 2 minutes. If it stops, ask for a new code.' }));
    const { code } = await waitForCode(MARIA.email, before);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: LABELS.en.confirm }).click();
    await expect(page).toHaveURL(/\/account(\?.*)?$/);
    await expect(page.getByText('Signed in as Maria Santos')).toBeVisible();

    // Stop sharing: focus lands on "You stopped sharing with …".
    await page.goto('/apps/open-notes/connect');
    await connectAsMember(page);
    await page.goto('/account');
    await page.locator('a[href$="/stop"]').first().click();
    await page.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(page).toHaveURL(/\/account\?stopped=/);
    const stopped = page.locator('[data-focus-on-arrival]');
    await expect(stopped).toContainText('You stopped sharing with');
    await expect(stopped).toBeFocused();
    await context.close();
  });

  test('every step says until when the connection lasts, also without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/apps/carecompass/connect');
    await expect(page.locator('[data-time-limit]')).toHaveText(/^You have until .+ to finish these steps\./);
    await context.close();
  });

  test('the idle warning: focused footer links stay clear of it, and “Stay signed in” says so', async ({ browser }) => {
    const context = await browser.newContext({ storageState: MARIA_SESSION });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto('/account');
    const stay = page.getByRole('button', { name: 'Stay signed in' });
    await fastForwardUntilVisible(page, stay, '01:00');
    await expect(stay).toBeFocused();
    const bar = page.locator('div.fixed').filter({ has: stay });
    // Tab on into the footer: no focused element is under the bar.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || !el.closest('footer')) return null;
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, text: el.textContent };
      });
      if (!focused) continue;
      const barBox = (await bar.boundingBox())!;
      expect(focused.bottom, `${focused.text} is above the bar`).toBeLessThanOrEqual(barBox.y + 1);
    }
    await stay.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'You are still signed in.' })).toBeVisible();
    await context.close();
  });
});
