import 'server-only';
import { eq, inArray, isNull } from 'drizzle-orm';
import { addDays, ageOn, appClock, calendarDateIn, compareDates, type CalendarDate } from '@/lib/calendar';
import { datePartsOf } from '@/lib/calendar/calendar-date';
import { getDb } from '@/lib/db/client';
import { authorities, enrollmentSpans, members, representatives } from '@/lib/db/schema';
import { isLocale } from '@/lib/i18n/locales';
import { appConfig } from '@/lib/server/config/app-config';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { CHOOSING_AUTHORITIES, choosersAmong } from '@/lib/server/sharing/sharing-choosers';

/** CMS-0057-F: the Provider Access and Payer-to-Payer explanations reach a new member within a week of coverage start. */
export const WELCOME_WITHIN_DAYS = 7;

/**
 * The rule's plain-language explanations by email: to a member whose coverage started in the last
 * week (once per span), and to every enrolled member once a year, on the anniversary of their
 * coverage start (not in the year it started: the welcome said it). Each goes to whoever makes the
 * member's sharing choices (see below); `welcome` and `yearly` count members told. The outbox's dedupe key makes
 * each one go out once, however often and on however many instances this runs.
 */
export async function enqueueSharingExplanations(now: Date = appClock().now()): Promise<{ welcome: number; yearly: number }> {
  const db = await getDb();
  const today = calendarDateIn(now);
  const rows = await db
    .select({
      memberId: members.memberId,
      given: members.given,
      family: members.family,
      birthDate: members.birthDate,
      email: members.email,
      locale: members.preferredLocale,
      start: enrollmentSpans.start,
      end: enrollmentSpans.end,
    })
    .from(members)
    .innerJoin(enrollmentSpans, eq(enrollmentSpans.memberId, members.memberId))
    .where(isNull(members.deceasedDate));
  // Who makes each member's sharing choices, read once for the run, not once a member.
  const choosing = await db.select().from(authorities).where(inArray(authorities.type, [...CHOOSING_AUTHORITIES]));
  const heldBy = new Map<string, typeof choosing>();
  for (const a of choosing) heldBy.set(a.memberId, [...(heldBy.get(a.memberId) ?? []), a]);
  const repIds = [...new Set(choosing.map((a) => a.repId))];
  const repById = new Map(
    (repIds.length
      ? await db.select({ repId: representatives.repId, email: representatives.email, locale: representatives.preferredLocale }).from(representatives).where(inArray(representatives.repId, repIds))
      : []
    ).map((rep) => [rep.repId, rep]),
  );
  const params = { learnUrl: `${appConfig().publicUrl}/help/sharing`, sharingUrl: `${appConfig().publicUrl}/account/sharing` };
  const sent = { welcome: 0, yearly: 0 };
  const outboxIds: string[] = [];
  for (const row of rows) {
    const start = row.start as CalendarDate;
    const enrolledToday = compareDates(start, today) <= 0 && (row.end === null || compareDates(row.end as CalendarDate, today) >= 0);
    if (!enrolledToday) continue;
    const locale = isLocale(row.locale) ? row.locale : 'en';
    const startParts = datePartsOf(start);
    const todayParts = datePartsOf(today);
    let dedupeKey: string | null = null;
    let kind: 'welcome' | 'yearly' | null = null;
    if (compareDates(today, addDays(start, WELCOME_WITHIN_DAYS)) <= 0) {
      dedupeKey = `sharing-explained:welcome:${row.memberId}:${start}`;
      kind = 'welcome';
    } else if (todayParts.year > startParts.year && (todayParts.month > startParts.month || (todayParts.month === startParts.month && todayParts.day >= startParts.day))) {
      dedupeKey = `sharing-explained:yearly:${row.memberId}:${todayParts.year}`;
      kind = 'yearly';
    }
    if (!dedupeKey || !kind) continue;
    // Who makes the member's sharing choices hears about them: each parent, guardian or personal
    // representative acting for them today, in their own language, naming the member; and the
    // member, unless under 18 with someone acting for them (a minor is not written to about a
    // parent's choices: docs/representatives-policy.md).
    const choosers = choosersAmong(heldBy.get(row.memberId) ?? [], { memberId: row.memberId, birthDate: row.birthDate as CalendarDate, deceasedDate: null }, today);
    const reps = choosers.flatMap((id) => repById.get(id) ?? []);
    let queued = false;
    for (const rep of reps) {
      const id = await enqueueMail(db, {
        dedupeKey: `${dedupeKey}:rep:${rep.repId}`,
        to: rep.email,
        template: 'sharing-explained-representative',
        locale: isLocale(rep.locale) ? rep.locale : 'en',
        params: { ...params, memberName: `${row.given} ${row.family}` },
      });
      if (id) outboxIds.push(id);
      queued ||= Boolean(id);
    }
    if (reps.length === 0 || ageOn(row.birthDate as CalendarDate, today) >= 18) {
      const id = await enqueueMail(db, { dedupeKey, to: row.email, template: 'sharing-explained', locale, params });
      if (id) outboxIds.push(id);
      queued ||= Boolean(id);
    }
    if (queued) sent[kind] += 1;
  }
  for (const id of outboxIds) deliverMailSoon(id);
  return sent;
}
