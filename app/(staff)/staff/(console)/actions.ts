'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { lookupCallerSchema } from '@/lib/schemas/staff';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runStaffAction } from '@/lib/server/actions/run-form-action';
import { AppError } from '@/lib/server/errors/app-error';
import { describeCallerMatches } from '@/lib/server/staff/describe-caller-matches';
import { lookupCaller } from '@/lib/server/staff/lookup-caller';
import { recordStaffMemberAccess } from '@/lib/server/staff/record-staff-member-access';

async function requestId(): Promise<string | null> {
  return (await headers()).get('x-request-id');
}

/** "Find": one match opens its screen; several are listed to choose from. Counted and audited. */
export const lookupCallerAction = formStateAction(async (_, formData) => {
  return runStaffAction('members:read', formData, lookupCallerSchema, async (input, actor) => {
    const matches = await lookupCaller(input);
    const memberIds = matches.flatMap((m) => (m.kind === 'member' ? [m.memberId] : []));
    const access = await recordStaffMemberAccess(
      actor,
      { action: 'staff.lookup', memberId: memberIds.length === 1 ? memberIds[0] : null, details: { by: input.by, matches: matches.length, memberIds, repIds: matches.flatMap((m) => (m.kind === 'representative' ? [m.repId] : [])) } },
      await requestId(),
    );
    if (!access.allowed) throw new AppError('limited', 'lookupLimited', undefined, { minutes: Math.max(1, Math.ceil(access.retryAfterSeconds / 60)) });
    if (matches.length === 0) throw new AppError('no-match', 'lookupNoMatch');
    if (matches.length === 1) {
      const [only] = matches;
      redirect(only.kind === 'member' ? `/staff/members/${only.memberId}` : `/staff/representatives/${encodeURIComponent(only.repId)}`);
    }
    return describeCallerMatches(matches);
  });
});
