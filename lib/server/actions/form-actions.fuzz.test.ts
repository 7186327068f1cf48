import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { developerAccounts, staff } from '@/lib/db/schema';
import { createHash } from 'node:crypto';
import { writeHubSession } from '@/lib/server/auth/hub-session';
import type { ConnectFlowState } from '@/lib/server/connect/connect-flow-state';
import { loadConnectFlow, startConnectFlow, updateConnectFlow } from '@/lib/server/connect/connect-flow-store';
import { writeDeveloperSession } from '@/lib/server/developers/developer-session';
import { setLogSink } from '@/lib/server/log/logger';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { assertFuzz, badText, showsStackTrace } from '@/lib/testing/fuzz/bad-input';
import { changedTables, databaseFingerprint } from '@/lib/testing/fuzz/database-fingerprint';
import { suiteHub } from '@/lib/testing/suite-hub';
import { demoIdentifiers, findLeaks } from '@/scripts/log-leaks';
import type { FormState } from './form-state';

// Every server action of every form (found by walking app/ for actions.ts, so a new form cannot be
// missed), called as Next.js calls it, with FormData full of odd values, wrong types, missing and
// repeated fields, under a signed-in member, staff admin or developer. Each answer is a message
// (next to a field or for the form) or a redirect: never an unexpected error, never a stack
// trace, and a refused input leaves the database as it was.

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string | { name: string }) => void jar.delete(typeof name === 'string' ? name : name.name),
  }),
  headers: async () =>
    new Headers({ 'x-request-id': 'fuzz-request', 'x-pathname': '/', host: 'localhost', 'x-consent-hub-client-address': '198.51.100.9' }),
}));
// Messages as the pages have them, in English, without a Next.js request around the call.
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('use-intl');
  const { loadMessages } = await import('@/lib/i18n/load-messages');
  const messages = loadMessages('en');
  return {
    getLocale: async () => 'en',
    getTranslations: async (namespace?: string | { namespace?: string }) =>
      createTranslator({ locale: 'en', messages, namespace: (typeof namespace === 'string' ? namespace : namespace?.namespace) as never }),
  };
});

type Action = (state: FormState, formData: FormData) => Promise<unknown>;
// A form's action takes (previous state, form data) under useActionState, or the form data alone.
const call = (action: Action, form: FormData) => (action.length >= 2 ? action({}, form) : (action as unknown as (f: FormData) => Promise<unknown>)(form));
const RUNS_PER_ACTION = 8;
const DEVELOPER_ID = 'dev-fuzz-0001';
// Counters of attempts: a refused sign-in attempt is still an attempt (rate limits).
const ATTEMPT_TABLES = ['rate_limits', 'hub_sessions'];
/** Where a refused attempt is recorded: the audit trail (and its chain heads). */
const REFUSAL_RECORDS = ['audit_events', 'audit_chain_head'];
const COMMON_FIELDS = ['flowId', 'code', 'memberId', 'grantId', 'appId', 'caseId', 'username', 'email', 'categories', 'locale', 'returnTo', 'agree', 'confirm', 'duration', 'who', 'firstName', 'lastName', 'birthMonth', 'birthDay', 'birthYear', 'zip', 'do', 'roles', 'reason', 'note', 'kind', 'description', 'about', 'status', 'decision', '$ACTION_ID_x'];
const PLAUSIBLE = ['100000000001', 'yes', 'claims', 'personal', 'member', '90d', 'once', 'keep', 'open', 'approve', 'casey.csr', 'medtrack-rx', 'blue-button-explorer', 'Maria', 'Santos', '3', '12', '1984', '02119', '123456', 'dev@apps.example', 'en', 'es', '/account', 'https://evil.example/', '00000000-0000-0000-0000-000000000000', 'roles', 'disable'];

const actionFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? actionFiles(path.join(dir, e.name)) : e.name === 'actions.ts' ? [path.join(dir, e.name)] : []));

