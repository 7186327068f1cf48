import 'server-only';
import { eq, isNull } from 'drizzle-orm';
import { addDays, appClock, calendarDateIn, compareDates, type CalendarDate } from '@/lib/calendar';
import { datePartsOf } from '@/lib/calendar/calendar-date';
import { getDb } from '@/lib/db/client';
import { enrollmentSpans, members } from '@/lib/db/schema';
import { isLocale } from '@/lib/i18n/locales';
import { appConfig } from '@/lib/server/config/app-config';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';

/** CMS-0057-F: the Provider Access and Payer-to-Payer explanations reach a new member within a week of coverage start. */
export const WELCOME_WITHIN_DAYS = 7;

/**
 * The rule's plain-language explanations by email: to a member whose coverage started in the last
 * week (once per span), and to every enrolled member once a year, on the anniversary of their
 * coverage start (not in the year it started: the welcome said it). The outbox's dedupe key makes
 * each one go out once, however often and on however many instances this runs.
 */
export async function enqueueSharingExplanations(now: Date = appClock().now()): Promise<{ welcome: number; yearly: number }> {
  const db = await getDb();
  const today = calendarDateIn(now);
  const rows = await db
    .select({ memberId: members.memberId, email: members.email, locale: members.preferredLocale, start: enrollmentSpans.start, end: enrollmentSpans.end })
    .from(members)
    .innerJoin(enrollmentSpans, eq(enrollmentSpans.memberId, members.memberId))
    .where(isNull(members.deceasedDate));
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
    const id = await enqueueMail(db, { dedupeKey, to: row.email, template: 'sharing-explained', locale, params });
    if (id) {
      outboxIds.push(id);
      sent[kind] += 1;
    }
  }
  for (const id of outboxIds) deliverMailSoon(id);
  return sent;
}
