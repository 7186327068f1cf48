import 'server-only';
import { and, asc, count, desc, eq, gt, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { isCalendarDate, startOfDayInstant, addDays, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';

/** What the privacy officer searches the trail by; every part optional, all of them together narrow it. */
export interface AuditSearch {
  memberId?: string;
  staff?: string;
  appId?: string;
  from?: CalendarDate;
  to?: CalendarDate;
}

export type AuditEventRow = typeof auditEvents.$inferSelect;

type SearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** One parameter of a search as typed, trimmed ('' when absent or given more than once as a page's array). */
function searchParam(params: SearchParams, name: string): string {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Reads a search from a query string, keeping only well-formed parts. */
export function auditSearchFrom(params: SearchParams): AuditSearch {
  const get = (name: string) => searchParam(params, name);
  const memberId = get('member').replace(/\D/g, '');
  const staff = get('staff').toLowerCase();
  const appId = get('app');
  const from = get('from');
  const to = get('to');
  return {
    memberId: memberId || undefined,
    staff: /^[\w.:@-]{1,200}$/.test(staff) ? staff : undefined,
    appId: /^[\w-]{1,100}$/.test(appId) ? appId : undefined,
    from: isCalendarDate(from) ? from : undefined,
    to: isCalendarDate(to) ? to : undefined,
  };
}

/**
 * What is wrong with a search's dates, by field, in the words the page shows beside them: a date
 * that is not a real day, or an end before the start. Such a search is not run (auditSearchFrom
 * would drop the bad part, and the page would list more than the user asked for without saying so).
 */
export function auditSearchProblems(params: SearchParams): { from?: string; to?: string } {
  const problems: { from?: string; to?: string } = {};
  const from = searchParam(params, 'from');
  const to = searchParam(params, 'to');
  if (from && !isCalendarDate(from)) problems.from = 'Enter the start date as a real date, like 2026-01-31.';
  if (to && !isCalendarDate(to)) problems.to = 'Enter the end date as a real date, like 2026-01-31.';
  else if (isCalendarDate(from) && isCalendarDate(to) && to < from) problems.to = 'The end date is before the start date.';
  return problems;
}

/** The search as a query string, for the next page and the CSV link. */
export function auditSearchQuery(search: AuditSearch): string {
  const params = new URLSearchParams();
  if (search.memberId) params.set('member', search.memberId);
  if (search.staff) params.set('staff', search.staff);
  if (search.appId) params.set('app', search.appId);
  if (search.from) params.set('from', search.from);
  if (search.to) params.set('to', search.to);
  return params.toString();
}

function whereOf(search: AuditSearch): SQL | undefined {
  return and(
    // A lookup that listed several members names them in its details, not in member_id.
    search.memberId ? or(eq(auditEvents.memberId, search.memberId), sql`${auditEvents.details} -> 'memberIds' @> to_jsonb(${search.memberId}::text)`) : undefined,
    search.staff ? and(eq(auditEvents.actorKind, 'staff'), eq(auditEvents.actorId, search.staff)) : undefined,
    search.appId ? eq(auditEvents.appId, search.appId) : undefined,
    search.from ? gte(auditEvents.at, startOfDayInstant(search.from)) : undefined,
    search.to ? lt(auditEvents.at, startOfDayInstant(addDays(search.to, 1))) : undefined,
  );
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the trail, newest first. */
export async function searchAuditEvents(search: AuditSearch, page = 1): Promise<{ rows: AuditEventRow[]; total: number; page: number; pageCount: number }> {
  const db = await getDb();
  const where = whereOf(search);
  const [{ total }] = await db.select({ total: count() }).from(auditEvents).where(where);
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((current - 1) * AUDIT_PAGE_SIZE);
  return { rows, total, page: current, pageCount };
}

/** Every matching row, oldest first, a batch at a time (for the CSV export of a long trail). */
export async function* eachAuditEvent(search: AuditSearch, batchSize = 1_000): AsyncGenerator<AuditEventRow> {
  const db = await getDb();
  let afterId = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(and(whereOf(search), gt(auditEvents.id, afterId)))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    yield* batch;
    if (batch.length < batchSize) return;
    afterId = batch[batch.length - 1].id;
  }
}
