// Walks a member through the connect flow in Playwright (Debian's Chromium), stopping at each step
// so that the caller can measure that step's page exactly as it stands then, with this browser's
// cookies (a flow belongs to the browser that started it, through the `hub_browser` cookie).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright';
import { CHROMIUM, CHROMIUM_FLAGS } from './lighthouse-run';
import { sleep, type Children } from './processes';

/** Daniel Murphy, eligible today (lib/demo/fixtures/members.json), connecting MedTrack Rx from the gallery. */
export const MEMBER_ID = '100000000004';
export const APP_ID = 'medtrack-rx';

interface Member {
  memberId: string;
  given: string;
  family: string;
  birthDate: string;
  email: string;
  address: { zip: string };
}

function demoMember(repoRoot: string, memberId: string): Member {
  const fixtures = JSON.parse(fs.readFileSync(path.join(repoRoot, 'lib', 'demo', 'fixtures', 'members.json'), 'utf8'));
  const list: Member[] = Array.isArray(fixtures) ? fixtures : fixtures.members;
  const member = list.find((m) => m.memberId === memberId);
  if (!member) throw new Error(`Member ${memberId} is not in the demo fixtures`);
  return member;
}

/** The newest 6-digit code mailed to `to` after `after` (the dev outbox: DATA_DIR/outbox/*.json). */
async function waitForCode(dataDir: string, to: string, after: number, timeoutMs = 15_000): Promise<string> {
  const dir = path.join(dataDir, 'outbox');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    const messages = files
      .map((file) => ({ full: path.join(dir, file), mtime: fs.statSync(path.join(dir, file)).mtimeMs }))
      .filter((m) => m.mtime >= after)
      .sort((a, b) => b.mtime - a.mtime)
      .map((m) => JSON.parse(fs.readFileSync(m.full, 'utf8')) as { to: string; text: string });
    const code = messages.filter((m) => m.to === to).map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean);
    if (code) return code;
    await sleep(200);
  }
  throw new Error(`No code email for ${to} in ${dir}`);
}

export type StepName = 'privacy' | 'terms' | 'identity' | 'code' | 'code-sent' | 'approve' | 'done';
/** Called at each step with the step's URL and this browser's cookies as a Cookie header. */
export type AtStep = (step: StepName, url: string, cookie: string) => Promise<void>;

async function expectStep(page: Page, step: string) {
  await page.waitForURL(new RegExp(`/connect/[\\w-]+/${step}$`), { timeout: 20_000 });
}

export async function walkConnectFlow(children: Children, repoRoot: string, origin: string, dataDir: string, atStep: AtStep): Promise<void> {
  const member = demoMember(repoRoot, MEMBER_ID);
  const [year, month, day] = member.birthDate.split('-');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS.filter((f) => !f.startsWith('--headless')) });
  children.onCleanup(() => browser.close());
  const context = await browser.newContext({ baseURL: origin, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const here = async (step: StepName) => {
    const cookie = (await context.cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
    await atStep(step, page.url(), cookie);
  };

  await page.goto(`/apps/${APP_ID}/connect`);
  await expectStep(page, 'privacy');
  await here('privacy');

  await page.getByRole('button', { name: 'I have read this' }).click();
  await expectStep(page, 'terms');
  await here('terms');

  await page.getByLabel(/I have read and I agree/).check();
  await page.getByRole('button', { name: 'Agree and continue' }).click();
  await expectStep(page, 'identity');
  await here('identity');

  await page.getByLabel('First name', { exact: true }).fill(member.given);
  await page.getByLabel('Last name', { exact: true }).fill(member.family);
  await page.getByLabel('Month', { exact: true }).fill(String(Number(month)));
  await page.getByLabel('Day', { exact: true }).fill(String(Number(day)));
  await page.getByLabel('Year', { exact: true }).fill(year);
  await page.getByLabel('Member ID', { exact: true }).fill(member.memberId);
  await page.getByLabel('ZIP code', { exact: true }).fill(member.address.zip);
  await page.getByRole('button', { name: 'Verify identity' }).click();
  await expectStep(page, 'code');
  await here('code');

  const before = Date.now() - 1000;
  await page.getByRole('button', { name: 'Send code to my email' }).click();
  const code = await waitForCode(dataDir, member.email, before);
  await page.getByLabel('Code', { exact: true }).waitFor();
  await here('code-sent');

  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Confirm code' }).click();
  await expectStep(page, 'approve');
  await here('approve');

  await page.getByLabel(/I want to share the data I chose/).check();
  await page.getByRole('button', { name: 'Approve data share' }).click();
  await expectStep(page, 'done');
  await here('done');
  await browser.close();
}
