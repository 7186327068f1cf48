import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';

// A form post that names its server action as `$ACTION_ID_<id>` (how React writes a plain form for
// a browser without JavaScript) makes Next.js call the action with the form data alone. The
// actions of the useActionState forms take (previous state, form data): they read undefined,
// threw, and Next.js answered 500 with a stack trace in the log. formStateAction
// (lib/server/actions/form-state-action.ts) refuses such a call before the action runs, and the
// page Next.js draws after it goes out as a 400. What React writes for those forms
// (`$ACTION_REF_1`, `$ACTION_1:0`) still works as before.

interface BuiltAction {
  id: string;
  name: string;
  /** The pages whose bundle holds the action: Next.js finds it only when posted to one of them. */
  pages: string[];
}

/** Every action of a useActionState form, from the build the server runs and the sources it was built from. */
function formStateActions(): BuiltAction[] {
  const manifest = JSON.parse(fs.readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }>;
  };
  const wrapped = new Map<string, Set<string>>();
  const madeByFormStateAction = (file: string) => {
    if (!wrapped.has(file)) wrapped.set(file, new Set([...fs.readFileSync(file, 'utf8').matchAll(/^export const (\w+) = formStateAction\(/gm)].map((m) => m[1])));
    return wrapped.get(file)!;
  };
  return Object.entries(manifest.node)
    .filter(([, entry]) => entry.filename && entry.exportedName && madeByFormStateAction(entry.filename).has(entry.exportedName))
    .map(([id, entry]) => ({ id, name: `${entry.filename}#${entry.exportedName}`, pages: Object.keys(entry.workers).filter((w) => w.endsWith('/page')) }));
}

/** `app/(member)/connect/[flowId]/code/page` → `/connect/<flowId>/code`, with the values given for each segment. */
function pagePath(worker: string, values: Record<string, string>): string {
  const segments = worker.split('/').slice(1, -1).filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.map((s) => (/^\[.+\]$/.test(s) ? (values[s.slice(1, -1)] ?? `unknown-${s}`) : s)).join('/')}`;
}

const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The fields of the page's useActionState form, as a browser without JavaScript sends them. */
function formStateFormFields(html: string): Record<string, string> {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes('$ACTION_REF_'));
  expect(form, 'a useActionState form on the page').toBeTruthy();
  const fields: Record<string, string> = {};
  for (const [input] of form!.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (name && !/type="(checkbox|radio)"/.test(input)) fields[decode(name)] = decode(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? '');
  }
  return fields;
}

/** A connection started in this context's browser: its id, at the privacy step. */
async function startConnection(request: APIRequestContext): Promise<string> {
  const start = await request.get('/apps/blue-button-explorer/connect');
  const flowId = /\/connect\/([^/]+)\/privacy/.exec(start.url())?.[1];
  expect(flowId, start.url()).toBeTruthy();
  return flowId!;
}

const actions = formStateActions();

test('every useActionState action finds its way into the build', () => {
  expect(actions.length).toBeGreaterThanOrEqual(34);
  for (const name of ['reviewPrivacy', 'approveShare', 'confirmCode', 'continueAsSignedIn', 'manageStaffAction', 'confirmCodeAction', 'switchSharingAction']) {
    expect(actions.some((a) => a.name.endsWith(`#${name}`)), name).toBe(true);
  }
});

test('a connect step named as `$ACTION_ID_` gets a 400 and stays where it was; the form React writes still moves on', async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const flowId = await startConnection(request);
  const privacy = `/connect/${flowId}/privacy`;
  const connectActions = actions.filter((a) => a.pages.some((p) => p.endsWith('/connect/[flowId]/privacy/page')));
  expect(connectActions.length).toBeGreaterThanOrEqual(8);
  for (const action of connectActions) {
    const answer = await request.post(privacy, { headers: { origin }, multipart: { [`$ACTION_ID_${action.id}`]: '', flowId }, maxRedirects: 0 });
    expect(answer.status(), action.name).toBe(400);
    const html = await answer.text();
    expect(html, action.name).not.toContain('Internal Server Error');
    // Nothing ran: the page drawn is still the privacy step, with its form.
    expect(html, action.name).toContain('$ACTION_REF_');
  }
  const page = await request.get(privacy, { maxRedirects: 0 });
  expect(page.status()).toBe(200);
  const sent = await request.post(privacy, { headers: { origin }, multipart: formStateFormFields(await page.text()), maxRedirects: 0 });
  expect(sent.status()).toBe(303);
  expect(sent.headers().location).toContain(`/connect/${flowId}/terms`);
});

test('every useActionState action named as `$ACTION_ID_` on each page that holds it: never a 500, a 400 where the page would be drawn', async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const values = { flowId: await startConnection(request), appId: 'medtrack-rx', memberId: '100000000001', repId: 'R-0002', caseId: 'no-such-case', grantId: 'no-such-grant' };
  // What each page answers this browser (no staff or developer session, no member signed in).
  const pageStatus = new Map<string, number>();
  let drawn = 0;
  for (const action of actions) {
    expect(action.pages.length, action.name).toBeGreaterThan(0);
    for (const worker of action.pages) {
      const where = pagePath(worker, values);
      if (!pageStatus.has(where)) pageStatus.set(where, (await request.get(where, { maxRedirects: 0 })).status());
      const answer = await request.post(where, { headers: { origin }, multipart: { [`$ACTION_ID_${action.id}`]: '', flowId: values.flowId }, maxRedirects: 0 });
      const expected = pageStatus.get(where) === 200 ? 400 : pageStatus.get(where);
      // 409 would be Next.js not finding the action on that page: the action would not have been tried.
      expect(answer.status(), `${action.name} posted to ${where}`).toBe(expected);
      if (expected === 400) drawn++;
    }
  }
  // Enough of them reached a page that is drawn for this browser (the connect steps, the sign-in pages).
  expect(drawn).toBeGreaterThanOrEqual(10);
});
