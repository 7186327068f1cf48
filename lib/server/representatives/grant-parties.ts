import 'server-only';
import { eq } from 'drizzle-orm';
import { ageOn, type CalendarDate } from '@/lib/calendar';
import type { DbOrTx } from '@/lib/db/client';
import { apps, authorities, consentGrants, members, representatives } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import type { AuthorityType } from '@/lib/server/eligibility';

/** Everyone a connection concerns: the member, and the representative who approved it (if one did). */
export interface GrantParties {
  grantId: string;
  appId: string;
  appName: string;
  expiresAt: Date;
  duration: string;
  categories: string[];
  includeSensitive: boolean;
  member: { memberId: string; name: string; given: string; sex: string; email: string; locale: Locale; birthDate: CalendarDate; deceasedDate: CalendarDate | null };
  representative: { repId: string; name: string; email: string; locale: Locale } | null;
  authority: { id: number; type: AuthorityType; start: CalendarDate; end: CalendarDate | null } | null;
}

const localeOf = (value: string): Locale => (isLocale(value) ? value : 'en');

export async function loadGrantParties(db: DbOrTx, grantId: string): Promise<GrantParties | null> {
  const [row] = await db
    .select({ grant: consentGrants, appName: apps.name, member: members, rep: representatives, authority: authorities })
    .from(consentGrants)
    .innerJoin(apps, eq(apps.id, consentGrants.appId))
    .innerJoin(members, eq(members.memberId, consentGrants.memberId))
    .leftJoin(representatives, eq(representatives.repId, consentGrants.representativeId))
    .leftJoin(authorities, eq(authorities.id, consentGrants.authorityId))
    .where(eq(consentGrants.id, grantId))
    .limit(1);
  if (!row) return null;
  const m = row.member;
  return {
    grantId,
    appId: row.grant.appId,
    appName: row.appName,
    expiresAt: row.grant.expiresAt,
    duration: row.grant.duration,
    categories: row.grant.categories,
    includeSensitive: row.grant.includeSensitive,
    member: {
      memberId: m.memberId,
      name: `${m.given} ${m.family}`,
      given: m.given,
      sex: m.sex,
      email: m.email,
      locale: localeOf(m.preferredLocale),
      birthDate: m.birthDate as CalendarDate,
      deceasedDate: (m.deceasedDate as CalendarDate | null) ?? null,
    },
    representative: row.rep ? { repId: row.rep.repId, name: `${row.rep.given} ${row.rep.family}`, email: row.rep.email, locale: localeOf(row.rep.preferredLocale) } : null,
    authority: row.authority
      ? { id: row.authority.id, type: row.authority.type as AuthorityType, start: row.authority.start as CalendarDate, end: (row.authority.end as CalendarDate | null) ?? null }
      : null,
  };
}

/** Adults who are alive are told when someone acts for them; a parent acts for a minor without telling the child. */
export function memberIsToldOn(member: Pick<GrantParties['member'], 'birthDate' | 'deceasedDate'>, today: CalendarDate): boolean {
  return member.deceasedDate === null && ageOn(member.birthDate, today) >= 18;
}
