'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { phoneSharingChoiceSchema } from '@/lib/schemas/sharing';
import { logCaseSchema, sendConnectLinkSchema, stopConnectionSchema } from '@/lib/schemas/staff';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runStaffAction } from '@/lib/server/actions/run-form-action';
import { recordPhoneSharingChoice } from '@/lib/server/sharing/record-phone-sharing-choice';
import { logCaseForCaller } from '@/lib/server/staff/log-case-for-caller';
import { sendConnectLink } from '@/lib/server/staff/send-connect-link';
import { stopConnectionForCaller } from '@/lib/server/staff/stop-connection-for-caller';

async function requestId(): Promise<string | null> {
  return (await headers()).get('x-request-id');
}

export const stopConnectionAction = formStateAction(async (_, formData) => {
  return runStaffAction('consent:revoke', formData, stopConnectionSchema, async (input, actor) => {
    const { emailed } = await stopConnectionForCaller(actor, { ...input, requestId: await requestId() });
    redirect(`/staff/members/${input.memberId}?stopped=${input.grantId}&emailed=${emailed.join(',')}#connections`);
  });
});

export const sendConnectLinkAction = formStateAction(async (_, formData) => {
  return runStaffAction('flow:send-link', formData, sendConnectLinkSchema, async (input, actor) => {
    const { appName, to, locale } = await sendConnectLink(actor, { ...input, requestId: await requestId() });
    const whose = to.isMember ? 'the member’s' : `${to.name}’s`;
    const language = locale === 'es' ? 'Spanish' : 'English';
    return {
      message: `A link to connect ${appName} is on its way to ${whose} email on file (${to.maskedEmail}), in ${language}. They verify their identity with their own code; you never see it.`,
    };
  });
});

export const logCaseAction = formStateAction(async (_, formData) => {
  return runStaffAction('cases:create', formData, logCaseSchema, async (input, actor) => {
    const { caseId } = await logCaseForCaller(actor, { ...input, requestId: await requestId() });
    redirect(`/staff/members/${input.memberId}?case=${caseId}#cases`);
  });
});

export const recordPhoneSharingChoiceAction = formStateAction(async (_, formData) => {
  return runStaffAction('consent:revoke', formData, phoneSharingChoiceSchema, async (input, actor) => {
    const { changed } = await recordPhoneSharingChoice(actor, { ...input, locale: input.language, requestId: await requestId() });
    redirect(`/staff/members/${input.memberId}?sharing=${changed ? 'saved' : 'same'}#sharing`);
  });
});
