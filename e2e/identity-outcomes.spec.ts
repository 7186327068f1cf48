import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { fillIdentity, reviewPrivacyAndTerms, SAMPLE_APP, type Person } from './support/connect';
import { outboxMessages, waitForCode } from './support/outbox';
import { addDays, addMonths, e2ePayerDay, longDate, parts, type IsoDate } from './support/payer-day';

// Step 4 for every fixture member and representative but Maria (the other specs' member), started
// from the gallery (/apps/medtrack-rx/connect), and the email-code rules.
//
// Rate-limit budget (a fresh data directory every run): each member or representative asks for at
// most ONE code in the whole file (one send per 60 s per member), and no typed ID gets more than
// one failed "Verify identity" (5 per typed ID per 15 minutes): Mia's ID once (Ava's details),
// Ava's ID once (Mia's details), Samuel's ID once (wrong ZIP), 100000000099 once (unknown ID),
// Noah's ID once (Samuel's details with Noah's ID).

const APP = 'MedTrack Rx';
const CHOOSE_WHAT_TO_SHARE = `Choose what to share with ${APP}`;
const REFUSED = 'An app cannot be connected right now';
const NO_MATCH = 'We could not verify those details. Check each one and try again. If it still does not work, call Customer Service.';
const TOO_MANY_TRIES = 'That code no longer works after too many tries. Ask for a new code.';
const RECORDS_REQUEST = 'https://www.mass.gov/how-to/request-masshealth-member-records';

// ---- Calendar dates in the payer's time zone, computed in e2e/support, independently of the app --

// The server's today for this run, on which the demo data's relative dates were resolved.
const TODAY: IsoDate = e2ePayerDay();

// ---- The people (lib/demo/fixtures/members.json) ------------------------------------------------

function person(first: string, last: string, birth: IsoDate, id: string, zip: string, email: string, representative = false): Person {
  const { y, m, d } = parts(birth);
  return { first, last, month: String(m), day: String(d), year: String(y), id, zip, email, representative };
}

const KEVIN = person('Kevin', 'Tran', '1991-11-02', '100000000002', '01852', 'kevin.tran@members.example');
const AISHA = person('Aisha', 'Johnson', '1979-05-30', '100000000003', '02124', 'aisha.johnson@members.example');
const DANIEL = person('Daniel', 'Murphy', '1965-09-17', '100000000004', '02301', 'daniel.murphy@members.example');
const LINH = person('Linh', 'Nguyen', '1988-01-25', '100000000005', '01604', 'linh.nguyen@members.example');
const ROBERT = person('Robert', 'Kowalski', '1957-06-08', '100000000006', '01103', 'robert.kowalski@members.example');
const PATRICIA = person('Patricia', 'Oduya', '1970-12-03', '100000000007', '02740', 'patricia.oduya@members.example');
const HAROLD = person('Harold', 'Whitfield', '1941-02-14', '100000000008', '02601', 'harold.whitfield@members.example');
const NOAH = person('Noah', 'Carter', addMonths(TODAY, -(19 * 12 + 2)), '100000000010', '01060', 'noah.carter@members.example');
const GRACE = person('Grace', 'Liu', '1950-08-21', '100000000011', '02134', 'grace.liu@members.example');
const JOSE = person('José', "O'Brien-Núñez", '1996-04-09', '100000000012', '02128', 'jose.obriennunez@members.example');
const AVA = person('Ava', 'Brooks', '2001-07-19', '100000000013', '01002', 'ava.brooks@members.example');
const MIA = person('Mia', 'Brooks', '2001-07-19', '100000000014', '01002', 'mia.brooks@members.example');
const SAMUEL = person('Samuel', 'Greene', '1982-10-10', '100000000015', '02766', 'samuel.greene@members.example');

const SUSAN = person('Susan', 'Whitfield', '1968-05-05', 'R-0001', '02601', 'susan.whitfield@reps.example', true);
const GIULIA = person('Giulia', 'Rossi', '1983-09-09', 'R-0002', '02139', 'giulia.rossi@reps.example', true);
const MICHELLE = person('Michelle', 'Carter', '1975-03-03', 'R-0003', '01060', 'michelle.carter@reps.example', true);
const THOMAS = person('Thomas', 'Liu', '1976-11-11', 'R-0004', '02134', 'thomas.liu@reps.example', true);
const KAREN = person('Karen', 'Liu', '1979-01-01', 'R-0005', '02135', 'karen.liu@reps.example', true);
const OMAR = person('Omar', 'Haddad', '1972-07-07', 'R-0006', '02150', 'omar.haddad@reps.example', true);

