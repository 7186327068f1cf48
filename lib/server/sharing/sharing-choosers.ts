import 'server-only';
import { eq } from 'drizzle-orm';
import { AGE_OF_MAJORITY, ageOn, type CalendarDate } from '@/lib/calendar';
import type { DbOrTx } from '@/lib/db/client';
import { authorities } from '@/lib/db/schema';
import { authorityActiveOn, type AuthorityType } from '@/lib/server/eligibility/authority-active-on';

/** Authorities whose holder makes a member's sharing choices (not a designee: docs/representatives-policy.md). */
export const CHOOSING_AUTHORITIES: readonly AuthorityType[] = ['parent', 'legal_guardian', 'personal_representative'];

type AuthorityRow = typeof authorities.$inferSelect;
type ChoosingMember = { memberId: string; birthDate: CalendarDate; deceasedDate: CalendarDate | null };

/**
 * Of the authorities `held` on a member, the representatives who make the member's sharing choices
 * on `today`: each parent, guardian or personal representative whose authority holds that day,
 * once each, in a steady order.
 */
export function choosersAmong(held: readonly AuthorityRow[], member: ChoosingMember, today: CalendarDate): string[] {
  const acting = held.filter(
    (a) =>
      a.memberId === member.memberId &&
      CHOOSING_AUTHORITIES.includes(a.type as AuthorityType) &&
      authorityActiveOn({ type: a.type as AuthorityType, start: a.start as CalendarDate, end: a.end as CalendarDate | null }, member, today).active,
  );
  return [...new Set(acting.map((a) => a.repId))].sort();
}

/** The same for one member, read from the database (choosersAmong). */
export async function sharingChoosersFor(tx: DbOrTx, member: ChoosingMember, today: CalendarDate): Promise<string[]> {
  return choosersAmong(await tx.select().from(authorities).where(eq(authorities.memberId, member.memberId)), member, today);
}

/**
 * Whether a member makes their own sharing choices on `today`: an adult always (beside a guardian
 * or personal representative); a minor only when no parent, guardian or personal representative
 * chooses for them (`choosers`, from choosersAmong or sharingChoosersFor).
 */
export function memberMakesOwnSharingChoices(member: Pick<ChoosingMember, 'birthDate'>, choosers: readonly string[], today: CalendarDate): boolean {
  return ageOn(member.birthDate, today) >= AGE_OF_MAJORITY || choosers.length === 0;
}
