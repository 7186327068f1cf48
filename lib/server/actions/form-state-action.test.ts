import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REFUSAL_WORDS } from '@/lib/server/errors/refused-request-page';
import { answerWithPageStatus } from '@/lib/server/http/page-status';
import { setLogSink } from '@/lib/server/log/logger';
import type { FormState } from './form-state';
import { formStateAction } from './form-state-action';

// Next.js runs an action with the arguments the request names: a no-JavaScript post that names the
// action as `$ACTION_ID_<id>` gives the form data alone, a hand-made fetch-action body anything.
// An action of a useActionState form must then answer with a refusal, not throw (a 500).

const locale = vi.hoisted(() => ({ current: 'en' }));
vi.mock('next-intl/server', () => ({ getLocale: async () => locale.current }));

const calls: unknown[][] = [];
const action = formStateAction(async (state, formData) => {
  calls.push([state, formData]);
  return { ok: true, message: String(formData.get('name')) };
});
const form = (name: string) => {
  const data = new FormData();
  data.append('name', name);
  return data;
};
type AnyCall = (...args: unknown[]) => Promise<FormState>;

describe('formStateAction', () => {
  let lines: string[] = [];
  let restoreLog: () => void;
  beforeAll(() => {
    restoreLog = setLogSink((line) => void lines.push(line));
  });
  afterAll(() => restoreLog());

  it('runs the action when called as useActionState calls it: (state, form data)', async () => {
    calls.length = 0;
    const data = form('Maria');
    expect(await action({ formError: 'before' }, data)).toEqual({ ok: true, message: 'Maria' });
    expect(calls).toEqual([[{ formError: 'before' }, data]]);
    // Two parameters, as the action it wraps: callers that go by the count (the fuzz suite) still call it with both.
    expect(action.length).toBe(2);
  });

  const wrongShapes: [string, unknown[]][] = [
    ['the form data alone ($ACTION_ID_)', [form('Maria')]],
    ['nothing', []],
    ['a state and text', [{}, 'name=Maria']],
    ['a state and a plain object', [{}, { name: 'Maria' }]],
    ['the form data first, then the state', [form('Maria'), {}]],
  ];
  for (const [shape, args] of wrongShapes) {
    it(`refuses ${shape} without running the action`, async () => {
      calls.length = 0;
      lines = [];
      const state = await (action as unknown as AnyCall)(...args);
      expect(calls).toEqual([]);
      expect(state.formError).toBe(REFUSAL_WORDS.en.unreadable.body);
      expect(state.ok).toBeUndefined();
      expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: 'warn', event: 'action.wrongArguments' })]);
    });
  }

  it('says so in Spanish to a Spanish page', async () => {
    locale.current = 'es';
    try {
      expect((await (action as unknown as AnyCall)(form('Maria'))).formError).toBe(REFUSAL_WORDS.es.unreadable.body);
    } finally {
      locale.current = 'en';
    }
  });

  it('answers the page Next.js draws after a refused call with 400, and a good call with 200', async () => {
    const server = http.createServer(
      answerWithPageStatus(async (req, res) => {
        const state = req.url === '/alone' ? await (action as unknown as AnyCall)(form('Maria')) : await action({}, form('Maria'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(state));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/alone`)).status).toBe(400);
      expect((await fetch(`${base}/both`)).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
