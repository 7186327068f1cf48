import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';

// What issue 16 fixed (bench/pages/README.md): the first paint waited for the stylesheet request,
// by which time the JS chunks had arrived and run, so Lighthouse counted them in the LCP; and every
// link in view fired an RSC prefetch while the page loaded. The speed itself is measured by
// `npm run bench:pages`; this keeps the causes from coming back.
test('a page carries its stylesheet inline, allowed by hash under the strict CSP, and prefetches nothing while loading', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  const prefetches: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).searchParams.has('_rsc')) prefetches.push(request.url());
  });

  const response = await page.goto('/apps', { waitUntil: 'load' });
  const csp = response!.headers()['content-security-policy'];
  const html = await response!.text();
  expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
  const inline = /<style[^>]*>([\s\S]*?)<\/style>/.exec(html);
  expect(inline, 'an inline <style> with the stylesheet').not.toBeNull();
  expect(inline![1].length).toBeGreaterThan(5_000);
  const hash = `sha256-${createHash('sha256').update(inline![1]).digest('base64')}`;
  const styleSrc = csp.split('; ').find((d) => d.startsWith('style-src'))!;
  expect(styleSrc).toContain(`'${hash}'`);
  expect(csp).not.toContain('unsafe-inline');

  // The styles apply (the CSP let them through): the header has the brand colour.
  await expect(page.locator('body > header')).toHaveCSS('background-color', 'rgb(20, 85, 143)');
  await page.waitForTimeout(1_000);
  expect(violations).toEqual([]);
  expect(prefetches).toEqual([]);
});
