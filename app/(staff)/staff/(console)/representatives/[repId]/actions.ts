'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { authorityEndSchema } from '@/lib/schemas/staff';
import type { FormState } from '@/lib/server/actions/form-state';
import { runStaffAction } from '@/lib/server/actions/run-form-action';
import { recordAuthorityEnd } from '@/lib/server/staff/record-authority-end';

/** Customer service records the last day a representative may act for a member (consent:revoke: it ends connections). */
export async function recordAuthorityEndAction(_: FormState, formData: FormData): Promise<FormState> {
  return runStaffAction('consent:revoke', formData, authorityEndSchema, async (input, actor) => {
    await recordAuthorityEnd(actor, { ...input, requestId: (await headers()).get('x-request-id') });
    redirect(`/staff/representatives/${encodeURIComponent(input.repId)}?ended=${input.authorityId}#members`);
  });
}
