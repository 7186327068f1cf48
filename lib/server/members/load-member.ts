import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { enrollmentSpans, members, plans } from '@/lib/db/schema';
import type { MemberFacts, PlanInfo } from '@/lib/server/eligibility';

export interface LoadedMember {
  memberId: string;
  patientId: string;
  given: string;
  family: string;
  /** As on file ('female', 'male', …): only for the pronoun a representative's pages use. */
  sex: string;
  email: string;
  preferredLocale: string;
  facts: MemberFacts;
  plans: PlanInfo[];
}

/** A member with what the eligibility rules need: spans and the plans they name. */
export async function loadMember(memberId: string): Promise<LoadedMember | null> {
  const db = await getDb();
  const [member] = await db.select().from(members).where(eq(members.memberId, memberId)).limit(1);
  if (!member) return null;
  const spans = await db
    .select({ start: enrollmentSpans.start, end: enrollmentSpans.end, plan: enrollmentSpans.planCode })
    .from(enrollmentSpans)
    .where(eq(enrollmentSpans.memberId, memberId))
    .orderBy(asc(enrollmentSpans.start));
  const planRows = await db.select().from(plans);
  return {
    memberId: member.memberId,
    patientId: member.patientId,
    given: member.given,
    family: member.family,
    sex: member.sex,
    email: member.email,
    preferredLocale: member.preferredLocale,
    facts: {
      memberId: member.memberId,
      birthDate: member.birthDate as CalendarDate,
      deceasedDate: member.deceasedDate as CalendarDate | null,
      spans: spans.map((s) => ({ start: s.start as CalendarDate, end: s.end as CalendarDate | null, plan: s.plan })),
    },
    plans: planRows.map((p) => ({ code: p.code, name: p.name, managedCare: p.managedCare, behavioralHealthVia: p.behavioralHealthVia })),
  };
}
