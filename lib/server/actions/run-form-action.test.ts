import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runFormAction, type Say } from './run-form-action';

// Finding 6 of issue 10: bad bytes in any form field get a message next to the field, and never
// reach the domain call (whose database refuses NUL and broken Unicode with an error, a 500).

const say: Say = Object.assign((key: string) => `msg:${key}`, { has: (key: string) => ['fixFields', 'invalid', 'badCharacters', 'tooLong'].includes(key) });
const schema = z.object({ name: z.string(), note: z.string().optional() });

async function submit(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const calls: unknown[] = [];
  const state = await runFormAction(
    form,
    schema,
    async (input) => {
      calls.push(input);
      // What the database does with such text: an error the wrapper can only call "generic".
      if (Object.values(input).some((v) => typeof v === 'string' && v.includes('\u0000'))) throw new Error('invalid byte sequence');
      return { ok: true };
    },
    { say },
  );
  return { state, calls };
}

describe('runFormAction and bad bytes', () => {
  // (FormData itself turns lone surrogates into U+FFFD; the FHIR API's own parsing refuses them.)
  const bad = ['a\u0000b', '\u0000', 'x\u0007', '\u001b[2J', 'del\u007f'];
  for (const value of bad) {
    it(`answers ${JSON.stringify(value)} next to the field, without calling the domain`, async () => {
      const { state, calls } = await submit({ name: value, note: 'fine' });
      expect(calls).toEqual([]);
      expect(state.fieldErrors).toEqual({ name: 'msg:badCharacters' });
      expect(state.formError).toBe('msg:fixFields');
      expect(state.values?.note).toBe('fine');
      expect(state.values?.name).toBeUndefined();
    });
  }

  it('answers an overlong value next to the field', async () => {
    const { state, calls } = await submit({ name: 'ok', note: 'n'.repeat(10_001) });
    expect(calls).toEqual([]);
    expect(state.fieldErrors).toEqual({ note: 'msg:tooLong' });
  });

  it('answers a bad field name on the form as a whole', async () => {
    const { state, calls } = await submit({ name: 'ok', 'x\u0000': '1' });
    expect(calls).toEqual([]);
    expect(state.fieldErrors).toEqual({ form: 'msg:badCharacters' });
  });

  it('takes ordinary text: tabs, new lines, accents, emoji', async () => {
    const { state, calls } = await submit({ name: 'José\tMaría', note: 'línea 1\r\nlínea 2 👍' });
    expect(calls).toHaveLength(1);
    expect(state.ok).toBe(true);
  });
});
