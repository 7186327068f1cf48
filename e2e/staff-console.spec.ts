import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { connectAsMember, MARIA, MARIA_SESSION, SAMPLE_APP } from './support/connect';
import { waitForMail } from './support/outbox';
import { e2ePayerDay } from './support/payer-day';
import { payerDayFromToday, STAFF, staffPage } from './support/staff';

// One journey after another, as a shift goes: later tests find what earlier ones did.
test.describe.configure({ mode: 'serial' });

const asMaria = (browser: Browser) => browser.newContext({ storageState: MARIA_SESSION });

/** Finds a caller by member ID, as they read it off their card. */
async function findByMemberId(page: Page, memberId: string) {
  await page.goto('/staff');
  await page.getByLabel('Member ID or representative ID').fill(memberId);
  await page.getByRole('button', { name: 'Find' }).click();
}

test('a wrong password says so in the title and in the message tied to both fields', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/staff');
  await page.getByLabel('Username').fill(STAFF.casey.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Filtered: Next.js's route announcer is an (empty) alert too once the page has hydrated.
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('You are not signed in');
  await expect(page).toHaveTitle(/^Error: Staff sign-in/);
  for (const field of ['Username', 'Password']) {
    await expect(page.getByLabel(field)).toHaveAttribute('aria-describedby', 'sign-in-error');
    await expect(page.getByLabel(field)).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(page.getByLabel('Username')).toBeFocused();
  await expectNoAxeViolations(page);
  await context.close();
});

test('casey.csr signs in, finds Kevin Tran by name and date of birth with the keyboard, and reads that he can connect on his start date + 7', async ({ browser }) => {
  const { context, page } = await staffPage(browser, STAFF.casey);
  await expect(page.getByRole('heading', { level: 1, name: 'Find a caller' })).toBeVisible();
  await expect(page.getByLabel('Member ID or representative ID')).toBeFocused();
  await expectNoAxeViolations(page);

  // Typed as a caller spells it: case and spacing do not matter. Keyboard only, Enter to find.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Last name')).toBeFocused();
  await page.keyboard.type('TRAN ');
  await page.keyboard.press('Tab');
  await page.keyboard.type(' kevin');
  for (const part of ['11', '2', '1991']) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(part);
  }
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/staff\/members\/100000000002$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Kevin Tran' })).toBeVisible();
  // Enrolled three days ago: eligible on his start date + 7, four days from today.
  await expect(page.locator('#eligibility')).toContainText(`Can connect from ${payerDayFromToday(4)}.`);
  await expect(page.locator('#eligibility')).toContainText('New members can connect apps after 7 days of enrollment.');
  await expect(page.locator('#send-link')).toContainText('cannot connect an app today');
  await expectNoAxeViolations(page);

  // Sign-out ends the session on the server: a copy of its cookie opens nothing afterwards.
  const saved = await context.cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  await context.addCookies(saved);
  await page.goto('/staff/members/100000000002');
  await expect(page).toHaveURL(/\/staff\/sign-in/);
  await context.close();
});

