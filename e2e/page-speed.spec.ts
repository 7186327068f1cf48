import { expect, test } from '@playwright/test';

// What issue 16 fixed (bench/pages/README.md): the first paint waited for the stylesheet request,
// by which time the JS chunks had arrived and run, so Lighthouse counted them in the LCP; the
// stylesheet then went inline through Next.js's `inlineCss`, which also wrote its text twice into
// the page's React Server Components payload (40% of a page's gzipped bytes); and every link in
// view fired an RSC prefetch while the page loaded. The speed itself is measured by
// `npm run bench:pages`; this keeps the causes from coming back.
test('a page carries its stylesheet once, inline with the CSP nonce, keeps it across navigations, and prefetches nothing while loading', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const rscRequests: string[] = [];
  const stylesheetRequests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.searchParams.has('_rsc')) rscRequests.push(request.url());
    if (url.pathname.endsWith('.css') || request.resourceType() === 'stylesheet') stylesheetRequests.push(request.url());
  });

  const response = await page.goto('/apps', { waitUntil: 'load' });
  const csp = response!.headers()['content-security-policy'];
  // Compressed by server.ts (lib/server/http/compress-pages.ts): Brotli, which Chromium asks for.
  expect(response!.headers()['content-encoding']).toBe('br');
  const html = await response!.text();
  expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
  const styles = [...html.matchAll(/<style([^>]*)>([\s\S]*?)<\/style>/g)];
  expect(styles, 'one inline <style>').toHaveLength(1);
  const [, attributes, css] = styles[0];
  expect(html.indexOf('<style')).toBeLessThan(html.indexOf('</head>'));
  expect(css.length).toBeGreaterThan(5_000);
  // Its text is in the page once: not again in the RSC payload the page carries for hydration.
  expect(html.split('.btn-primary{').length - 1).toBe(1);
  const nonce = /nonce="([^"]+)"/.exec(attributes)?.[1];
  expect(nonce, 'the style has a nonce').toBeTruthy();
  const styleSrc = csp.split('; ').find((d) => d.startsWith('style-src'))!;
  expect(styleSrc).toBe(`style-src 'self' 'nonce-${nonce}'`);
  expect(csp).not.toContain('unsafe-inline');

  // The styles apply (the CSP let them through): the header has the brand colour.
  const header = page.locator('body > header');
  await expect(header).toHaveCSS('background-color', 'rgb(20, 85, 143)');
  await page.waitForTimeout(1_000);
  expect(rscRequests).toEqual([]);

  // A client-side navigation keeps the stylesheet in the head: nothing to fetch, nothing unstyled.
  await page.getByRole('link', { name: /MedTrack Rx/ }).first().click();
  await expect(page).toHaveURL(/\/apps\/medtrack-rx$/);
  await expect(page.locator('h1')).toBeVisible();
  expect(rscRequests.length).toBeGreaterThan(0);
  await expect(header).toHaveCSS('background-color', 'rgb(20, 85, 143)');
  await expect(page.locator('head style[data-site-stylesheet]')).toHaveCount(1);
  await expect(page.locator('a.btn-primary, button.btn-primary').first()).toHaveCSS('background-color', 'rgb(20, 85, 143)');

  expect(stylesheetRequests).toEqual([]);
  expect(errors).toEqual([]);
});