// ---- Steps --------------------------------------------------------------------------------------

/** Gallery first: "Connect" for MedTrack Rx, then privacy and terms, to step 4. */
async function openIdentityStep(page: Page) {
  await page.goto('/apps/medtrack-rx/connect');
  await reviewPrivacyAndTerms(page);
}

function birthIso(p: Person): IsoDate {
  return `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
}

/** The birth date as people and systems commonly write it, in English and Spanish. */
function birthDateForms(date: IsoDate): string[] {
  const { y, m, d } = parts(date);
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  const yy = String(y).slice(2);
  const at = new Date(Date.UTC(y, m - 1, d, 12));
  const fmt = (locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(at);
  return [
    date,
    `${y}/${mm}/${dd}`,
    `${y}${mm}${dd}`,
    `${mm}/${dd}/${y}`,
    `${m}/${d}/${y}`,
    `${dd}/${mm}/${y}`,
    `${d}/${m}/${y}`,
    `${mm}-${dd}-${y}`,
    `${m}-${d}-${y}`,
    `${dd}-${mm}-${y}`,
    `${dd}.${mm}.${y}`,
    `${d}.${m}.${y}`,
    `${mm}/${dd}/${yy}`,
    `${m}/${d}/${yy}`,
    `${dd}/${mm}/${yy}`,
    `${mm}${dd}${y}`,
    `${dd}${mm}${y}`,
    fmt('en-US', { dateStyle: 'long' }), // October 10, 1982
    fmt('en-US', { dateStyle: 'medium' }), // Oct 10, 1982
    fmt('en-GB', { dateStyle: 'long' }), // 10 October 1982
    fmt('en-GB', { dateStyle: 'medium' }), // 10 Oct 1982
    fmt('es-US', { dateStyle: 'long' }), // 10 de octubre de 1982
    fmt('es-US', { dateStyle: 'medium' }),
    `${fmt('en-US', { month: 'long' })} ${d}`, // October 10 (without the year)
  ];
}

/** The whole stored message (subject, text and HTML) holds the code and no birth date or ID. */
function expectCodeEmailKeepsPrivate(file: string, code: string, p: Person) {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { to: string; subject: string; text: string; html: string };
  expect(raw.to).toBe(p.email);
  expect(raw.text).toContain(code);
  const whole = `${raw.subject}\n${raw.text}\n${raw.html}`.toLowerCase();
  for (const form of birthDateForms(birthIso(p))) expect(whole, `birth date written as "${form}"`).not.toContain(form.toLowerCase());
  const digits = p.id.replace(/\D/g, '');
  const idForms = [p.id, digits, digits.replace(/(\d{4})(?=\d)/g, '$1 '), digits.replace(/(\d{4})(?=\d)/g, '$1-')];
  for (const form of idForms) expect(whole, `ID written as "${form}"`).not.toContain(form.toLowerCase());
}

/** "Send code to my email" on step 4's code page; returns the code from the dev outbox. */
async function sendCode(page: Page, p: Person): Promise<string> {
  await expect(page).toHaveURL(/\/code$/);
  const before = Date.now() - 1000;
  await page.getByRole('button', { name: 'Send code to my email' }).click();
  await expect(page.getByLabel('Code', { exact: true })).toBeVisible();
  const { code, message } = await waitForCode(p.email, before);
  expectCodeEmailKeepsPrivate(message.file, code, p);
  return code;
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Confirm code' }).click();
}

/** Step 4 all through: details, then a real email code. */
async function verify(page: Page, p: Person) {
  await openIdentityStep(page);
  await fillIdentity(page, p);
  const code = await sendCode(page, p);
  await enterCode(page, code);
}

function errorSummary(page: Page): Locator {
  return page.getByRole('alert', { name: 'There is a problem' });
}

function refusal(page: Page): Locator {
  // The notice itself: in the page's main content (not Next's route announcer, also an alert),
  // and not the time limit's alert, empty until the end is near.
  return page.getByRole('main').getByRole('alert').filter({ hasText: /\S/ });
}

async function expectRefused(page: Page, sentences: string[]) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(REFUSED);
  const notice = refusal(page);
  await expect(notice).toBeVisible();
  for (const sentence of sentences) await expect(notice).toContainText(sentence);
  await expect(page.getByRole('button', { name: 'Approve data share' })).toHaveCount(0);
  await expectNoAxeViolations(page);
}

async function expectChooseWhatToShare(page: Page) {
  await expect(page).toHaveURL(/\/approve$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CHOOSE_WHAT_TO_SHARE);
  await expect(refusal(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Approve data share' })).toBeVisible();
}

async function expectRecordsRequestLink(scope: Locator) {
  const link = scope.getByRole('link', { name: /Request member records/ });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('href', RECORDS_REQUEST);
}

/** The identity form after a failed "Verify identity": the same page, with what was typed. */
async function expectIdentityFormKept(page: Page, typed: Person) {
  await expect(page).toHaveURL(/\/identity$/);
  await expect(page.getByLabel('First name', { exact: true })).toHaveValue(typed.first);
  await expect(page.getByLabel('Last name', { exact: true })).toHaveValue(typed.last);
  await expect(page.getByLabel('Month', { exact: true })).toHaveValue(typed.month);
  await expect(page.getByLabel('Day', { exact: true })).toHaveValue(typed.day);
  await expect(page.getByLabel('Year', { exact: true })).toHaveValue(typed.year);
  await expect(page.getByLabel('Member ID', { exact: true })).toHaveValue(typed.id);
  await expect(page.getByLabel('ZIP code', { exact: true })).toHaveValue(typed.zip);
}

/** "We could not verify those details", naming no field; returns the summary's whole text. */
async function expectNoMatch(page: Page, typed: Person): Promise<string> {
  const summary = errorSummary(page);
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(NO_MATCH);
  await expect(summary).toBeFocused();
  // No field is blamed: no link to a field in the summary, no field marked invalid, no field named.
  await expect(summary.getByRole('link')).toHaveCount(0);
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  const text = (await summary.innerText()).trim();
  expect(text).not.toMatch(/\b(ZIP|postal|member|ID|birth|date|name|first|last|month|day|year|email)\b/i);
  await expectIdentityFormKept(page, typed);
  await expect(page).not.toHaveURL(/\/code/);
  await expectNoAxeViolations(page);
  return text;
}

/**
 * An app (Blue Button Explorer) sends this browser to the authorization server, and the member,
 * still signed in from step 4 of the gallery flow, goes through privacy and terms and continues
 * as signed in, without a second code.
 */
async function startedByTheApp(page: Page, state: string) {
  const authorize = new URL('/oauth/auth', page.url());
  authorize.search = new URLSearchParams({
    client_id: 'blue-button-explorer',
    response_type: 'code',
    redirect_uri: `${SAMPLE_APP}/callback`,
    scope: 'launch/patient openid fhirUser patient/*.rs',
    state,
    aud: new URL('/fhir', page.url()).href,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  await page.goto(authorize.href);
  await reviewPrivacyAndTerms(page);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/**
 * "Go back to the app": a page says nothing was shared, and its link takes the member to the app,
 * which gets `access_denied` and its state, no code, nothing about the member.
 */
async function expectSentBackToTheApp(page: Page, button: string, state: string) {
  await page.getByRole('button', { name: button }).click();
  await expect(page).toHaveURL(/\/connect\/[\w-]+\/returned$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The app was not connected');
  await expect(page.getByText('Nothing was shared. When you go back, Blue Button Explorer learns only that it was not connected, not why.')).toBeVisible();
  await expectNoAxeViolations(page);
  const toApp = page.waitForRequest((request) => request.url().startsWith(`${SAMPLE_APP}/callback?`));
  await page.getByRole('link', { name: 'Go back to Blue Button Explorer' }).click();
  const callback = new URL((await toApp).url());
  expect(callback.searchParams.get('error')).toBe('access_denied');
  expect(callback.searchParams.get('state')).toBe(state);
  expect(callback.searchParams.get('code')).toBeNull();
  expect(callback.searchParams.get('error_description')).toBe('The connection was not made.');
}

// ---- Members ------------------------------------------------------------------------------------

test.describe('members at step 4', () => {
  test('Kevin Tran, enrolled 3 days ago, is refused and told the day he can connect (start + 7 days)', async ({ page }) => {
    await verify(page, KEVIN);
    const date = longDate(addDays(addDays(TODAY, -3), 7));
    await expectRefused(page, [`New members can connect apps after 7 days of enrollment. You can connect an app on ${date}.`, `Please come back on ${date}.`]);
  });

  test('Aisha Johnson, enrolled 6 days ago, is refused until tomorrow, with tomorrow’s date', async ({ page }) => {
    await verify(page, AISHA);
    const tomorrow = longDate(addDays(TODAY, 1));
    await expectRefused(page, [`You can connect an app on ${tomorrow}.`, `Please come back on ${tomorrow}.`]);
  });

  test('Daniel Murphy, enrolled exactly 7 days ago, reaches "Choose what to share"; an app that sent him can be told no', async ({ page }) => {
    await verify(page, DANIEL);
    await expectChooseWhatToShare(page);
    // From the gallery nobody waits for an answer: no "go back" to an app.
    await expect(page.getByRole('button', { name: /Go back to/ })).toHaveCount(0);
    await startedByTheApp(page, 'daniel-changed-his-mind');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose what to share with Blue Button Explorer');
    await expect(page.getByText('Changed your mind? You can go back to Blue Button Explorer without sharing anything.')).toBeVisible();
    await expectNoAxeViolations(page);
    await expectSentBackToTheApp(page, 'Do not connect. Go back to Blue Button Explorer', 'daniel-changed-his-mind');
  });

  test('Linh Nguyen, a previous managed-care member, reaches it with the use-your-health-plan-first guidance', async ({ page }) => {
    await verify(page, LINH);
    await expectChooseWhatToShare(page);
    await expect(page.getByText('You are in a health plan: Managed Care Organization.')).toContainText(
      "Use your health plan's own app connection first: it has most of your data. MassHealth can share your dental and vision information here.",
    );
  });

  test('Robert Kowalski, last enrolled exactly a year ago, reaches it and sees access ends no later than today', async ({ page }) => {
    await verify(page, ROBERT);
    await expectChooseWhatToShare(page);
    await expect(page.getByText(`Because coverage ended, access ends no later than ${longDate(TODAY)}.`)).toBeVisible();
    // His data stops on his last day of coverage, and no choice of length reads as if it went past today.
    await expect(page.getByText(`Information from January 1, 2016 to ${longDate(addMonths(TODAY, -12))}, the last day of coverage.`)).toBeVisible();
    const lengths = page.getByRole('group', { name: /How long can/ }).getByRole('radio');
    await expect(lengths).toHaveCount(2);
    await expect(page.getByRole('radio', { name: `Until ${longDate(TODAY)}, when access must end` })).toBeChecked();
    await expect(page.getByRole('radio', { name: /^One year/ })).toHaveCount(0);
  });

  test('Patricia Oduya, coverage ended a year and a day ago, is refused with the date it ended; an app that sent her is told only that', async ({ page }) => {
    await verify(page, PATRICIA);
    const ended = longDate(addDays(addMonths(TODAY, -12), -1));
    const reason = [`MassHealth coverage ended on ${ended}. Past members can connect apps for one year after their last day of coverage.`, 'Call Customer Service at 1-800-841-2900'];
    await expectRefused(page, reason);
    await expect(page).toHaveTitle(new RegExp(`^${REFUSED}`));
    await expect(page.getByRole('heading', { name: REFUSED })).toHaveCount(1);
    // No clock to finish by: nothing is left to finish.
    await expect(page.getByText(/You have until/)).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Go to the list of apps' })).toHaveAttribute('href', '/apps');
    // The same refusal in a flow an app started: a way back to it, which tells it only "not connected".
    await startedByTheApp(page, 'patricia-refused');
    await expectRefused(page, reason);
    await expect(page.getByText('We will tell Blue Button Explorer only that it was not connected, not why.')).toBeVisible();
    await expectSentBackToTheApp(page, 'Go back to Blue Button Explorer', 'patricia-refused');
  });

  test('Harold Whitfield, deceased, is refused and pointed to the member records request', async ({ page }) => {
    await verify(page, HAROLD);
    await expectRefused(page, ['Apps cannot be connected for a member who has died.', "You can ask for the member's records instead."]);
    await expectRecordsRequestLink(refusal(page));
  });

  test('José O’Brien-Núñez verifies typed without accents ("jose" / "obrien nunez") and with a curly apostrophe', async ({ page }) => {
    await openIdentityStep(page);
    await fillIdentity(page, { ...JOSE, first: 'jose', last: 'obrien nunez' });
    await expect(page).toHaveURL(/\/code$/);
    await expect(page.getByText('j•••••••••z@members.example')).toBeVisible();

    await openIdentityStep(page);
    await fillIdentity(page, { ...JOSE, first: 'José', last: 'O’Brien-Nuñez' });
    const code = await sendCode(page, JOSE);
    await enterCode(page, code);
    await expectChooseWhatToShare(page);
  });

  test('the twins Ava and Mia Brooks are each verified only with their own member ID', async ({ page }) => {
    // Ava's name, birth date and ZIP with Mia's member ID, and the other way round: no.
    const avaWithMiasId = { ...AVA, id: MIA.id };
    await openIdentityStep(page);
    await fillIdentity(page, avaWithMiasId);
    await expectNoMatch(page, avaWithMiasId);
    const miaWithAvasId = { ...MIA, id: AVA.id };
    await fillIdentity(page, miaWithAvasId);
    await expectNoMatch(page, miaWithAvasId);

    // Each with her own ID: yes, and the code goes to her own address, not her sister's.
    for (const [twin, sister] of [
      [AVA, MIA],
      [MIA, AVA],
    ]) {
      const sisterMailBefore = outboxMessages(sister.email).length;
      await openIdentityStep(page);
      await fillIdentity(page, twin);
      await expect(page.getByText(`${twin.email[0]}•••••••••s@members.example`)).toBeVisible();
      const code = await sendCode(page, twin);
      expect(outboxMessages(sister.email)).toHaveLength(sisterMailBefore);
      await enterCode(page, code);
      await expectChooseWhatToShare(page);
    }
  });

  test('a wrong ZIP and a wrong member ID get exactly the same error, which names no field', async ({ page }) => {
    await openIdentityStep(page);
    const wrongZip = { ...SAMUEL, zip: '02767' };
    await fillIdentity(page, wrongZip);
    const afterWrongZip = await expectNoMatch(page, wrongZip);

    const unknownId = { ...SAMUEL, id: '100000000099' };
    await fillIdentity(page, unknownId);
    const afterUnknownId = await expectNoMatch(page, unknownId);

    const someoneElsesId = { ...SAMUEL, id: NOAH.id };
    await fillIdentity(page, someoneElsesId);
    const afterOtherMembersId = await expectNoMatch(page, someoneElsesId);

    expect(afterUnknownId).toBe(afterWrongZip);
    expect(afterOtherMembersId).toBe(afterWrongZip);
  });
});

// ---- Representatives ----------------------------------------------------------------------------

test.describe('representatives at step 4', () => {
  async function verifyRepresentative(page: Page, rep: Person) {
    await verify(page, rep);
    await expect(page).toHaveURL(/\/member$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Whose record are you acting on?');
  }

  async function continueFor(page: Page, name: string) {
    await page.getByRole('radio', { name: new RegExp(name) }).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expectChooseWhatToShare(page);
    await expect(page.getByText(`${name}'s information`, { exact: true })).toBeVisible();
  }

  async function expectCannotChoose(page: Page, name: string) {
    await expect(page.getByRole('radio', { name: new RegExp(name) })).toHaveCount(0);
    await expect(page.getByText('There is no member you can connect an app for right now.')).toBeVisible();
  }

  function card(page: Page, name: string): Locator {
    return page.locator('li').filter({ hasText: name });
  }

  test('Giulia Rossi (R-0002) sees Emma and Luca and continues for Emma', async ({ page }) => {
    await verifyRepresentative(page, GIULIA);
    await expect(page.getByRole('radio')).toHaveCount(2);
    await expect(page.getByRole('radio', { name: /Emma Rossi/ })).toBeVisible();
    await expect(page.getByRole('radio', { name: /Luca Rossi/ })).toBeVisible();
    await continueFor(page, 'Emma Rossi');
  });

  test('Michelle Carter (R-0003) cannot act for Noah Carter, who turned 18', async ({ page }) => {
    await verifyRepresentative(page, MICHELLE);
    await expectCannotChoose(page, 'Noah Carter');
    await expect(card(page, 'Noah Carter')).toContainText('Noah turned 18, so Noah now makes this choice.');
    await expectNoAxeViolations(page);
  });

  test('Thomas Liu (R-0004), legal guardian, can act for Grace Liu', async ({ page }) => {
    await verifyRepresentative(page, THOMAS);
    await continueFor(page, 'Grace Liu');
  });

  test('Karen Liu (R-0005) cannot act for Grace Liu: her designation ended, with the date', async ({ page }) => {
    await verifyRepresentative(page, KAREN);
    await expectCannotChoose(page, 'Grace Liu');
    await expect(card(page, 'Grace Liu')).toContainText(`Your authority ended on ${longDate(addDays(TODAY, -30))}.`);
    await expectNoAxeViolations(page);
  });

  test('Susan Whitfield (R-0001) cannot act for Harold, who died, and is pointed to the records request', async ({ page }) => {
    await verifyRepresentative(page, SUSAN);
    await expectCannotChoose(page, 'Harold Whitfield');
    const harold = card(page, 'Harold Whitfield');
    await expect(harold).toContainText('Apps cannot be connected for a member who has died.');
    await expectRecordsRequestLink(harold);
    await expectNoAxeViolations(page);
  });

  test('Omar Haddad (R-0006) can act for Fatima Haddad, and the approval page says whose information it is', async ({ page }) => {
    await verifyRepresentative(page, OMAR);
    await continueFor(page, 'Fatima Haddad');
  });
});