test('casey.csr stops Maria’s connection to the sample app with a reason: the app gets 401, Maria’s account and email say customer service stopped it and why', async ({ browser }) => {
  test.setTimeout(120_000);
  const maria = await asMaria(browser);
  const app = await maria.newPage();
  await app.goto(`${SAMPLE_APP}/standalone`);
  await connectAsMember(app, MARIA);
  await app.getByRole('link', { name: /Continue to/ }).click();
  await expect(app.getByTestId('fhir-status')).toHaveText('200');

  const { context, page } = await staffPage(browser, STAFF.casey);
  await findByMemberId(page, '1000 0000 0001');
  await expect(page).toHaveURL(/\/staff\/members\/100000000001$/);
  const current = page.getByRole('list', { name: 'Current connections' });
  await expect(current.getByRole('heading', { name: 'Blue Button Explorer' }).first()).toBeVisible();
  await expect(page.locator('#verification')).toContainText('m•••••••••s@members.example');
  await expect(page.locator('body')).not.toContainText('maria.santos@members.example');
  const stopForm = page.locator('#connections form');
  // Newest first: the connection the sample app has just made.
  await stopForm.getByRole('radio', { name: 'Blue Button Explorer' }).first().check();
  await stopForm.getByRole('radio', { name: 'The caller thinks the app misuses their information' }).check();
  await stopForm.getByLabel(/Note for the record/).fill('Caller saw ads about her prescriptions.');
  const before = Date.now() - 1_000;
  await stopForm.getByRole('button', { name: 'Stop this connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The connection to Blue Button Explorer is stopped.' })).toBeVisible();
  await context.close();

  // The app's very next call is refused.
  await app.goto(`${SAMPLE_APP}/claims`);
  await expect(app.getByTestId('fhir-status')).toHaveText('401');

  // Her account says who stopped it (the service, not the person) and why.
  const account = await maria.newPage();
  await account.goto('/account');
  const stopped = account.getByRole('list', { name: 'Past connections', exact: true }).first().getByRole('listitem').filter({ hasText: 'Blue Button Explorer' }).first();
  await expect(stopped).toContainText('MassHealth Customer Service stopped sharing. Why: You told us you think the app is misusing your information.');
  await expect(account.locator('body')).not.toContainText('Casey');
  const mail = await waitForMail(MARIA.email, /MassHealth stopped sharing your information with Blue Button Explorer/, before);
  expect(mail.text).toContain('Why: You told us you think the app is misusing your information.');
  expect(mail.text).not.toContain('Casey');
  await maria.close();
});

test('casey.csr sends Maria a link to connect an app; Maria completes the connection from it', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await staffPage(browser, STAFF.casey);
  await findByMemberId(page, '100000000001');
  const before = Date.now() - 1_000;
  await page.locator('#send-link').getByRole('radio', { name: 'MedTrack Rx' }).check();
  await page.locator('#send-link').getByRole('button', { name: 'Send the link' }).click();
  await expect(page.locator('#send-link').getByRole('status')).toContainText('A link to connect MedTrack Rx is on its way');
  await context.close();

  const mail = await waitForMail(MARIA.email, /Connect MedTrack Rx to your MassHealth information/, before);
  expect(mail.text).not.toMatch(/\b\d{6}\b/);
  const link = /(http:\/\/\S+\/apps\/medtrack-rx\/connect)/.exec(mail.text)![1];

  // In her own browser (where she may still be signed in; otherwise she proves who she is with her own code).
  const maria = await asMaria(browser);
  const flow = await maria.newPage();
  await flow.goto(link);
  await connectAsMember(flow, MARIA);
  await expect(flow.getByText('MedTrack Rx').first()).toBeVisible();
  await flow.goto('/account');
  await expect(flow.getByRole('list', { name: 'Connected apps', exact: true }).first().getByRole('heading', { name: 'MedTrack Rx' }).first()).toBeVisible();
  await maria.close();
});

test('casey.csr cannot open the audit trail, reports, app review or the privacy queue, and direct route calls are refused on the server; member and staff sessions never cross', async ({ browser }) => {
  const { context, page } = await staffPage(browser, STAFF.casey);
  await expect(page.getByRole('navigation', { name: 'Staff console' }).getByRole('link')).toHaveText(['Find a caller']);
  for (const path of ['/staff/audit', '/staff/reports', '/staff/apps', '/staff/cases']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
    // The title says what the page shows (WCAG 2.4.2), not the name of the page refused.
    await expect(page).toHaveTitle(/^You do not have access to this page · /);
    // Drawn by the server, not only by the scripts: without JavaScript the refusal is on the page.
    const served = await page.request.get(path);
    expect(served.status(), path).toBe(403);
    const html = await served.text();
    expect(html, path).toMatch(/<html lang="en"/);
    expect(html, path).toContain('<h1>You do not have access to this page</h1>');
    expect(html, path).toContain('Find a caller');
  }
  await expectNoAxeViolations(page);
  for (const path of ['/staff/audit/export', '/staff/reports/export?year=2026', '/staff/api/cases']) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
    expect(await response.text()).not.toContain('casey.csr,');
  }
  // A staff session is not a member's: the account asks for a member's identity.
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to see your connected apps');
  expect((await page.request.get('/account/api/connections')).status()).toBe(401);
  await context.close();

  // A member's session never opens the console.
  const maria = await asMaria(browser);
  const memberPage = await maria.newPage();
  await memberPage.goto('/staff');
  await expect(memberPage).toHaveURL(/\/staff\/sign-in/);
  expect((await memberPage.request.get('/staff/api/cases')).status()).toBe(401);
  await maria.close();
});

