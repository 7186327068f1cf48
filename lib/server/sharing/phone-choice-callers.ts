import 'server-only';
import { eq } from 'drizzle-orm';
import type { CalendarDate } from '@/lib/calendar';
import type { DbOrTx } from '@/lib/db/client';
import { authorities, members, representatives } from '@/lib/db/schema';
import { authorityActiveOn, type AuthorityType } from '@/lib/server/eligibility/authority-active-on';
import { CHOOSING_AUTHORITIES, choosersAmong, memberMakesOwnSharingChoices } from './sharing-choosers';

/** Who may be on the phone making a member's sharing choice: the member, or a representative under one authority. */
export type PhoneChoiceCaller =
  | { kind: 'member'; name: string }
  | { kind: 'representative'; repId: string; name: string; authorityId: number; authorityType: AuthorityType };

export interface PhoneChoiceCallers {
  /** A member who has died: nobody makes a choice for them (docs/representatives-policy.md). */
  deceased: boolean;
  /** Those who may make the member's sharing choices today; none when the member has died. */
  callers: PhoneChoiceCaller[];
  /** Designees acting for the member today: they may call, but make no sharing choices. */
  designees: { repId: string; name: string }[];
}

/** The value of a caller in the staff form: `member`, or the representative's ID. */
export const phoneCallerValue = (caller: PhoneChoiceCaller): string => (caller.kind === 'member' ? 'member' : caller.repId);

/**
 * The callers customer service may record a sharing choice for, by the rule of who makes a
 * member's sharing choices (sharing-choosers.ts): each parent, guardian or personal representative
 * whose authority holds today, and the member themself unless they are a minor someone chooses
 * for. A member who has died has none. Null when the member is not on file.
 */
export async function listPhoneChoiceCallers(db: DbOrTx, memberId: string, today: CalendarDate): Promise<PhoneChoiceCallers | null> {
  const [member] = await db
    .select({ given: members.given, family: members.family, birthDate: members.birthDate, deceasedDate: members.deceasedDate })
    .from(members)
    .where(eq(members.memberId, memberId))
    .limit(1);
  if (!member) return null;
  const facts = { memberId, birthDate: member.birthDate as CalendarDate, deceasedDate: (member.deceasedDate as CalendarDate | null) ?? null };
  if (facts.deceasedDate !== null) return { deceased: true, callers: [], designees: [] };

  const rows = await db
    .select({ authority: authorities, given: representatives.given, family: representatives.family })
    .from(authorities)
    .innerJoin(representatives, eq(representatives.repId, authorities.repId))
    .where(eq(authorities.memberId, memberId))
    .orderBy(authorities.start, authorities.id);
  const activeToday = rows.filter(({ authority: a }) =>
    authorityActiveOn({ type: a.type as AuthorityType, start: a.start as CalendarDate, end: a.end as CalendarDate | null }, facts, today).active,
  );
  const choosers = choosersAmong(rows.map((r) => r.authority), facts, today);
  const representativeCallers = choosers.map((repId): PhoneChoiceCaller => {
    // A chooser holds a choosing authority that is active today: the earliest such one names the capacity.
    const { authority, given, family } = activeToday.find((r) => r.authority.repId === repId && CHOOSING_AUTHORITIES.includes(r.authority.type as AuthorityType))!;
    return { kind: 'representative', repId, name: `${given} ${family}`, authorityId: authority.id, authorityType: authority.type as AuthorityType };
  });
  const memberChooses = memberMakesOwnSharingChoices(facts, choosers, today);
  const designees = activeToday
    .filter((r) => r.authority.type === 'authorized_representative_designee' && !choosers.includes(r.authority.repId))
    .map((r) => ({ repId: r.authority.repId, name: `${r.given} ${r.family}` }));
  return {
    deceased: false,
    callers: [...(memberChooses ? [{ kind: 'member' as const, name: `${member.given} ${member.family}` }] : []), ...representativeCallers],
    designees: designees.filter((d, i) => designees.findIndex((o) => o.repId === d.repId) === i),
  };
}
