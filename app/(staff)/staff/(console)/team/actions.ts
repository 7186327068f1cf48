'use server';

import { redirect } from 'next/navigation';
import { manageStaffSchema } from '@/lib/schemas/staff';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runStaffAction } from '@/lib/server/actions/run-form-action';
import { setStaffDisabled, setStaffRoles, unlockStaffSignIn } from '@/lib/server/staff/manage-staff';

/** One form per staff account: its roles, or disable, enable, unlock (the button pressed says which). */
export const manageStaffAction = formStateAction(async (_, formData) => {
  return runStaffAction(
    'staff:manage',
    formData,
    manageStaffSchema,
    async (input, actor) => {
      if (input.do === 'roles') await setStaffRoles(actor, input.username, input.roles);
      else if (input.do === 'unlock') await unlockStaffSignIn(actor, input.username);
      else await setStaffDisabled(actor, input.username, input.do === 'disable');
      redirect(`/staff/team?changed=${encodeURIComponent(input.username)}`);
    },
    { arrays: ['roles'] },
  );
});
