import { z } from 'zod';
import { NOT_LISTED_PLAN } from '@/lib/forms/not-listed-plan';
import { callerLocale } from './staff';

// Messages are keys in the `sharing.errors` namespace (see runFormAction).

const memberId = z.string().trim().regex(/^\d{12}$/, 'notFound');

/** Turning Provider Access off or back on, or withdrawing Payer-to-Payer (the confirmation's one button). */
export const sharingSwitchSchema = z.object({
  memberId,
  kind: z.enum(['provider_access', 'payer_to_payer']),
  decision: z.enum(['permit', 'deny']),
});

export { NOT_LISTED_PLAN };

const planName = z.string().trim().max(120, 'tooLong');
const planMemberId = z.string().trim().max(40, 'tooLong');
const relation = z.enum(['previous', 'concurrent'], { message: 'chooseRelation' });

/** Turning Payer-to-Payer on: one plan (a second one optional), and whether sensitive data may go. */
const nextPlanFields = z
  .object({
    memberId,
    planName: planName.min(1, 'namePlan'),
    planMemberId: planMemberId.min(1, 'planMemberId'),
    relation,
    plan2Name: planName.optional().default(''),
    plan2MemberId: planMemberId.optional().default(''),
    relation2: z.string().optional().default(''),
    policy: z.enum(['regular', 'sensitive'], { message: 'chooseSensitive' }),
  })
  .superRefine((v, ctx) => {
    if (v.plan2Name === '' && v.plan2MemberId === '') return;
    if (v.plan2Name === '') ctx.addIssue({ code: 'custom', path: ['plan2Name'], message: 'namePlan2' });
    if (v.plan2MemberId === '') ctx.addIssue({ code: 'custom', path: ['plan2MemberId'], message: 'plan2MemberId' });
    if (v.relation2 !== 'previous' && v.relation2 !== 'concurrent') ctx.addIssue({ code: 'custom', path: ['relation2'], message: 'chooseRelation2' });
  });

/** A plan "not on this list" is answered first and alone: the member ID there is of no use yet. */
export const nextPlanSchema = z
  .unknown()
  .superRefine((v, ctx) => {
    const sent = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    for (const field of ['planName', 'plan2Name']) if (sent[field] === NOT_LISTED_PLAN) ctx.addIssue({ code: 'custom', path: [field], message: 'planNotListed' });
  })
  .pipe(nextPlanFields);

export const PHONE_CHOICES = ['providers-off', 'providers-on', 'next-plan-on', 'next-plan-off'] as const;

/** Customer service recording a choice a caller makes by phone (staff messages: lib/server/staff/staff-messages.ts). */
export const phoneSharingChoiceSchema = z
  .object({
    memberId: z.string({ message: 'memberNotFound' }).trim().regex(/^\d{6,20}$/, 'memberNotFound'),
    /** Who is calling: `member`, or a representative's ID (the domain checks they may choose). */
    caller: z.string({ message: 'chooseCaller' }).trim().min(1, 'chooseCaller').max(40, 'chooseCaller'),
    choice: z.enum(PHONE_CHOICES, { message: 'chooseSharingChoice' }),
    /** The language the caller speaks: the receipt is in it, and it is saved as theirs. */
    language: callerLocale,
    planName: planName.optional().default(''),
    planMemberId: planMemberId.optional().default(''),
    relation: z.string().optional().default(''),
    policy: z.string().optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.choice !== 'next-plan-on') return;
    if (v.planName === NOT_LISTED_PLAN) {
      ctx.addIssue({ code: 'custom', path: ['planName'], message: 'planNotListed' });
      return;
    }
    if (v.planName === '') ctx.addIssue({ code: 'custom', path: ['planName'], message: 'namePlan' });
    if (v.planMemberId === '') ctx.addIssue({ code: 'custom', path: ['planMemberId'], message: 'planMemberId' });
    if (v.relation !== 'previous' && v.relation !== 'concurrent') ctx.addIssue({ code: 'custom', path: ['relation'], message: 'chooseRelation' });
    if (v.policy !== 'regular' && v.policy !== 'sensitive') ctx.addIssue({ code: 'custom', path: ['policy'], message: 'chooseSensitive' });
  });
