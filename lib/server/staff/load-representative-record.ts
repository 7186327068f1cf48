import 'server-only';
import { eq } from 'drizzle-orm';
import { appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { representatives } from '@/lib/db/schema';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { listRepresentedMembers } from '@/lib/server/connect/check-connect-access';
import { maskEmail } from '@/lib/server/identity/mask-email';
import { listVerificationAttempts, type VerificationHistory } from './list-verification-attempts';
import { authorityName } from './staff-wording';

export interface RepresentativeRecord {
  repId: string;
  name: string;
  birthDate: string;
  maskedEmail: string;
  members: { memberId: string; name: string; authorityId: number; authority: string; status: string; active: boolean }[];
  verification: VerificationHistory;
}

const day = (date: string) => formatCalendarDate(date, 'en');

/** A caller who is a representative: whom they act for, under which authority, whether it holds today. */
export async function loadRepresentativeRecord(repId: string, today: CalendarDate = todayIn(appClock())): Promise<RepresentativeRecord | null> {
  const [rep] = await (await getDb()).select().from(representatives).where(eq(representatives.repId, repId)).limit(1);
  if (!rep) return null;
  const represented = await listRepresentedMembers(repId, today);
  return {
    repId: rep.repId,
    name: `${rep.given} ${rep.family}`,
    birthDate: day(rep.birthDate),
    maskedEmail: maskEmail(rep.email),
    members: represented.map((m) => {
      const a = m.authority;
      const status = a.active
        ? a.endsOn
          ? `Can act for them until ${day(a.endsOn)}`
          : 'Can act for them'
        : a.reason === 'not-started'
          ? `Can act for them from ${day(a.startsOn)}`
          : a.reason === 'child-turned-18'
            ? `Cannot act for them since ${day(a.since)}: the member turned 18 and acts for themself`
            : a.reason === 'member-deceased'
              ? `Cannot act for them since ${day(a.since)}: the member died`
              : `Cannot act for them: the authority's last day was ${day(a.lastDay)}`;
      return { memberId: m.memberId, name: m.name, authorityId: m.authorityId, authority: authorityName(m.authorityType), status, active: a.active };
    }),
    verification: await listVerificationAttempts({ kind: 'representative', id: rep.repId }, rep.email),
  };
}
