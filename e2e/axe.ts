import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * WCAG 2.1 A and AA rules, plus best practices; zero violations allowed. Scans once the page has
 * settled: after a client-side navigation Next.js sets the new page's title when its payload has
 * arrived, and a scan before that reads a page without one. Every page has a title, so waiting for
 * it hides nothing (a page without one still fails, here and in axe).
 */
export async function expectNoAxeViolations(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  await page.waitForLoadState('domcontentloaded');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}
