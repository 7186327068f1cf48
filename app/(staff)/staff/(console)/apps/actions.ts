'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { appDecisionSchema, privacyMarksSchema } from '@/lib/schemas/app-review';
import type { FormState } from '@/lib/server/actions/form-state';
import { runStaffAction } from '@/lib/server/actions/run-form-action';
import { changeAppStatus } from '@/lib/server/apps/change-app-status';
import { markPrivacyAnswers } from '@/lib/server/apps/mark-privacy-answers';

async function requestId(): Promise<string | null> {
  return (await headers()).get('x-request-id');
}

/** Approve, deny, suspend or reinstate, on a criterion from the list (the domain refuses anything else). */
export async function decideOnAppAction(_: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction('apps:review', formData, appDecisionSchema, async (input, actor) => {
    const result = await changeAppStatus({ ...input, staffUsername: actor.username, requestId: await requestId() });
    redirect(`/staff/apps/${encodeURIComponent(input.appId)}?decided=${result.decisionId}`);
  });
}

/** The reviewer's marks on the privacy answers (never a reason to refuse an app). */
export async function markPrivacyAnswersAction(_: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction('apps:review', formData, privacyMarksSchema, async ({ appId, marks }, actor) => {
    const { marked } = await markPrivacyAnswers({ appId, marks, staffUsername: actor.username, requestId: await requestId() });
    return { ok: true, message: marked.length === 0 ? 'No mark changed.' : `Saved ${marked.length} ${marked.length === 1 ? 'mark' : 'marks'}. Members see them on the app’s page.` };
  });
}
