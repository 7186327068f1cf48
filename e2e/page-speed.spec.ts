import { expect, test, type Page } from '@playwright/test';
import { MARIA_SESSION } from './support/connect';

/** The console errors and uncaught exceptions of the page from now on (a failed hydration shows here). */
function browserErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

// What issue 16 fixed (bench/pages/README.md): the first paint waited for the stylesheet request,
// by which time the JS chunks had arrived and run, so Lighthouse counted them in the LCP; the
// stylesheet then went inline through Next.js's `inlineCss`, which also wrote its text twice into
// the page's React Server Components payload (40% of a page's gzipped bytes); and every link in
// view fired an RSC prefetch while the page loaded. The speed itself is measured by
// `npm run bench:pages`; this keeps the causes from coming back.
test('a page carries its own part of the stylesheet once, inline with the CSP nonce, gets the whole one after the first paint, keeps both across navigations, and prefetches nothing while loading', async ({ page }) => {
  const errors = browserErrors(page);
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
  // No stylesheet the first paint waits for; the whole one only for a browser without scripts.
  expect(html.replace(/<noscript>[\s\S]*?<\/noscript>/g, '')).not.toMatch(/<link[^>]+rel="stylesheet"/);
  const wholeSheet = /<noscript><link rel="stylesheet" href="(\/site-[\w-]+\.css)"\/><\/noscript>/.exec(html)?.[1];
  expect(wholeSheet).toBeTruthy();
  const styles = [...html.matchAll(/<style([^>]*)>([\s\S]*?)<\/style>/g)];
  expect(styles, 'one inline <style>').toHaveLength(1);
  const [, attributes, css] = styles[0];
  expect(html.indexOf('<style')).toBeLessThan(html.indexOf('</head>'));
  expect(css.length).toBeGreaterThan(5_000);
  // Only the page's own part (lib/design/critical-stylesheet.ts): the whole stylesheet is larger.
  const whole = await (await page.request.get(wholeSheet!)).text();
  expect(css.length).toBeLessThan(whole.length * 0.8);
  // Its text is in the page once: not again in the RSC payload the page carries for hydration.
  expect(html.split(css.slice(0, 300)).length - 1).toBe(1);
  // Nor any 401 or 403 page: with `authInterrupts` on, Next.js put the forbidden and unauthorized
  // boundaries' content in every page's payload, once a layout. It is off: a staff page draws its
  // own 403 (lib/server/staff/require-staff.ts).
  expect(html).not.toContain('next-error-h1');
  expect(html).not.toContain('Please sign in');
  expect(html).not.toContain('You do not have access');
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

  // The whole stylesheet was fetched once, after the first frame was on screen.
  expect(stylesheetRequests.map((u) => new URL(u).pathname)).toEqual([wholeSheet]);
  expect(errors).toEqual([]);
});

// lib/design/critical-stylesheet.ts: the rules a page's first paint gets are all it needs. Every
// element's computed style with only the page's part of the stylesheet (the whole one blocked) is
// the same as with the whole one.
test("a page drawn with its own part of the stylesheet looks exactly as with the whole one", async ({ browser }) => {
  const styleOfEveryElement = () =>
    [...document.querySelectorAll('body *')].filter((element) => !/-|^(SCRIPT|STYLE|LINK|NOSCRIPT|TEMPLATE)$/.test(element.tagName)).map((element) => {
      const style = getComputedStyle(element);
      const before = getComputedStyle(element, '::before');
      const after = getComputedStyle(element, '::after');
      // Sorted: custom properties are listed in the order their rules came, which two sheets change.
      const described = [...style].sort().map((name) => `${name}:${style.getPropertyValue(name)}`).join(';');
      return `${element.tagName}.${element.className}|${described}|${before.content}${before.display}|${after.content}${after.display}`;
    });
  for (const path of ['/', '/apps', '/apps/medtrack-rx?lang=es', '/help', '/developers', '/staff/sign-in', '/account']) {
    // Maria's session for her account only (a `?lang=` link would change her language on file).
    const options = path === '/account' ? { storageState: MARIA_SESSION } : {};
    const partOnly = await browser.newContext(options);
    const part = await partOnly.newPage();
    await part.route(/\/site-[\w-]+\.css$/, (route) => route.abort());
    await part.goto(path, { waitUntil: 'load' });
    await part.waitForFunction(() => performance.getEntriesByName('hub:scripts-start').length > 0);
    await part.waitForTimeout(500);
    expect(await part.locator('head link[rel="stylesheet"]').count(), path).toBe(1);
    const withPart = await part.evaluate(styleOfEveryElement);
    await partOnly.close();

    const wholeContext = await browser.newContext(options);
    const whole = await wholeContext.newPage();
    await whole.goto(path, { waitUntil: 'load' });
    await whole.waitForFunction(() => [...document.styleSheets].some((sheet) => sheet.href?.includes('/site-')));
    await whole.waitForTimeout(500);
    const withWhole = await whole.evaluate(styleOfEveryElement);
    await wholeContext.close();

    expect(withPart.length, path).toBeGreaterThan(20);
    expect(withPart.length, path).toBe(withWhole.length);
    const firstDifference = (a: string, b: string) => {
      const [x, y] = [a.split(/[|;]/), b.split(/[|;]/)];
      const at = x.findIndex((part, i) => part !== y[i]);
      return `${x[0]}: ${x[at]} / ${y[at]}`;
    };
    const differing = withPart.map((style, i) => (style === withWhole[i] ? null : firstDifference(style, withWhole[i]))).filter(Boolean);
    expect(differing, path).toEqual([]);
  }
});