// ---- Email codes --------------------------------------------------------------------------------

test.describe('email codes', () => {
  test('the code email has the code and neither the birth date nor the member ID', async ({ page }) => {
    await openIdentityStep(page);
    await fillIdentity(page, GRACE);
    await expect(page).toHaveURL(/\/code$/);
    const before = Date.now() - 1000;
    await page.getByRole('button', { name: 'Send code to my email' }).click();
    const { code, message } = await waitForCode(GRACE.email, before);
    expect(code).toMatch(/^\d{6}$/);
    expect(message.to).toBe(GRACE.email);
    expectCodeEmailKeepsPrivate(message.file, code, GRACE);
    await enterCode(page, code);
    await expectChooseWhatToShare(page);
  });

  test('a wrong code says how many tries are left and the code field comes back empty; the right code still works', async ({ page }) => {
    await openIdentityStep(page);
    await fillIdentity(page, SAMUEL);
    const code = await sendCode(page, SAMUEL);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await enterCode(page, wrong);
    await expect(errorSummary(page)).toBeVisible();
    await expect(errorSummary(page)).toContainText('That code is not right. You have 4 tries left.');
    await expect(page.getByLabel('Code', { exact: true })).toHaveValue('');
    await expect(page).not.toHaveURL(/\/approve$/);
    await expectNoAxeViolations(page);
    await enterCode(page, code);
    await expectChooseWhatToShare(page);
  });

  test('after five wrong codes the sixth try is refused even when it is the right code', async ({ page }) => {
    await openIdentityStep(page);
    await fillIdentity(page, NOAH);
    const code = await sendCode(page, NOAH);
    const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    for (const left of [4, 3, 2, 1]) {
      await enterCode(page, wrong);
      await expect(errorSummary(page)).toContainText(`That code is not right. You have ${left} ${left === 1 ? 'try' : 'tries'} left.`);
      await expect(page.getByLabel('Code', { exact: true })).toHaveValue('');
    }
    await enterCode(page, wrong); // the fifth wrong try ends the code
    await expect(errorSummary(page)).toContainText(TOO_MANY_TRIES);
    await expect(errorSummary(page)).not.toContainText('tries left');
    // The page no longer says the dead code works for 10 minutes: it says to ask for a new one.
    await expect(page.getByText('This code does not work any more. Use “Send a new code” below to get a new one.')).toBeVisible();
    await expect(page.getByText(/It works for 10 minutes|works for 10 minutes, until/)).toHaveCount(0);

    await enterCode(page, code); // the sixth, right, try
    await expect(errorSummary(page)).toContainText(TOO_MANY_TRIES);
    await expect(page.getByLabel('Code', { exact: true })).toHaveValue('');
    await expect(page).toHaveURL(/\/code(\?|$)/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
    await expectNoAxeViolations(page);
  });
});