const actions: { area: string; name: string; action: Action; fields: string[] }[] = [];
const errorLines: string[] = [];
// Every line logged while the fuzz ran, for the check that none names a demo member.
const allLines: string[] = [];
let restoreLog: () => void;

function areaOf(file: string): 'staff' | 'developer' | 'connect' | 'member' {
  return file.includes('/staff/') ? 'staff' : file.includes('/developers/') ? 'developer' : file.includes('/connect/') ? 'connect' : 'member';
}

// A connection in progress at each step, in this browser, so the connect steps' actions get past
// "which flow?" and parse what was typed.
const BROWSER = 'fuzz-browser-cookie';
const ready = { privacyReviewed: true, termsAccepted: true };
const STAGES: ConnectFlowState[] = [
  {},
  { privacyReviewed: true },
  ready,
  { ...ready, pendingSubject: { kind: 'member', id: '100000000001', maskedEmail: 'm***@members.example' } },
  { ...ready, subject: { kind: 'member', id: '100000000001' } },
  { ...ready, subject: { kind: 'representative', id: 'R-0002' } },
];
async function startFlowAt(stage: number): Promise<string> {
  jar.set('hub_browser', BROWSER);
  const key = createHash('sha256').update(BROWSER).digest('base64url');
  const flowId = await startConnectFlow({ appId: 'medtrack-rx', entry: 'gallery', interactionUid: null, browserKey: key, locale: 'en' });
  if (stage > 0) await updateConnectFlow((await loadConnectFlow(flowId, key))!, STAGES[stage]);
  return flowId;
}

async function signIn(area: string) {
  jar.clear();
  if (area === 'staff') await writeHubSession({ kind: 'staff', username: 'alex.admin', roles: ['app_reviewer', 'admin'], verifiedAt: Date.now() });
  else await writeHubSession({ kind: 'member', memberId: '100000000001', verifiedAt: Date.now() });
  if (area === 'developer') await writeDeveloperSession({ developerId: DEVELOPER_ID, signedInAt: Date.now() });
}

// Registered before the hub, so the lines it logs while it starts are read too.
beforeAll(() => {
  restoreLog = setLogSink((line, level) => {
    allLines.push(line);
    if (level === 'error') errorLines.push(line);
  });
});
afterAll(() => restoreLog?.());
const suite = suiteHub({ dataDirPrefix: 'hub-fuzz-' });

beforeAll(async () => {
  await suite.hub.db.insert(developerAccounts).values({ id: DEVELOPER_ID, email: 'dev@apps.example', verifiedAt: new Date() });
  // Every staff permission, so each staff form is parsed rather than refused for the role.
  await suite.hub.db.update(staff).set({ roles: ['csr', 'privacy_officer', 'app_reviewer', 'admin'] }).where(eq(staff.username, 'alex.admin'));
  for (const file of actionFiles(path.join(process.cwd(), 'app')).sort()) {
    const exported = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const [name, action] of Object.entries(exported)) {
      if (typeof action !== 'function') continue;
      // The fields the form requires: what an empty submit names in its field messages.
      await signIn(areaOf(file));
      const empty = await call(action as Action, new FormData()).catch(() => null);
      const required = Object.keys((empty as FormState | null)?.fieldErrors ?? {});
      actions.push({ area: areaOf(file), name: `${path.relative(process.cwd(), file)}#${name}`, action: action as Action, fields: [...new Set([...required, ...COMMON_FIELDS])] });
    }
  }
}, 180_000);

const value = fc.oneof(
  { weight: 2, arbitrary: badText },
  { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  // A wrong type: a file where text is expected.
  { weight: 1, arbitrary: badText.map((t) => new File([t], 'x.bin', { type: 'application/octet-stream' })) },
);

/** A form as a browser, a script or an attacker sends it: some fields missing, some repeated, some unknown. */
const formFor = (fields: string[]) =>
  fc.array(
    fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: badText }), fc.array(value, { minLength: 1, maxLength: 3 })),
    { maxLength: fields.length + 2 },
  );

function isNavigation(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && /^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK|NOT_FOUND)/.test(digest);
}

