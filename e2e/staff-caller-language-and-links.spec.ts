import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { waitForMail } from './support/outbox';
import { STAFF, staffPage } from './support/staff';

// Probe 11, F3, F4 and F13: the caller's language, a link for a child to the parent on the phone,
// and a sign-out that leaves no caller's record in the tab.
test.describe.configure({ mode: 'serial' });

const EMMA = '100000000009'; // 12; parent Giulia Rossi (R-0002)
const LINH = { id: '100000000005', email: 'linh.nguyen@members.example' };

test('a link for a 12-year-old goes to the parent who is calling, never the child, and says where it went', async ({ browser }) => {
  const { context, page } = await staffPage(browser, STAFF.casey, `/staff/members/${EMMA}`);
  const form = page.locator('#send-link');
  await expect(form).toContainText('the link goes to the representative who is calling, never to the child');
  await expect(form.getByRole('radio', { name: /Emma Rossi/ })).toHaveCount(0);
  await expect(form.getByRole('radio', { name: 'Giulia Rossi, parent' })).toBeChecked();
  await expect(form.getByRole('radio', { name: 'Giulia Rossi, parent' })).toHaveAccessibleDescription(/Emailed to Giulia Rossi’s address on file .* then choose Emma Rossi.* Language on file: English\.$/);
  // The one who can call is the parent: the language starts on hers, not the child's.
  await expect(form.getByRole('radio', { name: 'English' })).toBeChecked();
  await expectNoAxeViolations(page);
  const before = Date.now() - 1_000;
  await form.getByRole('radio', { name: 'MedTrack Rx' }).check();
  await form.getByRole('button', { name: 'Send the link' }).click();
  await expect(form.getByRole('status')).toContainText('is on its way to Giulia Rossi’s email on file');
  const mail = await waitForMail('giulia.rossi@reps.example', /Connect MedTrack Rx to Emma Rossi's MassHealth information/, before);
  expect(mail.text).toContain('choose Emma Rossi');
  await context.close();
});

test('a link in Spanish for a caller who speaks it: the email is in Spanish, and the caller screen then says Spanish', async ({ browser }) => {
  const { context, page } = await staffPage(browser, STAFF.casey, `/staff/members/${LINH.id}`);
  const form = page.locator('#send-link');
  const before = Date.now() - 1_000;
  await form.getByRole('radio', { name: 'Spanish' }).check();
  await form.getByRole('radio', { name: 'MedTrack Rx' }).check();
  await form.getByRole('button', { name: 'Send the link' }).click();
  await expect(form.getByRole('status')).toContainText('in Spanish');
  const mail = await waitForMail(LINH.email, /Conecte MedTrack Rx a su información de MassHealth/, before);
  expect(mail.text).toMatch(/\/apps\/medtrack-rx\/connect\?lang=es/);
  await page.reload();
  await expect(page.locator('dt:text-is("Language") + dd')).toHaveText('Spanish');
  await expect(form.getByRole('radio', { name: 'Spanish' })).toBeChecked();
  // English again, so the demo member stays as the other journeys expect.
  await form.getByRole('radio', { name: 'English' }).check();
  await form.getByRole('radio', { name: 'MedTrack Rx' }).check();
  await form.getByRole('button', { name: 'Send the link' }).click();
  await expect(form.getByRole('status')).toContainText('in English');
  await context.close();
});

test('after "Sign out" the tab holds no caller’s record, not even in the page source', async ({ browser }) => {
  const { context, page } = await staffPage(browser, STAFF.casey, `/staff/members/${LINH.id}`);
  await page.reload(); // a full page load, as when a screen is opened by its address
  expect(await page.content()).toContain(LINH.id);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in\?signedOut=1/);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  const html = await page.content();
  expect(html).not.toContain(LINH.id);
  expect(html).not.toContain('Linh');
  await context.close();
});
