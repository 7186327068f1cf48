import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { loadMessages } from '@/lib/i18n/load-messages';
import { identitySchema } from '@/lib/schemas/connect';
import { runFormAction, type Say } from './run-form-action';

function sayIn(locale: 'en' | 'es'): Say {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: 'errors' as never });
  const say = ((key: string, values?: Record<string, string | number | Date>) => t(key as never, values as never)) as Say;
  say.has = (key: string) => t.has(key as never);
  return say;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('the identity form’s errors', () => {
  it('say the date message once for the three boxes, and that a ZIP code has five digits', async () => {
    for (const locale of ['en', 'es'] as const) {
      const state = await runFormAction(form({ flowId: 'f', firstName: '', lastName: '', birthMonth: '', birthDay: '', birthYear: '', memberId: '', zip: '021' }), identitySchema, async () => ({}), { say: sayIn(locale) });
      expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual(['birthMonth', 'firstName', 'lastName', 'memberId', 'zip']);
      expect(state.fieldErrors?.zip).toMatch(locale === 'en' ? /5-digit ZIP code/ : /código postal de 5 dígitos/);
      const empty = await runFormAction(form({ flowId: 'f', zip: '' }), identitySchema, async () => ({}), { say: sayIn(locale) });
      expect(empty.fieldErrors?.zip).toBe(state.fieldErrors?.zip);
    }
  });
});