test('a case logged by casey.csr and a report made by Maria both appear in pat.privacy’s queue, which updates by itself', async ({ browser }) => {
  test.setTimeout(120_000);
  const pat = await staffPage(browser, STAFF.pat, '/staff/cases');
  await expect(pat.page.getByRole('heading', { level: 1, name: 'Privacy queue' })).toBeVisible();
  await expectNoAxeViolations(pat.page);

  const casey = await staffPage(browser, STAFF.casey);
  await findByMemberId(casey.page, '100000000001');
  const caseForm = casey.page.locator('#cases form');
  await caseForm.getByRole('radio', { name: 'Complaint about an app' }).check();
  await caseForm.getByRole('radio', { name: 'Blue Button Explorer (their connection)' }).check();
  await caseForm.getByLabel('What the caller told you').fill('The caller says the app kept reading after she deleted it.');
  await caseForm.getByRole('button', { name: 'Log the case' }).click();
  const logged = casey.page.getByRole('status').filter({ hasText: /Case [0-9A-F]{8} is logged/ });
  await expect(logged).toBeVisible();
  const caseyReference = /Case ([0-9A-F]{8})/.exec((await logged.textContent())!)![1];
  await casey.context.close();

  const maria = await asMaria(browser);
  const report = await maria.newPage();
  await report.goto('/account/report');
  await report.getByRole('radio', { name: 'Another app' }).check();
  await report.getByLabel('Name of the other app').fill('Health Tracker Pro');
  await report.getByRole('radio', { name: /used my information in a way I did not agree to/ }).check();
  await report.getByLabel('What happened?').fill('It shared my visits with an advertiser.');
  await report.getByRole('button', { name: 'Send report' }).click();
  const received = report.getByRole('status').filter({ hasText: 'We got your report' });
  await expect(received).toBeVisible();
  const mariaReference = /reference number is ([0-9A-F]{8})/.exec((await received.textContent())!)![1];
  await maria.close();

  // Both arrive in the open queue without a reload (react-query polls every 10 seconds).
  const queue = pat.page.getByRole('table');
  await expect(queue.getByRole('row').filter({ hasText: caseyReference })).toContainText('Customer service (casey.csr)', { timeout: 25_000 });
  await expect(queue.getByRole('row').filter({ hasText: mariaReference })).toContainText('Member (Report a problem)', { timeout: 25_000 });

  // Pat works the case: status, owner, OCR referral, a note.
  await queue.getByRole('link', { name: caseyReference }).click();
  // The same case in a second tab, drawn before the first saves.
  const stale = await pat.context.newPage();
  await stale.goto(pat.page.url());
  await pat.page.getByRole('radio', { name: 'Investigating' }).check();
  await pat.page.getByRole('radio', { name: /Pat Alvarez/ }).check();
  await pat.page.getByLabel(/Federal Trade Commission/).check();
  await pat.page.getByRole('button', { name: 'Save' }).click();
  await expect(pat.page.getByRole('status').filter({ hasText: /\S/ })).toHaveText('Saved.');

  // The stale tab's save does not undo the first: its one change clashes with the first's status,
  // so nothing is saved, the page shows the case as it now is, and the form keeps the new choice
  // over the first tab's owner and referral; saved again, only the status changes.
  await stale.getByRole('radio', { name: 'Closed' }).check();
  await stale.getByRole('button', { name: 'Save' }).click();
  const clash = stale.getByRole('alert').filter({ hasText: 'The case was not saved' });
  await expect(clash).toContainText('Someone else changed this case after you opened it (Status). Nothing was saved.');
  await expect(clash).toBeFocused();
  await expect(stale.getByRole('radio', { name: 'Closed' })).toBeChecked();
  await expect(stale.getByRole('radio', { name: /Pat Alvarez/ })).toBeChecked();
  await expect(stale.getByLabel(/Federal Trade Commission/)).toBeChecked();
  await expectNoAxeViolations(stale);
  await stale.getByRole('button', { name: 'Save' }).click();
  await expect(stale.getByRole('status').filter({ hasText: /\S/ })).toHaveText('Saved.');
  await expect(stale.getByRole('radio', { name: 'Closed' })).toBeChecked();
  await expect(stale.getByRole('radio', { name: /Pat Alvarez/ })).toBeChecked();
  await expect(stale.getByLabel(/Federal Trade Commission/)).toBeChecked();
  await stale.close();
  await pat.page.reload();
  await pat.page.getByLabel('Add a note').fill('Asked the developer for their access log.');
  await pat.page.getByRole('button', { name: 'Add the note' }).click();
  await expect(pat.page.locator('#notes')).toContainText('Asked the developer for their access log.');
  await expectNoAxeViolations(pat.page);
  await pat.context.close();
});