// Next.js writes its chunks as async scripts, which the browser ran as they arrived, before the
// first frame was on screen: the text waited for the framework (lib/server/http/
// start-scripts-after-first-paint.ts). They now start once the first contentful paint is presented.
test('a page shows its text before its scripts start, then hydrates with them', async ({ page }) => {
  const errors = browserErrors(page);
  for (const path of ['/apps', '/apps/medtrack-rx']) {
    const response = await page.goto(path);
    const html = await response!.text();
    // No chunk runs from the markup or is preloaded by it; the loader starts each.
    expect(html).not.toMatch(/<script[^>]+src="\/_next\/static\/[^"]+\.js"[^>]*\basync\b/);
    const chunks = [...html.matchAll(/__hubScript\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(chunks.length).toBeGreaterThan(3);
    expect(html).not.toMatch(/<link[^>]+rel="(?:preload|modulepreload)"[^>]+\/_next\/static\/[^"]+\.js/i);

    const timing = await page.waitForFunction(() => {
      const start = performance.getEntriesByName('hub:scripts-start')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return start && fcp ? { start: start.startTime, fcp: fcp.startTime } : null;
    });
    const { start, fcp } = (await timing.jsonValue())!;
    expect(start).toBeGreaterThanOrEqual(fcp);
    // The first frame held back until the main content was parsed, so the largest paint is that
    // frame's too: none comes after the scripts started.
    const largest = await page.evaluate(
      () => new Promise<number[]>((resolve) => new PerformanceObserver((list) => resolve(list.getEntries().map((e) => e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true })),
    );
    expect(largest.length).toBeGreaterThan(0);
    for (const time of largest) expect(time).toBeLessThanOrEqual(start);
    // Every chunk ran: the framework hydrated the page and took over its links (a client-side
    // navigation fetches the next page's RSC payload, not a document).
    const loaded = await page.evaluate(() => [...document.querySelectorAll('head script[src]')].map((s) => new URL((s as HTMLScriptElement).src).pathname));
    expect(loaded).toEqual(expect.arrayContaining(chunks));
    // And none was fetched before the first frame was on screen: a download that ends before the
    // largest paint is on that paint's path in Lighthouse's simulation of a slow phone. A chunk's
    // timing entry appears once its download has ended, so this waits for every chunk's (a chunk
    // still downloading when the scripts' tags are counted has none yet).
    const everyChunkFetched = await page.waitForFunction((names) => {
      const entries = performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.startsWith('/_next/static/') && e.name.endsWith('.js'))
        .map((e) => ({ name: new URL(e.name).pathname, at: e.startTime }));
      return names.every((name) => entries.some((e) => e.name === name)) ? entries : null;
    }, chunks);
    const fetched = (await everyChunkFetched.jsonValue())!;
    expect(fetched.map((f) => f.name)).toEqual(expect.arrayContaining(chunks));
    for (const script of fetched) expect(script.at, script.name).toBeGreaterThanOrEqual(fcp);
  }
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(request.url());
  });
  await page.locator('main a[href="/apps"]').first().click();
  await expect(page).toHaveURL(/\/apps$/);
  expect(documents).toEqual([]);
  expect(errors).toEqual([]);
});

// lib/server/http/serve-precompressed-static.ts: the server compresses each build script once, at
// Brotli's best, instead of on every request; the browser gets the same script with the same headers.
test("a page's scripts come compressed once, at Brotli's best, with the headers Next.js gives them", async ({ page, request }) => {
  const html = await (await page.goto('/apps'))!.text();
  const chunks = [...html.matchAll(/__hubScript\("([^"]+)"\)/g)].map((m) => m[1]);
  expect(chunks.length).toBeGreaterThan(3);
  for (const chunk of chunks) {
    // The page's own load asked for it once: it is compressed in the background, then held.
    await expect
      .poll(async () => (await request.get(chunk, { headers: { 'accept-encoding': 'br' } })).headers()['content-length'], { timeout: 10_000 })
      .toMatch(/^\d+$/);
    const answer = await request.get(chunk, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const headers = answer.headers();
    expect(answer.status()).toBe(200);
    expect(headers['content-encoding']).toBe('br');
    expect(headers['content-type']).toBe('application/javascript; charset=UTF-8');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(headers['x-request-id']).toBeTruthy();
    // The same script as the file Next.js serves uncompressed (the client decodes the Brotli).
    const plain = await request.get(chunk, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers()['content-encoding']).toBeUndefined();
    expect((await answer.body()).equals(await plain.body())).toBe(true);
    const again = await request.get(chunk, { headers: { 'accept-encoding': 'br', 'if-none-match': headers.etag } });
    expect(again.status()).toBe(304);
  }
});
