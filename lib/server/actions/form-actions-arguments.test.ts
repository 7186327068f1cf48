import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { REFUSAL_WORDS } from '@/lib/server/errors/refused-request-page';
import { setLogSink } from '@/lib/server/log/logger';
import type { FormState } from './form-state';

// Every server action of every form (found by walking app/ for actions.ts, so a new one cannot be
// missed), called with the arguments a request can make Next.js pass. A no-JavaScript post that
// names the action as `$ACTION_ID_<id>` passes the form data alone; a fetch-action body, anything.
// An action written for useActionState, (previous state, form data), read its form data as
// undefined and threw: a 500 and a stack trace in the log. Each must refuse before it runs
// (formStateAction); an action that takes the form data alone is called that way by its own form.

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

type Action = (...args: unknown[]) => Promise<unknown>;
const actionFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? actionFiles(path.join(dir, e.name)) : e.name === 'actions.ts' ? [path.join(dir, e.name)] : []));

const stateActions: { name: string; action: Action }[] = [];
const formDataActions: string[] = [];

beforeAll(async () => {
  for (const file of actionFiles(path.join(process.cwd(), 'app')).sort()) {
    const exported = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const [name, action] of Object.entries(exported)) {
      if (typeof action !== 'function') continue;
      const where = `${path.relative(process.cwd(), file)}#${name}`;
      // (state, form data) for useActionState; the form data alone (or nothing) for a plain form.
      if (action.length >= 2) stateActions.push({ name: where, action: action as Action });
      else formDataActions.push(where);
    }
  }
}, 120_000);

const form = () => {
  const data = new FormData();
  for (const [name, value] of Object.entries({ flowId: 'uMpTHcViI9KimXgy6Ai2PA', code: '123456', memberId: '100000000001', appId: 'medtrack-rx', agree: 'yes' })) data.append(name, value);
  return data;
};

describe('every useActionState action, called with arguments other than (state, form data)', () => {
  it('finds the actions of every area', () => {
    const names = stateActions.map((a) => a.name);
    expect(names.length).toBeGreaterThanOrEqual(34);
    for (const expected of ['connect/[flowId]/actions.ts#reviewPrivacy', 'connect/[flowId]/actions.ts#approveShare', 'connect/[flowId]/actions.ts#confirmCode', 'connect/[flowId]/actions.ts#continueAsSignedIn', 'account/actions.ts#stopSharingAction', 'account/sharing/actions.ts#switchSharingAction', 'staff/(console)/team/actions.ts#manageStaffAction', 'developers/actions.ts#confirmCodeAction']) {
      expect(names.some((n) => n.endsWith(expected)), expected).toBe(true);
    }
    // The plain forms' actions: the form data alone is how their own forms call them.
    expect(formDataActions.some((n) => n.endsWith('app/actions.ts#switchLanguage'))).toBe(true);
  });

  const shapes: [string, () => unknown[]][] = [
    ['the form data alone, as a `$ACTION_ID_` post sends it', () => [form()]],
    ['nothing', () => []],
    ['a state and no form data', () => [{}]],
    ['a state and text', () => [{}, 'flowId=x']],
  ];
  for (const [shape, args] of shapes) {
    it(`answers ${shape} with a refusal, without running the action`, async () => {
      const errors: string[] = [];
      const restore = setLogSink((line, level) => void (level === 'error' && errors.push(line)));
      try {
        for (const { name, action } of stateActions) {
          let state: FormState;
          try {
            state = (await action(...args())) as FormState;
          } catch (error) {
            throw new Error(`${name} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
          }
          expect(state?.formError, name).toBe(REFUSAL_WORDS.en.unreadable.body);
        }
      } finally {
        restore();
      }
      expect(errors).toEqual([]);
    });
  }
});
