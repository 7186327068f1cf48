import 'server-only';
import { eq } from 'drizzle-orm';
import type { CalendarDate } from '@/lib/calendar';
import type { DbOrTx } from '@/lib/db/client';
import { authorities } from '@/lib/db/schema';
import { authorityActiveOn, type AuthorityType } from '@/lib/server/eligibility/authority-active-on';

/** Authorities whose holder makes a member's sharing choices (not a designee: docs/representatives-policy.md). */
export const CHOOSING_AUTHORITIES: readonly AuthorityType[] = ['parent', 'legal_guardian', 'personal_representative'];

/**
 * The representatives who make a member's sharing choices on `today`: each parent, guardian or
 * personal representative whose authority holds that day, once each, in a steady order.
 */
export async function sharingChoosersFor(
  tx: DbOrTx,
  member: { memberId: string; birthDate: CalendarDate; deceasedDate: CalendarDate | null },
  today: CalendarDate,
): Promise<string[]> {
  const held = await tx.select().from(authorities).where(eq(authorities.memberId, member.memberId));
  const acting = held.filter(
    (a) =>
      CHOOSING_AUTHORITIES.includes(a.type as AuthorityType) &&
      authorityActiveOn({ type: a.type as AuthorityType, start: a.start as CalendarDate, end: a.end as CalendarDate | null }, member, today).active,
  );
  return [...new Set(acting.map((a) => a.repId))].sort();
}
