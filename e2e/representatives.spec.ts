import { expect, test, type Browser, type Page } from '@playwright/test';
import { approve, fillIdentity, pastIdentityStep, proveWithEmailCode, reviewPrivacyAndTerms, SAMPLE_APP, type Person } from './support/connect';
import { expectNoAxeViolations } from './axe';
import { waitForCode, waitForMail } from './support/outbox';
import { e2ePayerDay } from './support/payer-day';
import { STAFF, staffPage } from './support/staff';

// Issue 13's "Must show": what representatives and the members they act for see, in real pages,
// with the app clock moved through /dev/clock (E2E_CLOCK_CONTROL) where a birthday must come.

const rep = (first: string, last: string, birth: string, id: string, zip: string, email: string): Person => {
  const [year, month, day] = birth.split('-');
  return { first, last, year, month: String(Number(month)), day: String(Number(day)), id, zip, email, representative: true };
};
const GIULIA = rep('Giulia', 'Rossi', '1983-09-09', 'R-0002', '02139', 'giulia.rossi@reps.example');
const MICHELLE = rep('Michelle', 'Carter', '1975-03-03', 'R-0003', '01060', 'michelle.carter@reps.example');
const OMAR = rep('Omar', 'Haddad', '1972-07-07', 'R-0006', '02150', 'omar.haddad@reps.example');
const FATIMA: Person = { first: 'Fatima', last: 'Haddad', year: '1975', month: '2', day: '28', id: '100000000016', zip: '02150', email: 'fatima.haddad@members.example' };

function shift(date: string, years: number, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(y + years, m - 1, d + days));
  return moved.toISOString().slice(0, 10);
}

async function moveClock(page: Page, body: { date: string } | { reset: true }) {
  const response = await page.request.post('/dev/clock', { data: body });
  expect(response.status()).toBe(200);
  return (await response.json()) as { now: string; notices: { authorityEnded: number } };
}

/** A representative from the gallery through "Whose record" to the approval page. */
async function startAsRepresentative(page: Page, person: Person, appId: string) {
  await page.goto(`/apps/${appId}`);
  await page.getByRole('link', { name: /Connect/ }).first().click();
  await reviewPrivacyAndTerms(page);
  await pastIdentityStep(page, person);
  await expect(page).toHaveURL(/\/member$/);
}

async function chooseMember(page: Page, name: string) {
  await page.getByRole('radio', { name: new RegExp(name) }).check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page).toHaveURL(/\/approve$/);
}

async function newPage(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  return { context, page: await context.newPage() };
}

