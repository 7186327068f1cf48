import { describe, expect, it } from 'vitest';
import { loadMessages } from '@/lib/i18n/load-messages';
import { LOCALES } from '@/lib/i18n/locales';
import { NOT_LISTED_PLAN, nextPlanSchema, phoneSharingChoiceSchema } from './sharing';

const MEMBER = '100000000001';
const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]);

describe('"The plan is not on this list"', () => {
  it('is answered on its own, before the member ID there is asked for: nothing is saved for it', () => {
    expect(issuesOf(nextPlanSchema.safeParse({ memberId: MEMBER, planName: NOT_LISTED_PLAN, planMemberId: '' }))).toEqual([['planName', 'planNotListed']]);
    expect(
      issuesOf(nextPlanSchema.safeParse({ memberId: MEMBER, planName: 'Harbor Health Plan', planMemberId: 'HHP-1', relation: 'previous', policy: 'regular', plan2Name: NOT_LISTED_PLAN })),
    ).toEqual([['plan2Name', 'planNotListed']]);
  });

  it('is answered the same way when customer service records it by phone', () => {
    const phone = { memberId: MEMBER, caller: 'member', choice: 'next-plan-on', language: 'en', planName: NOT_LISTED_PLAN };
    expect(issuesOf(phoneSharingChoiceSchema.safeParse(phone))).toEqual([['planName', 'planNotListed']]);
  });

  it.each(LOCALES)('in %s, says why and whom to call', (locale) => {
    const errors = (loadMessages(locale) as unknown as { sharing: { errors: Record<string, string> } }).sharing.errors;
    expect(errors.planNotListed).toContain('{phone}');
    expect(errors.planNotListed).toContain('{tty}');
    expect(errors.planNotRegistered).toBeTruthy();
  });
});

describe('a plan chosen from the list', () => {
  it('is required, with a message that says to choose it from the list', () => {
    const empty = issuesOf(nextPlanSchema.safeParse({ memberId: MEMBER, planName: '', planMemberId: 'HHP-1', relation: 'previous', policy: 'regular' }));
    expect(empty).toEqual([['planName', 'namePlan']]);
    expect((loadMessages('en') as unknown as { sharing: { errors: Record<string, string> } }).sharing.errors.namePlan).toMatch(/from the list/);
  });
});
