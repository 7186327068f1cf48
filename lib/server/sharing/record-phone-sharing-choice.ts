import 'server-only';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/locales';
import type { PHONE_CHOICES } from '@/lib/schemas/sharing';
import { AppError } from '@/lib/server/errors/app-error';
import type { StaffActor } from '@/lib/server/staff/load-staff-actor';
import { listPhoneChoiceCallers, phoneCallerValue } from './phone-choice-callers';
import { recordSharingChoice, type PhoneCaller } from './record-sharing-choice';
import { toRegisteredPlans } from './registered-plans';

/**
 * A choice a caller makes by phone, recorded by customer service (`consent:revoke`, checked by the
 * action wrapper): the same record as the member's own, made by 'staff_phone' with the staff user
 * and the caller in the row and the audit trail. The caller must be one who makes the member's
 * sharing choices today (phone-choice-callers.ts): never a designee, nobody for a member who died.
 * The language the caller speaks is saved as theirs with the choice, so their receipt comes in it.
 * A plan named must be one registered to ask (registered-plans.ts).
 */
export async function recordPhoneSharingChoice(
  actor: StaffActor,
  input: {
    memberId: string;
    /** `member`, or the ID of the representative on the phone. */
    caller: string;
    choice: (typeof PHONE_CHOICES)[number];
    planName: string;
    planMemberId: string;
    relation: string;
    policy: string;
    /** The language the caller speaks: their receipt is in it, and it is saved as theirs. */
    locale?: Locale;
    requestId?: string | null;
  },
): Promise<{ changed: boolean }> {
  const allowed = await listPhoneChoiceCallers(await getDb(), input.memberId, todayIn(appClock()));
  if (!allowed) throw new AppError('not-found', 'notFound');
  if (allowed.deceased) throw new AppError('member-deceased', 'memberDeceased');
  const found = allowed.callers.find((c) => phoneCallerValue(c) === input.caller);
  if (!found) throw new AppError('caller-cannot-choose', 'callerCannotChoose', 'caller');
  const caller: PhoneCaller =
    found.kind === 'member' ? { kind: 'member' } : { kind: 'representative', repId: found.repId, authorityId: found.authorityId, authorityType: found.authorityType };
  const by = { kind: 'staff_phone' as const, username: actor.username, caller };
  const base = { memberId: input.memberId, by, callerLocale: input.locale, requestId: input.requestId };
  switch (input.choice) {
    case 'providers-off':
      return recordSharingChoice({ ...base, kind: 'provider_access', decision: 'deny' });
    case 'providers-on':
      return recordSharingChoice({ ...base, kind: 'provider_access', decision: 'permit' });
    case 'next-plan-off':
      return recordSharingChoice({ ...base, kind: 'payer_to_payer', decision: 'deny' });
    case 'next-plan-on':
      return recordSharingChoice({
        ...base,
        kind: 'payer_to_payer',
        decision: 'permit',
        policy: input.policy === 'sensitive' ? 'sensitive' : 'regular',
        // Only plans registered to ask can be named: a permit for another name could never be used.
        otherPayers: await toRegisteredPlans(await getDb(), [
          { name: input.planName, memberId: input.planMemberId, relation: input.relation === 'previous' ? 'previous' : 'concurrent' },
        ]),
      });
  }
}