let cases = 0;
const outcomes: Record<string, number> = {};
const count = (kind: string) => void (outcomes[kind] = (outcomes[kind] ?? 0) + 1);
async function submit(entry: (typeof actions)[number], generated: [string, (string | File)[]][], stage: number): Promise<void> {
  cases++;
  await signIn(entry.area);
  let pairs = generated;
  if (entry.area === 'connect') {
    const flowId = await startFlowAt(stage);
    // The real flow, unless the fuzz sent its own flowId (then both: a repeated field).
    pairs = [['flowId', [flowId]], ...generated];
  }
  const form = new FormData();
  for (const [name, values] of pairs) for (const v of values) form.append(name, v);
  const shown = pairs.map(([n, vs]) => `${n}=${vs.map((v) => (typeof v === 'string' ? v.slice(0, 40) : '[file]')).join('|')}`).join('&').slice(0, 400);
  const where = `${entry.name} with ${shown}`;
  await settleMailDeliveries(); // an earlier case's mail, sent after its answer, is not this case's write
  const before = await databaseFingerprint(suite.hub.db);
  errorLines.length = 0;
  let result: unknown;
  try {
    result = await call(entry.action, form);
  } catch (error) {
    count('redirect');
    expect(isNavigation(error), `${where}: threw ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error)}`).toBe(true);
    return;
  }
  await settleMailDeliveries();
  expect(errorLines, `${where}: logged an unexpected error`).toEqual([]);
  if (!result || typeof result !== 'object') return count('other'); // staySignedIn answers a number
  const state = result as FormState;
  count(state.fieldErrors ? 'field message' : state.formError ? 'form message' : 'accepted');
  const text = JSON.stringify({ formError: state.formError, fieldErrors: state.fieldErrors, message: state.message });
  expect(showsStackTrace(text), `${where}: ${text}`).toBe(false);
  if (state.fieldErrors && Object.keys(state.fieldErrors).length > 0) {
    for (const message of Object.values(state.fieldErrors)) expect(message, where).toMatch(/\S/);
    const changed = changedTables(before, await databaseFingerprint(suite.hub.db)).filter((t) => !ATTEMPT_TABLES.includes(t));
    expect(changed, `${where}: refused, yet changed the database`).toEqual([]);
  } else if (state.formError) {
    // Refused as a whole (no match, too many tries, not allowed): the refusal itself may be
    // recorded (the audit trail, the attempt counters), nothing else.
    const changed = changedTables(before, await databaseFingerprint(suite.hub.db)).filter((t) => !ATTEMPT_TABLES.includes(t) && !REFUSAL_RECORDS.includes(t));
    expect(changed, `${where}: refused (${state.formError}), yet changed the database`).toEqual([]);
  }
}

describe('every form action under odd input', () => {
  it('finds the form actions of every area', () => {
    const names = actions.map((a) => a.name);
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const area of ['connect/[flowId]/actions.ts#submitIdentity', 'account/actions.ts#reportProblemAction', 'staff/(console)/team/actions.ts#manageStaffAction', 'developers/actions.ts#requestConnectionAction']) {
      expect(names.some((n) => n.endsWith(area)), area).toBe(true);
    }
  });

  it('answers each with a message or a redirect, never an error, and refuses without writing', async () => {
    const started = Date.now();
    for (const entry of actions) {
      await assertFuzz(fc.asyncProperty(formFor(entry.fields), fc.nat(STAGES.length - 1), (pairs, stage) => submit(entry, pairs, stage)), RUNS_PER_ACTION);
    }
    // The forms were sent members' real names, IDs and birth dates among the odd values: the log must show none.
    expect(findLeaks(allLines.join('\n'), demoIdentifiers()).map((l) => `${l.label}: ${allLines[l.line - 1]?.slice(0, 200)}`)).toEqual([]);
    console.log(`[fuzz] forms: ${cases} submissions to ${actions.length} actions in ${Date.now() - started} ms`, JSON.stringify(outcomes));
  }, 240_000);
});
