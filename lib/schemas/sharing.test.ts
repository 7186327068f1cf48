import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en/sharing.json' with { type: 'json' };
import es from '@/lib/i18n/messages/es/sharing.json' with { type: 'json' };
import { nextPlanSchema } from './sharing';

const base = { memberId: '100000000001', planName: 'Harbor Health Plan', planMemberId: 'HHP-1', relation: 'previous', policy: 'regular' };

describe('nextPlanSchema', () => {
  it('says which plan a message is about: the second plan has its own words', () => {
    const result = nextPlanSchema.safeParse({ ...base, plan2Name: 'Bay State Care' });
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(issues).toEqual({ plan2MemberId: 'plan2MemberId', relation2: 'chooseRelation2' });
    const first = nextPlanSchema.safeParse({ ...base, planMemberId: '', relation: '' });
    expect(Object.fromEntries(first.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({ planMemberId: 'planMemberId', relation: 'chooseRelation' });
    const noName = nextPlanSchema.safeParse({ ...base, plan2MemberId: 'BSC-2', relation2: 'concurrent' });
    expect(noName.error!.issues.map((i) => i.message)).toEqual(['namePlan2']);
  });

  it('has every message in English and Spanish, for a member and (naming the member) for a representative', () => {
    const pairs = [
      ['namePlan', 'namePlan2'],
      ['planMemberId', 'plan2MemberId'],
      ['chooseRelation', 'chooseRelation2'],
    ] as const;
    for (const messages of [en.errors, es.errors]) {
      for (const [first, second] of pairs) {
        expect(messages[first]).toBeTruthy();
        expect(messages[second]).toBeTruthy();
        expect(messages[second]).not.toBe(messages[first]);
      }
    }
    for (const key of ['planMemberId', 'plan2MemberId', 'chooseRelation', 'chooseRelation2']) {
      expect(en.forRepresentative.errors[key as keyof typeof en.forRepresentative.errors]).toContain('{name}');
      expect(es.forRepresentative.errors[key as keyof typeof es.forRepresentative.errors]).toContain('{name}');
    }
  });
});
