'use server';

import { headers } from 'next/headers';
import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { addCaseNoteSchema, updateCaseSchema } from '@/lib/schemas/staff';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runStaffAction, typedValues } from '@/lib/server/actions/run-form-action';
import { staffSay } from '@/lib/server/staff/staff-messages';
import { addCaseNote, CaseChangedMeanwhile, updateCase, type CaseHandling } from '@/lib/server/staff/update-case';

async function requestId(): Promise<string | null> {
  return (await headers()).get('x-request-id');
}

export const updateCaseAction = formStateAction(async (_, formData) => {
  return runStaffAction('cases:manage', formData, updateCaseSchema, async (input, actor) => {
    try {
      await updateCase(actor, {
        caseId: input.caseId,
        status: input.status,
        owner: input.owner || null,
        dueOn: input.dueOn,
        referredToOcr: input.referredToOcr === 'yes',
        referredToFtc: input.referredToFtc === 'yes',
        shown: {
          status: input.shownStatus,
          owner: input.shownOwner || null,
          dueOn: input.shownDueOn,
          referredToOcr: input.shownOcr === 'yes',
          referredToFtc: input.shownFtc === 'yes',
        },
        requestId: await requestId(),
      });
    } catch (error) {
      if (!(error instanceof CaseChangedMeanwhile)) throw error;
      // Someone else saved the case meanwhile: the page is drawn again as the case now stands (its
      // hidden "shown" fields with it), and the form shows this user's changes over it, so a second
      // Save keeps theirs and undoes nothing else.
      refresh();
      return { formError: staffSay(error.messageKey, error.values), values: caseFormValues(formData, error) };
    }
    redirect(`/staff/cases/${input.caseId}?saved=1`);
  });
});

/** The case form's values after a clash: what the user changed as they typed it, the rest as the case now is. */
function caseFormValues(formData: FormData, clash: CaseChangedMeanwhile): Record<string, string> {
  const values = typedValues(formData);
  const { current, wanted } = clash;
  const keep = (key: keyof CaseHandling) => wanted.includes(key);
  if (!keep('status')) values.status = current.status;
  if (!keep('owner')) values.owner = current.owner ?? '';
  if (!keep('dueOn')) values.dueOn = current.dueOn ?? '';
  for (const [field, on] of [['referredToOcr', current.referredToOcr], ['referredToFtc', current.referredToFtc]] as const) {
    if (keep(field)) continue;
    delete values[field];
    delete values[`${field}:yes`];
    if (on) Object.assign(values, { [field]: 'yes', [`${field}:yes`]: 'yes' });
  }
  return values;
}

export const addCaseNoteAction = formStateAction(async (_, formData) => {
  return runStaffAction('cases:manage', formData, addCaseNoteSchema, async (input, actor) => {
    await addCaseNote(actor, { ...input, requestId: await requestId() });
    redirect(`/staff/cases/${input.caseId}?noted=1#notes`);
  });
});
