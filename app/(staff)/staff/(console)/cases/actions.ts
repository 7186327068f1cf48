'use server';

import { headers } from 'next/headers';
import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { addCaseNoteSchema, updateCaseSchema } from '@/lib/schemas/staff';
import type { FormState } from '@/lib/server/actions/form-state';
import { AppError } from '@/lib/server/errors/app-error';
import { runStaffAction } from '@/lib/server/actions/run-form-action';
import { addCaseNote, updateCase } from '@/lib/server/staff/update-case';

async function requestId(): Promise<string | null> {
  return (await headers()).get('x-request-id');
}

export async function updateCaseAction(_: FormState, formData: FormData): Promise<FormState> {
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
      // Someone else saved the case meanwhile: the page is drawn again as the case now stands
      // (and its hidden "shown" fields with it), while the form keeps what this user chose.
      if (error instanceof AppError && error.code === 'conflict') refresh();
      throw error;
    }
    redirect(`/staff/cases/${input.caseId}?saved=1`);
  });
}

export async function addCaseNoteAction(_: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction('cases:manage', formData, addCaseNoteSchema, async (input, actor) => {
    await addCaseNote(actor, { ...input, requestId: await requestId() });
    redirect(`/staff/cases/${input.caseId}?noted=1#notes`);
  });
}
