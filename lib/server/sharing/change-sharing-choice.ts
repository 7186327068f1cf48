import 'server-only';
import { getDb } from '@/lib/db/client';
import type { OtherPayer, SharingKind } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { memberInScope, type AccountScope } from '@/lib/server/account/account-scope';
import { AppError } from '@/lib/server/errors/app-error';
import { recordSharingChoice, type SharingChoiceMaker } from './record-sharing-choice';
import { toRegisteredPlans } from './registered-plans';

/**
 * A choice made in the member's account: by the member for themself, or by a representative for a
 * member they hold authority for today (the scope's WHERE: a parent's ends at the child's 18th
 * birthday). A member outside the scope is "not found", whoever it is.
 */
export async function changeSharingChoice(
  scope: AccountScope,
  input: { memberId: string; kind: SharingKind; decision: 'permit' | 'deny'; policy?: 'regular' | 'sensitive'; otherPayers?: OtherPayer[]; locale: Locale; requestId?: string | null },
): Promise<{ changed: boolean }> {
  const member = memberInScope(scope, input.memberId);
  if (!member) throw new AppError('not-found', 'notFound');
  // An authorized representative (designee) acts only on the connections they made: the member's
  // choices about providers and other plans, sensitive data included, are not theirs to change
  // (docs/representatives-policy.md).
  if (member.authority?.type === 'authorized_representative_designee') throw new AppError('designee', 'designeeCannotChange');
  // A member under 18 whom a parent, guardian or personal representative acts for: they choose.
  if (member.makesSharingChoices === false) throw new AppError('minor', 'parentMakesChoices');
  const by: SharingChoiceMaker =
    scope.viewer.kind === 'member' || !member.authority
      ? { kind: 'member' }
      : { kind: 'representative', repId: scope.viewer.repId, authorityId: member.authority.id, authorityType: member.authority.type };
  // Only plans registered to ask can be named: a permit for another name could never be used.
  const otherPayers = input.otherPayers && input.kind === 'payer_to_payer' && input.decision === 'permit' ? await toRegisteredPlans(await getDb(), input.otherPayers) : input.otherPayers;
  const { changed } = await recordSharingChoice({ ...input, otherPayers, by });
  return { changed };
}
