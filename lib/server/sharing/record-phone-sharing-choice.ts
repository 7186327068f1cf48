import 'server-only';
import type { PHONE_CHOICES } from '@/lib/schemas/sharing';
import type { StaffActor } from '@/lib/server/staff/load-staff-actor';
import { recordSharingChoice } from './record-sharing-choice';

/**
 * A choice a caller makes by phone, recorded by customer service (`consent:revoke`, checked by the
 * action wrapper): the same record as the member's own, made by 'staff_phone' with the staff user in
 * the row and the audit trail; the member's page says "made by phone with customer service".
 */
export async function recordPhoneSharingChoice(
  actor: StaffActor,
  input: { memberId: string; choice: (typeof PHONE_CHOICES)[number]; planName: string; planMemberId: string; relation: string; policy: string; requestId?: string | null },
): Promise<{ changed: boolean }> {
  const by = { kind: 'staff_phone' as const, username: actor.username };
  const base = { memberId: input.memberId, by, requestId: input.requestId };
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
        otherPayers: [{ name: input.planName, memberId: input.planMemberId, relation: input.relation === 'previous' ? 'previous' : 'concurrent' }],
      });
  }
}
