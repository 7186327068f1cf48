import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en/errors.json' with { type: 'json' };
import es from '@/lib/i18n/messages/es/errors.json' with { type: 'json' };
import { chooseMemberSchema } from './connect';

describe('chooseMemberSchema', () => {
  it('asks a representative who chose no one to choose the member, in words that say so', () => {
    for (const input of [{ flowId: 'f' }, { flowId: 'f', memberId: '' }, { flowId: 'f', memberId: 'x' }]) {
      expect(chooseMemberSchema.safeParse(input).error!.issues.map((i) => i.message)).toEqual(['chooseMemberToActFor']);
    }
    expect(en.chooseMemberToActFor).toBe('Choose the member you are acting for.');
    expect(es.chooseMemberToActFor).toBe('Elija al miembro al que representa.');
  });
});
