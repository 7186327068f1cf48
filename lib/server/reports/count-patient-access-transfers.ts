import 'server-only';
import { and, asc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import { dateTimeFormat, PAYER_TIME_ZONE, startOfDayInstant, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { accessLog, apps, consentGrants } from '@/lib/db/schema';
import { PATIENT_COMPARTMENT } from '@/lib/server/fhir/search-resources';

export interface TransferCounts {
  /** Unique members whose data went to an app they chose, at least once in the year. */
  members: number;
  /** Of those, the members whose data went on more than one day. */
  membersMoreThanOnce: number;
}

export interface PatientAccessMetrics extends TransferCounts {
  year: number;
  perApp: (TransferCounts & { appId: string; appName: string })[];
}

/**
 * The resource types that hold a member's own data (FHIR's Patient compartment as the API serves
 * it). The plan's drug list, its providers and organizations are the same for every member: an app
 * that read only those got none of the member's data, and is not counted.
 */
const MEMBER_RESOURCE_TYPES = [...PATIENT_COMPARTMENT];

/**
 * The CMS-0057-F Patient Access API metrics for one calendar year (payer time), from the access
 * log: every FHIR read an app made under a member's grant (a representative's grant counts for the
 * member it is for). Data were "transferred" when a read returned at least one record of the
 * member's own (MEMBER_RESOURCE_TYPES); a member's data were transferred "more than once" when
 * that happened on more than one day, so an app paging
 * through a history in one sitting counts once, and coming back another day counts again. Per app,
 * the same two numbers for that app alone. Counted in the database: a year of a payer's log never
 * leaves it.
 */
export async function countPatientAccessTransfers(year: number): Promise<PatientAccessMetrics> {
  const db = await getDb();
  const from = startOfDayInstant(`${year}-01-01` as CalendarDate);
  const to = startOfDayInstant(`${year + 1}-01-01` as CalendarDate);
  const transfers = db
    .selectDistinct({
      memberId: consentGrants.memberId,
      appId: consentGrants.appId,
      day: sql<string>`(${accessLog.at} at time zone ${PAYER_TIME_ZONE})::date`.as('day'),
    })
    .from(accessLog)
    .innerJoin(consentGrants, eq(consentGrants.id, accessLog.grantId))
    .where(and(gte(accessLog.at, from), lt(accessLog.at, to), gt(accessLog.count, 0), inArray(accessLog.resourceType, MEMBER_RESOURCE_TYPES)))
    .as('transfers');

  const perMember = db
    .select({ memberId: transfers.memberId, days: sql<number>`count(distinct ${transfers.day})`.as('days') })
    .from(transfers)
    .groupBy(transfers.memberId)
    .as('per_member');
  const [overall] = await db
    .select({ members: sql<number>`count(*)::int`, membersMoreThanOnce: sql<number>`(count(*) filter (where ${perMember.days} > 1))::int` })
    .from(perMember);

  const perMemberApp = db
    .select({ appId: transfers.appId, memberId: transfers.memberId, days: sql<number>`count(*)`.as('days') })
    .from(transfers)
    .groupBy(transfers.appId, transfers.memberId)
    .as('per_member_app');
  const byApp = await db
    .select({
      appId: perMemberApp.appId,
      members: sql<number>`count(*)::int`,
      membersMoreThanOnce: sql<number>`(count(*) filter (where ${perMemberApp.days} > 1))::int`,
    })
    .from(perMemberApp)
    .groupBy(perMemberApp.appId);
  const names = byApp.length
    ? await db.select({ id: apps.id, name: apps.name }).from(apps).where(inArray(apps.id, byApp.map((a) => a.appId))).orderBy(asc(apps.name))
    : [];
  return {
    year,
    members: overall?.members ?? 0,
    membersMoreThanOnce: overall?.membersMoreThanOnce ?? 0,
    perApp: byApp
      .map((a) => ({ ...a, appName: names.find((n) => n.id === a.appId)?.name ?? a.appId }))
      .sort((a, b) => b.members - a.members || a.appName.localeCompare(b.appName)),
  };
}

/** The years the log has reads in, newest first, for the year chooser (always including this one). */
export async function listReportYears(currentYear: number): Promise<number[]> {
  const db = await getDb();
  const [row] = await db.select({ first: sql<Date | null>`min(${accessLog.at})`.mapWith(accessLog.at) }).from(accessLog);
  const firstYear = row?.first ? Number(dateTimeFormat('en-US', { timeZone: PAYER_TIME_ZONE, year: 'numeric' }).format(row.first)) : currentYear;
  const years: number[] = [];
  for (let y = currentYear; y >= Math.min(firstYear, currentYear - 1); y -= 1) years.push(y);
  return years;
}
