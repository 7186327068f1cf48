import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

// Requests no page should see, answered before Next.js reads them (lib/server/http/guard-page-posts.ts,
// the router's bad-address check): each with its own page and status in the browser's language,
// never Next.js's bare "Internal Server Error".

/** The id of the language form's server action on /help, as the page writes it for a form sent without JavaScript. */
async function languageActionField(request: APIRequestContext): Promise<string> {
  const html = await (await request.get('/help')).text();
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)?.[1];
  expect(field, 'the language form on /help').toBeTruthy();
  return field!;
}

test('a form posted from another site gets a 403 page, not a 500, and changes nothing', async ({ request, baseURL }) => {
  const field = await languageActionField(request);
  const answer = await request.post('/help', {
    headers: { origin: 'https://evil.example', 'accept-language': 'es' },
    multipart: { [field]: '', locale: 'es', returnTo: '/help' },
    maxRedirects: 0,
  });
  expect(answer.status()).toBe(403);
  expect(await answer.text()).toContain('Este formulario vino de otro sitio web');
  // The action did not run: no language was set.
  expect(answer.headers()['set-cookie']).toBeUndefined();
  // The same form from the site's own page goes through (a redirect back to /help in Spanish).
  const own = await request.post('/help', { headers: { origin: new URL(baseURL!).origin }, multipart: { [field]: '', locale: 'es', returnTo: '/help' }, maxRedirects: 0 });
  expect(own.status()).toBe(303);
});

test('an unreadable or over-long form gets a 400 or 413 page, on a page and on a connect step alike', async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const field = await languageActionField(request);
  for (const path of ['/help', '/connect/not-a-flow/identity']) {
    const noBoundary = await request.post(path, { headers: { origin, 'content-type': 'multipart/form-data' }, data: 'x', maxRedirects: 0 });
    expect(noBoundary.status(), path).toBe(400);
    expect(await noBoundary.text()).toContain('We could not read what was sent');
    const cut = await request.post(path, {
      headers: { origin, 'content-type': 'multipart/form-data; boundary=zzz' },
      data: `--zzz\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n\r\n`,
      maxRedirects: 0,
    });
    expect(cut.status(), path).toBe(400);
    const long = await request.post(path, { headers: { origin }, multipart: { [field]: '', locale: 'es', returnTo: '/help', note: 'x'.repeat(2 * 1024 * 1024) }, maxRedirects: 0 });
    expect(long.status(), path).toBe(413);
    expect(await long.text()).toContain('What you sent is too long');
  }
});

test.describe('in a browser set to Spanish', () => {
  test.use({ locale: 'es-US' });

  test('an address with bytes that are not allowed gets a 400 page in the member’s language that passes axe', async ({ page }) => {
    // No language chosen on the site yet (a cookie would win): the browser's language decides.
    await page.context().clearCookies();
    const answer = await page.goto('/apps/%zz');
    expect(answer?.status()).toBe(400);
    expect(answer?.headers()['x-content-type-options']).toBe('nosniff');
    expect(answer?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No pudimos leer lo que se envió');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expectNoAxeViolations(page);
  });
});

test('the staff sign-in endpoints answer a request they cannot take with the sign-in page or a 400, never a 500 or a page of their own', async ({ request }) => {
  const byHand = await request.get('/api/auth/callback/credentials', { maxRedirects: 0 });
  expect(byHand.status()).toBe(303);
  expect(byHand.headers().location).toMatch(/\/staff\/sign-in\?from=auth&error=Callback$/);
  const notAForm = await request.post('/api/auth/callback/credentials', { headers: { 'content-type': 'application/json' }, data: Buffer.from('{bad'), maxRedirects: 0 });
  expect(notAForm.status()).toBe(400);
  for (const path of ['/api/auth/signout', '/api/auth/verify-request']) {
    const page = await request.get(path, { maxRedirects: 0 });
    expect(page.status(), path).toBe(302);
    expect(page.headers().location, path).toContain('/staff/sign-in');
  }
});
