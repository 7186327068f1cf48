import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext } from '@playwright/test';
import { connectAsMember, MARIA, MARIA_SESSION, SAMPLE_APP } from './support/connect';

/**
 * A browser-only SMART app that runs the launch in a popup, as fhirclient's
 * `authorize({ target: 'popup', completeInTarget: false })` does: the popup goes through the
 * authorization server and the connect flow, and its redirect page hands the code back to the
 * window that opened it (`opener.postMessage`) and closes. That only works while every page the
 * popup passes through leaves the opener in place: a page with `Cross-Origin-Opener-Policy:
 * same-origin` cuts it for good (and clears `window.name`), and the app never gets its code.
 *
 * The app's pages are served by the test itself at the sample app's registered origin and redirect
 * URI (`blue-button-explorer`, a public client), so no server of its own is needed; fhirclient's
 * browser build comes from node_modules.
 */
const FHIR_CLIENT_JS = fs.readFileSync(path.join(process.cwd(), 'node_modules/fhirclient/build/fhir-client.min.js'), 'utf8');
const APP_HOME = `${SAMPLE_APP}/popup-app`;
const REDIRECT_URI = `${SAMPLE_APP}/callback`;

function appPage(iss: string, script: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Popup app</title>
<script src="${SAMPLE_APP}/fhir-client.js"></script></head>
<body><main><h1>Popup app</h1><button id="connect" type="button">Connect my health plan</button>
<p id="status" role="status">Not connected</p></main>
<script>const ISS = ${JSON.stringify(iss)}; ${script}</script></body></html>`;
}

async function serveApp(context: BrowserContext, iss: string) {
  await context.route(`${SAMPLE_APP}/fhir-client.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: FHIR_CLIENT_JS }));
  await context.route(APP_HOME, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: appPage(
        iss,
        `document.getElementById('connect').addEventListener('click', () => {
           FHIR.oauth2.authorize({ clientId: 'blue-button-explorer', scope: 'launch/patient openid fhirUser patient/*.rs',
             redirectUri: ${JSON.stringify(REDIRECT_URI)}, iss: ISS, pkceMode: 'required', target: 'popup', completeInTarget: false });
         });`,
      ),
    }),
  );
  // Playwright does not route a request reached by a redirect, and the hub sends the popup to the
  // redirect URI with a 303. That 303 is answered here as a page that goes on by itself, with the
  // hub's own headers, so what the browser does with them is unchanged; the next request is routed.
  await context.route(`${new URL(iss).origin}/oauth/auth/*`, async (route) => {
    const answer = await route.fetch({ maxRedirects: 0 });
    const location = answer.headers().location;
    if (answer.status() !== 303 || !location?.startsWith(`${REDIRECT_URI}?`)) return route.fulfill({ response: answer });
    const headers: Record<string, string> = { ...answer.headers(), 'content-type': 'text/html' };
    delete headers.location;
    delete headers['content-length'];
    const target = location.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    await route.fulfill({ status: 200, headers, body: `<!doctype html><meta http-equiv="refresh" content="0;url=${target}"><title>Redirect</title>` });
  });
  await context.route((url) => url.href.startsWith(`${REDIRECT_URI}?`), (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: appPage(
        iss,
        `document.getElementById('status').textContent = 'Finishing';
         FHIR.oauth2.ready()
           .then((client) => client.patient.read())
           .then((patient) => { document.getElementById('status').textContent = 'Connected: ' + patient.id + (window.opener ? ' (in the popup)' : ''); })
           .catch((error) => { document.getElementById('status').textContent = 'Failed: ' + error.message; });`,
      ),
    }),
  );
}

// The app's pages come from the test, not from an address, so Chromium counts them as public and
// refuses their requests to the hub on loopback (Local Network Access). Deployed, both are public.
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-features=LocalNetworkAccessChecks'] } });

test('an app that runs the launch in a popup gets its code back in the window that opened it', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: MARIA_SESSION });
  await serveApp(context, `${baseURL}/fhir`);
  const app = await context.newPage();
  await app.goto(APP_HOME);
  const popupOpened = app.waitForEvent('popup');
  await app.getByRole('button', { name: 'Connect my health plan' }).click();
  const popup = await popupOpened;
  await connectAsMember(popup, MARIA);
  const closed = popup.waitForEvent('close');
  await popup.getByRole('link', { name: /Continue to/ }).click();
  // The popup hands the code to its opener and closes itself; the app's own window finishes the
  // token exchange and reads the member's Patient resource.
  await closed;
  await expect(app.getByRole('status')).toHaveText(/^Connected: [\w-]+$/, { timeout: 20_000 });
  await context.close();
});

test('the account, staff and developer areas keep other windows out; the pages an app can open do not cut the opener', async ({ request }) => {
  for (const path of ['/account', '/account/sharing', '/staff', '/staff/sign-in', '/developers', '/developers/sign-in', '/dev/outbox']) {
    const answer = await request.get(path, { maxRedirects: 0 });
    expect(answer.headers()['cross-origin-opener-policy'], path).toBe('same-origin');
    expect(answer.headers()['x-frame-options'], path).toBe('DENY');
  }
  for (const path of ['/', '/apps', '/apps/blue-button-explorer', '/help', '/connect/expired', '/accounts', '/developer']) {
    const answer = await request.get(path, { maxRedirects: 0 });
    expect(answer.headers()['cross-origin-opener-policy'], path).toBeUndefined();
    expect(answer.headers()['x-frame-options'], path).toBe('DENY');
    expect(answer.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
  }
});
