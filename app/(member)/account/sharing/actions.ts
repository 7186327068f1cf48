'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PAYER } from '@/lib/payer';
import { nextPlanSchema, sharingSwitchSchema } from '@/lib/schemas/sharing';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runFormAction, type Say } from '@/lib/server/actions/run-form-action';
import { accountWording } from '@/lib/server/account/account-wording';
import { keepFormDraft } from '@/lib/server/forms/form-drafts';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { writeHubSession } from '@/lib/server/auth/hub-session';
import { changeSharingChoice } from '@/lib/server/sharing/change-sharing-choice';

type SignedInAccount = NonNullable<Awaited<ReturnType<typeof loadSignedInAccount>>>;

const PHONE = { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty };

/**
 * The signed-in account, and the form's messages in the page's own words: a representative reads
 * the member's name where a member reads "your" ("Write Emma's member ID at that plan"). Loaded
 * before the form is read so its errors can name the member; a failure to load (the database
 * restarting) is met again inside the handler, where runFormAction answers it.
 */
async function sharingForm(formData: FormData): Promise<{ account: SignedInAccount | null; say: Say }> {
  const account = await loadSignedInAccount().catch(() => null);
  const errors = (await getTranslations('sharing.errors')) as unknown as Say;
  // Customer service's number, for the messages that say to call (a plan not on the list).
  const t = Object.assign((key: string, values: Record<string, string | number | Date> = {}) => errors(key, { ...PHONE, ...values }), { has: (key: string) => errors.has(key) });
  const member = account?.scope.viewer.kind === 'representative' ? account.scope.members.find((m) => m.memberId === formData.get('memberId')) : undefined;
  if (!member) return { account, say: t };
  const rep = (await getTranslations('sharing.forRepresentative.errors')) as unknown as Say;
  const say = Object.assign((key: string, values: Record<string, string | number | Date> = {}) => (rep.has(key) ? rep(key, { ...values, name: member.name }) : t(key, values)), {
    has: (key: string) => t.has(key),
  });
  return { account, say };
}

/** The signed-in viewer; without one (it ended while the form was open), what was typed is kept and back to sign-in. */
async function requireAccount(loaded: SignedInAccount | null, formData: FormData) {
  const account = loaded ?? (await loadSignedInAccount());
  if (!account) redirect((await keepFormDraft(formData)) ? '/account?formKept=1' : '/account');
  return account;
}

const donePath = (memberId: string, changed: boolean) => `/account/sharing?member=${memberId}&${changed ? 'done' : 'same'}=1#result`;

/** Provider Access off or back on, or Payer-to-Payer withdrawn: the confirmation's one button. */
export const switchSharingAction = formStateAction(async (_, formData) => {
  const { account, say } = await sharingForm(formData);
  return runFormAction(
    formData,
    sharingSwitchSchema,
    async (input) => {
      const { session, scope } = await requireAccount(account, formData);
      // Payer-to-Payer is turned on only through its own form, which names the plans.
      if (input.kind === 'payer_to_payer' && input.decision === 'permit') redirect(`/account/sharing?member=${input.memberId}`);
      const { changed } = await changeSharingChoice(scope, { ...input, locale: (await accountWording()).locale, requestId: (await headers()).get('x-request-id') });
      await writeHubSession({ ...session });
      redirect(donePath(input.memberId, changed));
    },
    { say },
  );
});

/** Payer-to-Payer on: the plans named, and whether behavioral health and substance use data may go. */
export const turnOnNextPlanAction = formStateAction(async (_, formData) => {
  const { account, say } = await sharingForm(formData);
  return runFormAction(
    formData,
    nextPlanSchema,
    async (input) => {
      const { session, scope } = await requireAccount(account, formData);
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
    { say },
  );
});
