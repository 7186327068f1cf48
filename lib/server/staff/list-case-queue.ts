import 'server-only';
import { asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps, cases, members, staff } from '@/lib/db/schema';
import { formatCalendarDate, formatInstantDate } from '@/lib/i18n/format-calendar-date';
import type { QueueFilter, QueuePayload } from '@/lib/schemas/staff-queue';
import { caseReference } from '@/lib/server/account/list-account-cases';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, reportedByLabel } from './case-handling';

const ownerStaff = alias(staff, 'owner_staff');

const FILTERS: Record<QueueFilter, SQL | undefined> = {
  active: ne(cases.status, 'closed'),
  open: eq(cases.status, 'open'),
  in_review: eq(cases.status, 'in_review'),
  closed: eq(cases.status, 'closed'),
  all: undefined,
};

const QUEUE_LENGTH = 200;

/**
 * The privacy officer's queue: every case, from staff, from members' "Report a problem" and from
 * the system's flags, soonest due first. Read only behind cases:manage.
 */
export async function listCaseQueue(filter: QueueFilter): Promise<QueuePayload> {
  const db = await getDb();
  const today = todayIn(appClock());
  const rows = await db
    .select({
      id: cases.id,
      createdAt: cases.createdAt,
      kind: cases.kind,
      memberName: sql<string | null>`case when ${members.memberId} is null then null else ${members.given} || ' ' || ${members.family} end`,
      aboutStaff: cases.aboutStaff,
      appName: apps.name,
      otherAppName: cases.otherAppName,
      reportedByKind: cases.reportedByKind,
      reportedById: cases.reportedById,
      status: cases.status,
      owner: ownerStaff.name,
      dueOn: cases.dueOn,
    })
    .from(cases)
    .leftJoin(members, eq(members.memberId, cases.memberId))
    .leftJoin(apps, eq(apps.id, cases.appId))
    .leftJoin(ownerStaff, eq(ownerStaff.username, cases.owner))
    .where(FILTERS[filter])
    .orderBy(sql`${cases.dueOn} asc nulls last`, desc(cases.createdAt), asc(cases.id))
    .limit(QUEUE_LENGTH);
  const totals = await db.select({ status: cases.status, n: count() }).from(cases).where(inArray(cases.status, ['open', 'in_review', 'closed'])).groupBy(cases.status);
  const countOf = (status: string) => totals.find((t) => t.status === status)?.n ?? 0;
  return {
    filter,
    counts: { open: countOf('open'), in_review: countOf('in_review'), closed: countOf('closed') },
    cases: rows.map((row) => ({
      id: row.id,
      reference: caseReference(row.id),
      href: `/staff/cases/${row.id}`,
      openedOn: formatInstantDate(row.createdAt, 'en'),
      kind: CASE_KIND_LABELS[row.kind] ?? row.kind,
      about: row.memberName ?? (row.aboutStaff ? `Staff user ${row.aboutStaff}` : '—'),
      app: row.appName ?? row.otherAppName ?? '—',
      reportedBy: reportedByLabel(row.reportedByKind, row.reportedById),
      status: row.status,
      statusLabel: CASE_STATUS_LABELS[row.status],
      owner: row.owner ?? 'Nobody yet',
      dueOn: row.dueOn ? formatCalendarDate(row.dueOn, 'en') : '—',
      overdue: row.status !== 'closed' && row.dueOn !== null && row.dueOn < today,
    })),
  };
}
