'use server';

import { headers } from 'next/headers';
import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { appDecisionSchema, privacyMarkField, privacyMarksSchema } from '@/lib/schemas/app-review';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runStaffAction, typedValues } from '@/lib/server/actions/run-form-action';
import { changeAppStatus } from '@/lib/server/apps/change-app-status';
import { markPrivacyAnswers, PrivacyAnswersChangedMeanwhile } from '@/lib/server/apps/mark-privacy-answers';
import { staffSay } from '@/lib/server/staff/staff-messages';

async function requestId(): Promise<string | null> {
  return (await headers()).get('x-request-id');
}

/** Approve, deny, suspend or reinstate, on a criterion from the list (the domain refuses anything else). */
export const decideOnAppAction = formStateAction(async (_, formData) => {
  return runStaffAction('apps:review', formData, appDecisionSchema, async (input, actor) => {
    const result = await changeAppStatus({ ...input, staffUsername: actor.username, requestId: await requestId() });
    redirect(`/staff/apps/${encodeURIComponent(input.appId)}?decided=${result.decisionId}`);
  });
});

/** The reviewer's marks on the privacy answers (never a reason to refuse an app). */
export const markPrivacyAnswersAction = formStateAction(async (_, formData) => {
  return runStaffAction('apps:review', formData, privacyMarksSchema, async ({ appId, marks, shown }, actor) => {
    let marked;
    try {
      ({ marked } = await markPrivacyAnswers({ appId, marks, shown, staffUsername: actor.username, requestId: await requestId() }));
    } catch (error) {
      if (!(error instanceof PrivacyAnswersChangedMeanwhile)) throw error;
      // The page is drawn again with the new words (and their fingerprints); the marks the reviewer
      // chose for the answers that did not change stay in the form.
      refresh();
      const values = typedValues(formData);
      for (const id of error.changed) delete values[privacyMarkField(id)];
      return { formError: staffSay(error.messageKey, error.values), values };
    }
    return { ok: true, message: marked.length === 0 ? 'No mark changed.' : `Saved ${marked.length} ${marked.length === 1 ? 'mark' : 'marks'}. Members see them on the app’s page.` };
  });
});
