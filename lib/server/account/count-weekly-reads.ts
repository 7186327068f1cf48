import 'server-only';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { addDays, calendarDateIn, PAYER_TIME_ZONE, startOfDayInstant, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { accessLog, consentGrants } from '@/lib/db/schema';
import { grantsInScope, type AccountScope } from './account-scope';

export interface WeeklyReads {
  /** The Monday the week starts on, in the payer's time zone. */
  weekStart: CalendarDate;
  reads: number;
  records: number;
}

const MAX_WEEKS = 12;

/** The Monday of the week holding `date`. */
export function mondayOf(date: CalendarDate): CalendarDate {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 is Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * Reads per week for a connection, from the week it began (at most 12 weeks back) to the week it
 * ended or this week, with empty weeks as zeros. Scoped to the viewer like every account query.
 */
export async function countWeeklyReads(scope: AccountScope, grantId: string, span: { from: Date; to: Date }): Promise<WeeklyReads[]> {
  const lastWeek = mondayOf(calendarDateIn(span.to));
  let firstWeek = mondayOf(calendarDateIn(span.from));
  const earliest = addDays(lastWeek, -7 * (MAX_WEEKS - 1));
  if (firstWeek < earliest) firstWeek = earliest;
  const db = await getDb();
  const week = sql<string>`to_char(date_trunc('week', ${accessLog.at} at time zone ${sql.raw(`'${PAYER_TIME_ZONE}'`)}), 'YYYY-MM-DD')`;
  const rows = await db
    .select({ week, reads: sql<number>`count(*)::int`, records: sql<number>`coalesce(sum(${accessLog.count}), 0)::int` })
    .from(accessLog)
    .innerJoin(consentGrants, eq(consentGrants.id, accessLog.grantId))
    .where(
      and(
        eq(accessLog.grantId, grantId),
        eq(consentGrants.id, grantId),
        grantsInScope(scope),
        gte(accessLog.at, startOfDayInstant(firstWeek)),
        lt(accessLog.at, startOfDayInstant(addDays(lastWeek, 7))),
      ),
    )
    .groupBy(week);
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const weeks: WeeklyReads[] = [];
  for (let start = firstWeek; start <= lastWeek; start = addDays(start, 7)) {
    const found = byWeek.get(start);
    weeks.push({ weekStart: start, reads: Number(found?.reads ?? 0), records: Number(found?.records ?? 0) });
  }
  return weeks;
}
