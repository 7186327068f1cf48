'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { authorityEndSchema } from '@/lib/schemas/staff';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runStaffAction } from '@/lib/server/actions/run-form-action';
import { authorityEndRefusal } from '@/lib/server/staff/authority-end-messages';
import { recordAuthorityEnd } from '@/lib/server/staff/record-authority-end';

/** Customer service records the last day a representative may act for a member (consent:revoke: it ends connections). */
export const recordAuthorityEndAction = formStateAction(async (_, formData) => {
  return runStaffAction('consent:revoke', formData, authorityEndSchema, async (input, actor) => {
    try {
      await recordAuthorityEnd(actor, { ...input, requestId: (await headers()).get('x-request-id') });
    } catch (error) {
      const refusal = authorityEndRefusal(error);
      if (refusal) return refusal;
      throw error;
    }
    redirect(`/staff/representatives/${encodeURIComponent(input.repId)}?ended=${input.authorityId}#members`);
  });
});