test('pat.privacy searches the audit trail by member and staff user, exports it, and the chain check passes', async ({ browser }) => {
  const { context, page } = await staffPage(browser, STAFF.pat, '/staff/audit');
  await page.getByLabel('Member ID').fill('100000000001');
  await page.getByLabel('Staff username').fill('casey.csr');
  await page.getByRole('button', { name: 'Search' }).click();
  const rows = page.locator('tbody tr');
  await expect(rows.filter({ hasText: 'staff.member-viewed' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'consent.revoked' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'flow.link-sent' })).toHaveCount(1);
  await expectNoAxeViolations(page);
  const csv = await page.request.get(`/staff/audit/export?member=100000000001&staff=casey.csr`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  // A byte-order mark first, so a spreadsheet reads the file as UTF-8 (trim() drops it below).
  expect(text.startsWith('\uFEFFid,')).toBe(true);
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('id,chain,seq,at_eastern_time,at_utc,actor_kind,actor_id,action,member_id,app_id,grant_id,details,request_id,prev_hash,hash');
  expect(lines.length - 1).toBe(Number(/(\d+) events?/.exec((await page.getByRole('heading', { name: /events?/ }).textContent())!)![1]));
  await page.getByRole('button', { name: 'Check the chain now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /\S/ })).toContainText(/Intact Audit chain intact: \d+ rows/);

  // A date that is no real day, or an end before the start, is said so; no search runs, and no export.
  await page.goto('/staff/audit?from=2026-02-30&to=2026-03-05');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('The search was not run.');
  await expect(page.getByLabel('From')).toHaveAccessibleDescription('Enter the start date as a real date, like 2026-01-31.');
  await expect(page.locator('tbody tr')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goto('/staff/audit?from=2026-03-05&to=2026-03-01');
  await expect(page.getByLabel('To')).toHaveAccessibleDescription('The end date is before the start date.');
  expect((await page.request.get('/staff/audit/export?from=2026-02-30')).status()).toBe(400);
  await context.close();
});

test('alex.admin reads the CMS-0057-F metrics for this year as a table, a chart and a CSV that agree', async ({ browser }) => {
  const year = e2ePayerDay().slice(0, 4);
  const { context, page } = await staffPage(browser, STAFF.alex, `/staff/reports?year=${year}`);
  const table = page.getByRole('table');
  const cells = async (name: string) => (await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell').allTextContents()).map(Number);
  const [all, allRepeat] = await cells('All apps');
  const [explorer] = await cells('Blue Button Explorer');
  expect(explorer).toBeGreaterThanOrEqual(1);
  expect(all).toBeGreaterThanOrEqual(explorer);
  expect(allRepeat).toBeLessThanOrEqual(all);
  await expect(page.getByRole('img', { name: `Members per app, ${year}` })).toBeVisible();
  await expectNoAxeViolations(page);
  const csvText = await (await page.request.get(`/staff/reports/export?year=${year}`)).text();
  expect(csvText.startsWith('\uFEFFyear,')).toBe(true);
  const csv = csvText.trim().split('\r\n');
  expect(csv[1]).toBe(`${year},,All apps,${all},${allRepeat}`);
  expect(csv.some((line) => line.startsWith(`${year},blue-button-explorer,Blue Button Explorer,${explorer},`))).toBe(true);
  // An administrator reviews apps too (alex.admin also holds app_reviewer), but is no privacy officer.
  await expect(page.getByRole('navigation', { name: 'Staff console' }).getByRole('link')).toHaveText(['CMS reports', 'App review', 'Staff']);
  expect((await page.goto('/staff/audit'))?.status()).toBe(403);
  await page.goto('/staff/team');
  await expect(page.getByRole('heading', { level: 2, name: /Casey Morgan/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});
