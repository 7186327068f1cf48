'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { addCaseNoteSchema, updateCaseSchema } from '@/lib/schemas/staff';
import type { FormState } from '@/lib/server/actions/form-state';
import { runStaffAction } from '@/lib/server/actions/run-form-action';
import { addCaseNote, updateCase } from '@/lib/server/staff/update-case';

async function requestId(): Promise<string | null> {
  return (await headers()).get('x-request-id');
}

export async function updateCaseAction(_: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction('cases:manage', formData, updateCaseSchema, async (input, actor) => {
    await updateCase(actor, {
      ...input,
      referredToOcr: input.referredToOcr === 'yes',
      referredToFtc: input.referredToFtc === 'yes',
      requestId: await requestId(),
    });
    redirect(`/staff/cases/${input.caseId}?saved=1`);
  });
}

export async function addCaseNoteAction(_: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction('cases:manage', formData, addCaseNoteSchema, async (input, actor) => {
    await addCaseNote(actor, { ...input, requestId: await requestId() });
    redirect(`/staff/cases/${input.caseId}?noted=1#notes`);
  });
}
