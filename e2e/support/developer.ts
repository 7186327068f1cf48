import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { waitForCode } from './outbox';

/** Signs a developer in (or up) with a code read from the dev outbox; lands on "Your apps". */
export async function signInDeveloper(page: Page, email: string) {
  await page.goto('/developers/sign-in');
  await page.getByLabel('Email address').fill(email);
  let before = Date.now() - 1_000;
  await page.getByRole('button', { name: 'Email me a code' }).click();
  // The same developer signed in a moment ago (an earlier test): the page says when to ask again.
  const wait = page.getByRole('alert').filter({ hasText: /You can ask for a new one in \d+ seconds?\./ });
  await expect(page.getByRole('heading', { name: 'Check your email' }).or(wait)).toBeVisible();
  if (await wait.isVisible()) {
    const seconds = Number((await wait.innerText()).match(/in (\d+) seconds?/)![1]);
    await page.waitForTimeout((seconds + 1) * 1_000);
    before = Date.now() - 1_000;
    await page.getByRole('button', { name: 'Email me a code' }).click();
  }
  await expect(page).toHaveURL(/\/developers\/sign-in\/code$/);
  const { code } = await waitForCode(email, before);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Confirm code' }).click();
  await expect(page).toHaveURL(/\/developers\/apps$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
}

export async function developerPage(browser: Browser, email: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInDeveloper(page, email);
  return { context, page };
}

const FHIRCLIENT_BUILD = path.join('node_modules', 'fhirclient', 'build', 'fhir-client.min.js');

/**
 * A developer's web page on a loopback port: whatever HTML it is given (the portal's fhirclient
 * example, copied as a developer would) at `/`, and fhirclient's browser build at the CDN path the
 * example names, served from node_modules (the test machine has no internet).
 */
export async function startExamplePage() {
  let page = '<!doctype html><title>Not yet</title>';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.endsWith('/fhir-client.min.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      fs.createReadStream(FHIRCLIENT_BUILD).pipe(res);
    } else if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** The redirect URI to register: the page itself. */
    redirectUri: `${origin}/`,
    /** Serves the example as copied; only the script's CDN origin is pointed here. */
    serve(html: string) {
      page = html.replace(/https:\/\/cdn\.jsdelivr\.net\/npm\/fhirclient@[^/]+\/build\/fhir-client\.min\.js/, `${origin}/fhir-client.min.js`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
