import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { loadMessages } from '@/lib/i18n/load-messages';
import { runFormAction, type Say } from '@/lib/server/actions/run-form-action';
import { identitySchema, signInIdentitySchema } from './connect';

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

const WELL_FORMED = { who: 'member', firstName: 'Maria', lastName: 'Santos', birthMonth: '3', birthDay: '12', birthYear: '1984', memberId: '1000 0000 0001', zip: '02119' };
const neverCalled = async () => {
  throw new Error('the details were not checked against the records');
};

describe('the identity form’s format problems', () => {
  it('are all reported at once: month 13 and day 40, a 3-digit member ID and a ZIP of letters; what was typed stays', async () => {
    for (const schema of [identitySchema, signInIdentitySchema]) {
      const typed = { ...WELL_FORMED, flowId: 'f', birthMonth: '13', birthDay: '40', memberId: '123', zip: 'abc' };
      const state = await runFormAction(form(typed), schema, neverCalled, { say: sayIn('en') });
      // In the form's order, as the error summary lists them.
      expect(Object.keys(state.fieldErrors ?? {})).toEqual(['birthMonth', 'memberId', 'zip']);
      expect(state.fieldErrors?.birthMonth).toMatch(/real date of birth/);
      expect(state.fieldErrors?.memberId).toMatch(/12 numbers/);
      expect(state.fieldErrors?.zip).toMatch(/5-digit ZIP code/);
      expect(state.values).toMatchObject({ birthMonth: '13', birthDay: '40', memberId: '123', zip: 'abc' });
    }
  });

  it('a real-looking date that is not one (February 30) is reported beside a bad ZIP', async () => {
    const state = await runFormAction(form({ ...WELL_FORMED, flowId: 'f', birthMonth: '2', birthDay: '30', zip: '1' }), identitySchema, neverCalled, { say: sayIn('es') });
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual(['birthMonth', 'zip']);
  });

  it('reads a member ID as 12 numbers (spaces and dashes as printed on the card), a representative ID as R and numbers', () => {
    for (const memberId of ['100000000001', '1000 0000 0001', '1000-0000-0001']) expect(identitySchema.safeParse({ ...WELL_FORMED, flowId: 'f', memberId }).success).toBe(true);
    for (const memberId of ['123', '1000000000011', 'R-0002', '10000000000a']) {
      const parsed = identitySchema.safeParse({ ...WELL_FORMED, flowId: 'f', memberId });
      expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['memberId', 'memberIdFormat']]);
    }
    for (const memberId of ['R-0002', 'r0002', 'R 0002']) expect(identitySchema.safeParse({ ...WELL_FORMED, flowId: 'f', who: 'representative', memberId }).success).toBe(true);
    for (const memberId of ['100000000001', '0002', 'R-2']) {
      const parsed = identitySchema.safeParse({ ...WELL_FORMED, flowId: 'f', who: 'representative', memberId });
      expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['memberId', 'repIdFormat']]);
    }
  });

  it('say each problem in Spanish too', async () => {
    const state = await runFormAction(form({ ...WELL_FORMED, flowId: 'f', who: 'representative', memberId: '12' }), identitySchema, neverCalled, { say: sayIn('es') });
    expect(state.fieldErrors?.memberId).toMatch(/R-0002/);
    expect(state.fieldErrors?.memberId).not.toBe(sayIn('es')('invalid'));
  });

  it('well-formed details go on to be checked against the records (one message for any that do not match)', async () => {
    const state = await runFormAction(form({ ...WELL_FORMED, flowId: 'f' }), identitySchema, async (input) => ({ message: input.birthDate }), { say: sayIn('en') });
    expect(state.fieldErrors).toBeUndefined();
    expect(state.message).toBe('1984-03-12');
  });
});
