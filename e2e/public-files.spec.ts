import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

test('robots.txt, security.txt, the web manifest and its icons are served; pages link the manifest', async ({ request, page }) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain('Disallow: /account');

  const security = await request.get('/.well-known/security.txt');
  expect(security.status()).toBe(200);
  expect(security.headers()['content-type']).toMatch(/^text\/plain/);
  const securityText = await security.text();
  expect(securityText).toMatch(/^Expires: /m);
  // Absolute URIs on the address the hub answers at.
  const origin = new URL(security.url()).origin;
  expect(securityText).toContain(`Policy: ${origin}/security\n`);
  expect(securityText).toContain(`Canonical: ${origin}/.well-known/security.txt\n`);
  const policy = await request.get(`${origin}/security`);
  expect(policy.status()).toBe(200);

  // Browsers ask for /favicon.ico on a first visit; a 404 is a console error (Lighthouse best practices).
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);

  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.status()).toBe(200);
  for (const icon of (await manifest.json()).icons as { src: string }[]) {
    const png = await request.get(icon.src);
    expect(png.status(), icon.src).toBe(200);
    expect(png.headers()['content-type']).toBe('image/png');
  }

  // The tab's icon is the mark inline: drawing it asks for nothing. The manifest's link is added
  // after the first paint (lib/server/http/start-scripts-after-first-paint.ts).
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto('/');
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/icons/apple-touch-icon.png');
  await expect(page.locator('head link[rel="icon"]')).toHaveAttribute('href', /^data:image\/svg\+xml,/);
  const icon = await page.evaluate(async () => {
    const image = new Image();
    image.src = document.querySelector<HTMLLinkElement>('head link[rel="icon"]')!.href;
    await image.decode();
    return [image.naturalWidth, image.naturalHeight];
  });
  expect(icon[0]).toBeGreaterThan(0);
  expect(icon[1]).toBe(icon[0]);
  expect(requested).not.toContain('/favicon.ico');
});

test('without JavaScript the head still names the web manifest', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/apps');
  // With scripting off, the <noscript> in the head is parsed as markup: its link is a real one.
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await context.close();
});

test('the security policy page that security.txt points to reads in both languages and passes axe', async ({ page }) => {
  await page.goto('/security');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Report a security problem');
  await expect(page.getByRole('link', { name: 'security@consent-hub.example' })).toHaveAttribute('href', 'mailto:security@consent-hub.example');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Ver esta página en español' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informar un problema de seguridad');
  await expectNoAxeViolations(page);
});
