import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
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
    await expectNoAxeViolations(page);
  });
});
