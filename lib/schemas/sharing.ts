import { z } from 'zod';

// Messages are keys in the `sharing.errors` namespace (see runFormAction).

const memberId = z.string().trim().regex(/^\d{12}$/, 'notFound');

/** Turning Provider Access off or back on, or withdrawing Payer-to-Payer (the confirmation's one button). */
export const sharingSwitchSchema = z.object({
  memberId,
  kind: z.enum(['provider_access', 'payer_to_payer']),
  decision: z.enum(['permit', 'deny']),
});

const planName = z.string().trim().max(120, 'tooLong');
const planMemberId = z.string().trim().max(40, 'tooLong');
const relation = z.enum(['previous', 'concurrent'], { message: 'chooseRelation' });

/** Turning Payer-to-Payer on: one plan (a second one optional), and whether sensitive data may go. */
export const nextPlanSchema = z
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
    if (v.plan2Name === '') ctx.addIssue({ code: 'custom', path: ['plan2Name'], message: 'namePlan' });
    if (v.plan2MemberId === '') ctx.addIssue({ code: 'custom', path: ['plan2MemberId'], message: 'planMemberId' });
    if (v.relation2 !== 'previous' && v.relation2 !== 'concurrent') ctx.addIssue({ code: 'custom', path: ['relation2'], message: 'chooseRelation' });
  });
