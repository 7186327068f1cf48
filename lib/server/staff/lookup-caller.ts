import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { members, representatives } from '@/lib/db/schema';
import type { LookupCallerInput } from '@/lib/schemas/staff';
import { normalizeRepresentativeId } from '@/lib/server/identity/find-identity-on-file';
import { fullNameKey, normalizeMemberId, normalizeName } from '@/lib/server/identity/match-identity';

export type CallerMatch =
  | { kind: 'member'; memberId: string; name: string; birthDate: string; city: string }
  | { kind: 'representative'; repId: string; name: string; birthDate: string };

const compact = (name: string) => normalizeName(name).replace(/ /g, '');

/**
 * Who the caller may be. By ID: the member ID or representative ID as read out ("1000 0000 0001",
 * "r-0002"). By name and date of birth: the same tolerance as the member's own identity form
 * (accents, case, apostrophes, hyphens, a compound name split differently between the boxes);
 * with the last name alone, everyone of that family name born that day (twins both show).
 */
export async function lookupCaller(input: LookupCallerInput): Promise<CallerMatch[]> {
  const db = await getDb();
  if (input.by === 'id') {
    if (/[a-z]/i.test(input.id)) {
      const repId = normalizeRepresentativeId(input.id);
      const rows = await db
        .select()
        .from(representatives)
        .where(sql`upper(regexp_replace(${representatives.repId}, '[^A-Za-z0-9]', '', 'g')) = ${repId}`)
        .limit(1);
      return rows.map((r) => ({ kind: 'representative', repId: r.repId, name: `${r.given} ${r.family}`, birthDate: r.birthDate }));
    }
    const rows = await db.select().from(members).where(eq(members.memberId, normalizeMemberId(input.id))).limit(1);
    return rows.map((m) => ({ kind: 'member', memberId: m.memberId, name: `${m.given} ${m.family}`, birthDate: m.birthDate, city: m.city }));
  }
  const typedFull = fullNameKey({ given: input.firstName, family: input.lastName });
  const typedFamily = compact(input.lastName);
  const sameName = (person: { given: string; family: string }) =>
    fullNameKey(person) === typedFull || (input.firstName === '' && compact(person.family) === typedFamily);
  const [memberRows, repRows] = await Promise.all([
    db.select().from(members).where(eq(members.birthDate, input.birthDate)),
    db.select().from(representatives).where(eq(representatives.birthDate, input.birthDate)),
  ]);
  return [
    ...memberRows.filter(sameName).map((m): CallerMatch => ({ kind: 'member', memberId: m.memberId, name: `${m.given} ${m.family}`, birthDate: m.birthDate, city: m.city })),
    ...repRows.filter(sameName).map((r): CallerMatch => ({ kind: 'representative', repId: r.repId, name: `${r.given} ${r.family}`, birthDate: r.birthDate })),
  ];
}