test('Giulia’s receipts and emails for Emma and for Luca each name the child', async ({ browser }) => {
  const { context, page } = await newPage(browser);
  const before = Date.now() - 1000;
  for (const [child, pronoun, appId] of [['Emma Rossi', 'her', 'open-notes'], ['Luca Rossi', 'his', 'carecompass']] as const) {
    await startAsRepresentative(page, GIULIA, appId);
    await chooseMember(page, child);
    await expect(page.getByText(`${child}'s information`, { exact: true })).toBeVisible();
    await expect(page.getByText(`You act as ${pronoun} parent.`)).toBeVisible();
    // What the app would get is the child's, in the child's name, not "your".
    const what = page.getByRole('group', { name: /can get/ });
    await expect(what).toContainText(`${child}'s name, address, phone, email and date of birth`);
    await expect(what).not.toContainText('Your ');
    await approve(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^${child}'s information is connected to `));
    const receipt = page.getByRole('region', { name: 'Your receipt' });
    await expect(receipt.getByText(`${child}'s information`, { exact: true })).toBeVisible();
    await expect(receipt).toContainText(`${pronoun} parent`);
    const mail = await waitForMail(GIULIA.email, new RegExp(`You shared ${child}'s information`), before);
    expect(mail.text).toContain(`You act as ${pronoun} parent.`);
  }
  // The sharing choices she makes for Emma speak of Emma by name.
  await page.goto('/account/sharing');
  // Whose information: the people she acts for, not "my" or "your" (hers).
  await expect(page).toHaveTitle(/^Who gets the information of the people you act for/);
  await expect(page.getByRole('navigation', { name: 'My account' }).getByRole('link', { name: 'Sharing choices' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('navigation', { name: 'Whose choices do you want to see?' }).getByRole('link', { name: 'Emma Rossi' }).click();
  await expect(page.getByRole('heading', { name: /^2\. Emma Rossi's doctors and other providers/ })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(/\byour (information|doctors|claims)\b/i);
  // Its errors too: the member ID asked for is Emma's, not Giulia's own.
  await expect(page.getByText('Turn on sharing with another health plan for Emma Rossi')).toBeVisible();
  // The plan is chosen from those registered for Payer-to-Payer, not typed.
  await page.getByLabel('Which health plan?', { exact: true }).selectOption('Harbor Health Plan');
  await page.getByRole('button', { name: 'Turn on sharing with this plan' }).click();
  await expect(page.getByText("Write Emma Rossi's member ID at that plan.").first()).toBeVisible();
  await expect(page.getByText("Choose whether it is Emma Rossi's previous plan or a plan Emma Rossi has now.").first()).toBeVisible();
  await expect(page.getByLabel('Which health plan?', { exact: true })).toHaveValue('Harbor Health Plan');
  await context.close();
});

test('Emma (12) can change neither the connection her mother made nor her own sharing choices: each page says who can', async ({ browser }) => {
  const [year, month, day] = shift(e2ePayerDay(), -12, 0).split('-');
  const emma: Person = { first: 'Emma', last: 'Rossi', year, month: String(Number(month)), day: String(Number(day)), id: '100000000009', zip: '02139', email: 'emma.rossi@members.example' };
  const { context, page } = await newPage(browser);
  await page.goto('/account');
  await fillIdentity(page, emma);
  const before = Date.now() - 1_000;
  await page.getByRole('button', { name: 'Send code to my email' }).click();
  const { code } = await waitForCode(emma.email, before);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Confirm code' }).click();
  // The connection her mother made (the first test): its page, but no form to change it.
  const mothers = page.getByRole('listitem').filter({ hasText: 'Open Notes Journal' }).filter({ hasText: 'Giulia Rossi' }).first();
  const href = await mothers.getByRole('link').first().getAttribute('href');
  const connection = href!.match(/^\/account\/connections\/[\w-]+/)![0];
  await page.goto(`${connection}/change`);
  await expect(page).toHaveURL(new RegExp(`${connection}$`));
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  // Her sharing choices are her mother's to make: said, and no form offered.
  await page.goto('/account/sharing');
  await expect(page.getByText('Until you turn 18, your parent or guardian makes these choices for you')).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Turn|Yes)/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await context.close();
});

test('Omar connects an app for Fatima: she gets an email naming Omar and how to stop it, and her account shows it', async ({ browser }) => {
  const omar = await newPage(browser);
  const before = Date.now() - 1000;
  await startAsRepresentative(omar.page, OMAR, 'medtrack-rx');
  await chooseMember(omar.page, 'Fatima Haddad');
  await approve(omar.page);
  // An authorized representative does not make the member's other sharing choices, and is told who does.
  await omar.page.goto('/account/sharing');
  await expect(omar.page.getByRole('main')).toContainText("As Fatima Haddad's authorized representative, you can see and stop only the app connections you made.");
  await expect(omar.page.getByRole('main')).toContainText('You can see and stop the apps you connected for the members you act for.');
  await expect(omar.page.getByRole('main')).not.toContainText('You can make these choices');
  await expect(omar.page.getByTestId('providers-status')).toHaveCount(0);
  await omar.context.close();
  const mail = await waitForMail(FATIMA.email, /Omar Haddad connected MedTrack/, before);
  expect(mail.text).toContain('Omar Haddad, your authorized representative, connected the app');
  expect(mail.text).toContain('“Stop sharing”');

  const fatima = await newPage(browser);
  await fatima.page.goto('/account');
  await fillIdentity(fatima.page, FATIMA);
  await proveWithEmailCode(fatima.page, FATIMA);
  await expect(fatima.page.getByRole('heading', { name: 'People who can act for you' })).toBeVisible();
  await expect(fatima.page.getByText(/Omar Haddad, authorized representative, since/)).toBeVisible();
  // A designee sees and manages only the connections he made (the written policy), and Fatima is told so.
  await expect(fatima.page.getByText(/Omar Haddad, authorized representative, since .*\. Omar can see and manage only the apps Omar connected for you\./)).toBeVisible();
  await expect(fatima.page.getByText(/can see and manage your connected apps for you/)).toHaveCount(0);
  await expect(fatima.page.getByText(/Omar Haddad, as authorized representative/).first()).toBeVisible();
  await fatima.context.close();
});

test('Michelle’s refusal for Noah says what to do next', async ({ browser }) => {
  const { context, page } = await newPage(browser);
  await startAsRepresentative(page, MICHELLE, 'open-notes');
  const noah = page.locator('li').filter({ hasText: 'Noah Carter' });
  await expect(noah).toContainText('Noah turned 18, so Noah now makes this choice.');
  await expect(noah).toContainText('Noah can name you as an authorized representative');
  await expect(noah).toContainText('1-800-841-2900');
  await context.close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`switching language on a step of the flow stays on that step (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const { context, page } = await newPage(browser, javaScriptEnabled);
    await page.goto('/apps/open-notes');
    await page.getByRole('link', { name: /Connect/ }).first().click();
    await reviewPrivacyAndTerms(page);
    await page.getByRole('button', { name: 'Ver esta página en español' }).click();
    await expect(page).toHaveURL(/\/identity$/);
    await expect(page.getByRole('button', { name: 'Verificar identidad' })).toBeVisible();
    await page.getByRole('button', { name: 'View this page in English' }).click();
    await fillIdentity(page, FATIMA);
    await expect(page).toHaveURL(/\/code$/);
    await page.getByRole('button', { name: 'Ver esta página en español' }).click();
    await expect(page).toHaveURL(/\/code$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Revise su correo electrónico');
    await context.close();
  });
}

test('an end recorded after the approval: Omar’s grant for Fatima holds through the last day, the API refuses it the day after, and both are told why', async ({ browser }) => {
  const { context, page } = await newPage(browser);
  const before = Date.now() - 1000;
  try {
    // Omar, Fatima's authorized representative (a designation, like Karen Liu's), signs in to his
    // account and connects the sample app for her today.
    await page.goto('/account');
    await fillIdentity(page, OMAR);
    await proveWithEmailCode(page, OMAR);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`${SAMPLE_APP}/standalone`);
    await reviewPrivacyAndTerms(page);
    await pastIdentityStep(page, OMAR);
    await expect(page).toHaveURL(/\/member$/);
    await chooseMember(page, 'Fatima Haddad');
    await approve(page);
    await page.getByRole('link', { name: /Continue to/ }).click();
    await expect(page.getByTestId('fhir-status')).toHaveText('200');

    // Then Fatima withdraws the designation: customer service records its last day, ten days from today.
    const lastDay = shift(e2ePayerDay(), 0, 10);
    const staff = await staffPage(browser, STAFF.casey, '/staff/representatives/R-0006');
    const fatima = staff.page.locator('li').filter({ hasText: 'Fatima Haddad' });
    await fatima.getByText('Record when this authority ends').click();
    await fatima.getByLabel('Last day Omar Haddad may act for Fatima Haddad').fill(lastDay);
    await fatima.getByRole('radio', { name: 'The member withdrew the designation' }).check();
    await expectNoAxeViolations(staff.page);
    await fatima.getByRole('button', { name: 'Record the end' }).click();
    await expect(fatima.getByRole('status')).toContainText('The end is recorded');
    await expect(fatima).toContainText('Can act for them until');
    await staff.context.close();

    // The last day it still holds; from the next day the same token's next read is refused.
    await moveClock(page, { date: lastDay });
    await page.goto(`${SAMPLE_APP}/claims`);
    await expect(page.getByTestId('fhir-status')).toHaveText('200');
    const moved = await moveClock(page, { date: shift(lastDay, 0, 1) });
    expect(moved.notices.authorityEnded).toBeGreaterThanOrEqual(1);
    await page.goto(`${SAMPLE_APP}/claims`);
    await expect(page.getByTestId('fhir-status')).toHaveText('401');
    const toOmar = await waitForMail(OMAR.email, /no longer gets Fatima Haddad's information/, before);
    expect(toOmar.text).toContain('Why: your authority to act for Fatima Haddad ended.');
    const toFatima = await waitForMail(FATIMA.email, /no longer gets your information/, before);
    expect(toFatima.text).toContain('Omar Haddad can no longer act for you');
  } finally {
    await moveClock(page, { reset: true });
    await context.close();
  }
});

test('Emma’s 18th birthday: Giulia’s grant ends that day; Giulia is told why, Emma that she may connect herself', async ({ browser }) => {
  const birthday = shift(e2ePayerDay(), 6, 0);
  const { context, page } = await newPage(browser);
  try {
    await moveClock(page, { date: shift(birthday, 0, -1) });
    const before = Date.now() - 1000;
    // The sample app's own launch: Giulia connects it for Emma, the day before the birthday.
    await page.goto(`${SAMPLE_APP}/standalone`);
    await reviewPrivacyAndTerms(page);
    await pastIdentityStep(page, GIULIA);
    await expect(page).toHaveURL(/\/member$/);
    await chooseMember(page, 'Emma Rossi');
    // Before approval: the real end, capped by the authority, and why.
    await expect(page.getByText(/Emma Rossi turns 18 on .*, so access ends no later than/)).toBeVisible();
    await approve(page);
    await expect(page.getByRole('region', { name: 'Your receipt' })).toContainText('Emma Rossi turns 18 on');
    await page.getByRole('link', { name: /Continue to/ }).click();
    await expect(page).toHaveURL(`${SAMPLE_APP}/claims`);
    await expect(page.getByTestId('fhir-status')).toHaveText('200');

    const moved = await moveClock(page, { date: birthday });
    expect(moved.notices.authorityEnded).toBeGreaterThanOrEqual(1);
    // From the birthday on, the API refuses the app Giulia's grant: the same token, the next read.
    await page.goto(`${SAMPLE_APP}/claims`);
    await expect(page.getByTestId('fhir-status')).toHaveText('401');
    const toGiulia = await waitForMail(GIULIA.email, /no longer gets Emma Rossi's information/, before);
    expect(toGiulia.text).toContain("A parent's authority ends on the child's 18th birthday");
    expect(toGiulia.text).toContain('Emma Rossi can name you as an authorized representative');
    expect(toGiulia.text).not.toContain('connect the app again');
    const toEmma = await waitForMail('emma.rossi@members.example', /no longer gets your information/, before);
    expect(toEmma.text).toContain('You turned 18 on');
    expect(toEmma.text).toContain('You may connect apps yourself now.');
  } finally {
    await moveClock(page, { reset: true });
    await context.close();
  }
});
