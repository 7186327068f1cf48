'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { nextPlanSchema, sharingSwitchSchema } from '@/lib/schemas/sharing';
import type { FormState } from '@/lib/server/actions/form-state';
import { runFormAction } from '@/lib/server/actions/run-form-action';
import { accountWording } from '@/lib/server/account/account-wording';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { writeHubSession } from '@/lib/server/auth/hub-session';
import { changeSharingChoice } from '@/lib/server/sharing/change-sharing-choice';

const SHARING_ERRORS = { messages: 'sharing.errors' };

async function requireAccount() {
  const account = await loadSignedInAccount();
  if (!account) redirect('/account');
  return account;
}

const donePath = (memberId: string, changed: boolean) => `/account/sharing?member=${memberId}&${changed ? 'done' : 'same'}=1#result`;

/** Provider Access off or back on, or Payer-to-Payer withdrawn: the confirmation's one button. */
export async function switchSharingAction(_: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    formData,
    sharingSwitchSchema,
    async (input) => {
      const { session, scope } = await requireAccount();
      // Payer-to-Payer is turned on only through its own form, which names the plans.
      if (input.kind === 'payer_to_payer' && input.decision === 'permit') redirect(`/account/sharing?member=${input.memberId}`);
      const { changed } = await changeSharingChoice(scope, { ...input, locale: (await accountWording()).locale, requestId: (await headers()).get('x-request-id') });
      await writeHubSession({ ...session });
      redirect(donePath(input.memberId, changed));
    },
    SHARING_ERRORS,
  );
}

/** Payer-to-Payer on: the plans named, and whether behavioral health and substance use data may go. */
export async function turnOnNextPlanAction(_: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(
    formData,
    nextPlanSchema,
    async (input) => {
      const { session, scope } = await requireAccount();
      const otherPayers = [{ name: input.planName, memberId: input.planMemberId, relation: input.relation }];
      if (input.plan2Name) otherPayers.push({ name: input.plan2Name, memberId: input.plan2MemberId, relation: input.relation2 as 'previous' | 'concurrent' });
      const { changed } = await changeSharingChoice(scope, {
        memberId: input.memberId,
        kind: 'payer_to_payer',
        decision: 'permit',
        policy: input.policy,
        otherPayers,
        locale: (await accountWording()).locale,
        requestId: (await headers()).get('x-request-id'),
      });
      await writeHubSession({ ...session });
      redirect(donePath(input.memberId, changed));
    },
    SHARING_ERRORS,
  );
}
