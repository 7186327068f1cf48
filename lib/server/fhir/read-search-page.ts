import 'server-only';
import { asc, desc, sql, type SQL } from 'drizzle-orm';
import type { CalendarDate } from '@/lib/calendar';
import { fhirResources } from '@/lib/db/schema';
import { DATA_WINDOW_FLOOR } from '@/lib/server/eligibility/data-window';
import { accessFactsCte, accessFactsOf, type FhirAccessFacts } from './authorize-fhir-request';
import { boundMs, PREFIX_ENDS, type ParsedSearch } from './search-parameters';
import { PATIENT_COMPARTMENT, cursorCondition, searchConditions } from './search-resources';
import { entryStart, pushEntry } from './bundle-entry';
import { runRawStatement } from './run-statement';
import { renderStatement, StatementTemplate, type RenderedStatement } from './statement-template';

export interface SearchPage {
  /** The token's facts, null for an unknown token (nothing else is then read). */
  facts: FhirAccessFacts | null;
  /** The page's Bundle entries as JSON bytes, in serving order, to be joined as they are. */
  entries: Buffer[];
  /** How many matches the page holds. */
  count: number;
  hasMore: boolean;
  /** The last match, for the next page's cursor. */
  last: { id: string; serviceDate: string | null } | null;
}

/**
 * What the token may see of a resource type, written against the facts CTE `a`, so the page is
 * read in the same statement (and snapshot) as the facts: the same rules as accessConditions
 * (search-resources.ts), which the decision in JS then confirms before anything is sent.
 */
function accessConditionsInStatement(resourceType: string, today: CalendarDate | SQL): SQL[] {
  const r = fhirResources;
  const conditions: SQL[] = [sql`${r.resourceType} = ${resourceType}`];
  if (!PATIENT_COMPARTMENT.has(resourceType)) return [...conditions, sql`${r.patientId} is null`];
  conditions.push(sql`${r.patientId} = a.patient_id`);
  if (resourceType === 'Patient') conditions.push(sql`${r.id} = a.patient_id`);
  if (resourceType === 'Coverage') conditions.push(sql`(${r.periodEnd} is null or ${r.periodEnd} >= a.data_window_start::date)`);
  if (resourceType === 'ExplanationOfBenefit') {
    // Inside the enrolled periods within the data window (enrolledPeriodsInWindow): a day of an
    // enrollment span that had started by today, no later than today, no earlier than the window.
    conditions.push(sql`${r.serviceDate} <= ${today}::date`);
    conditions.push(sql`${r.serviceDate} >= greatest(${DATA_WINDOW_FLOOR}::date, a.first_enrolled)`);
    // The enrolled days as one multirange, built once per statement with the facts
    // (accessFactsCte given today), not an enrollment lookup per claim; the page still comes off
    // the index in serving order.
    conditions.push(sql`${r.serviceDate} <@ a.enrolled`);
    conditions.push(sql`(a.include_sensitive or ${r.sensitivity} = 'none')`);
  }
  return conditions;
}

interface PageStatementValues {
  token: string | SQL;
  today: CalendarDate | SQL;
  /** The search's own conditions (its parameters and the cursor), each after an ` and `, or nothing. */
  own: SQL;
  /** The page's size, and one more (the row that says another page follows). */
  count: number | SQL;
  limit: number | SQL;
  /**
   * The lowest `_lastUpdated` the search allows (an ISO instant), when it sets one on a type with
   * many rows a member (updatedSinceBound): the page is then read from the rows updated since.
   */
  since?: string | SQL;
}

/** The types whose pages read the rows updated since a `_lastUpdated` bound first: a member has many of them. */
const UPDATED_SINCE_TYPES = new Set(['ExplanationOfBenefit', 'Coverage']);
/**
 * How many rows updated since the bound the statement reads before it stops counting: fewer, and
 * the page is made of them (a poll); as many, and the page is read off the page index as any other.
 */
export const UPDATED_SINCE_KEYS = 200;

/**
 * The lowest `last_updated` a search's `_lastUpdated` criteria leave (all must hold), or null when
 * none sets a lower bound or the type's pages are not read that way (UPDATED_SINCE_TYPES).
 */
export function updatedSinceBound(resourceType: string, search: ParsedSearch): string | null {
  if (!UPDATED_SINCE_TYPES.has(resourceType)) return null;
  let bound: string | null = null;
  for (const c of search.lastUpdated) {
    // The end the search's own condition holds the column at or after (PREFIX_ENDS, as
    // rangeCondition applies it), compared as instants (a bound may be ±infinity).
    const from = c.prefix === 'ne' ? null : PREFIX_ENDS[c.prefix].from;
    if (from !== null && (bound === null || boundMs(c[from]) > boundMs(bound))) bound = c[from];
  }
  return bound;
}

/** The search's own conditions as the page statement's `own` slot takes them. */
export const ownConditionsSql = (conditions: SQL[]): SQL => (conditions.length ? sql` and ${sql.join(conditions, sql` and `)}` : sql``);

/**
 * The page's statement for a resource type, as drizzle builds it. Its text depends on the resource
 * type and on whether the search sets a lower `_lastUpdated` bound (`since`) alone: what varies per
 * request is a value (the token, today, the limit, the bound) or the search's own conditions, which
 * pageStatementFor puts into the text written once per resource type and kind.
 */
export function pageStatement(resourceType: string, { token, today, own, count, limit, since }: PageStatementValues): SQL {
  const r = fhirResources;
  const eob = resourceType === 'ExplanationOfBenefit';
  const order = eob ? sql`${desc(r.serviceDate)}, ${desc(r.id)}` : sql`${asc(r.id)}`;
  // One row past the page says whether another follows; its resource is not sent. The page is a
  // lateral subquery of the facts, so the member is a constant inside it and the rows come off the
  // index in serving order, stopping at the limit, whatever the member's number of claims (a join
  // of the facts with the table loses the index's order and sorts them all). The rows are numbered
  // in the order the limited subquery gives them: a window with an ORDER BY of its own (the page's
  // order again) cost Postgres about an eighth of the statement's time and 300 of its 350 buffer
  // reads for a page of 50 claims.
  const where = sql`(${sql.join(accessConditionsInStatement(resourceType, today), sql` and `)}${own})`;
  // The enrolled days (a.enrolled) are read with the facts only for the claims they limit.
  const enrolledUpTo = eob ? today : undefined;
  const rows = sql`select ${r.id} as id, ${r.serviceDate}::text as service_date, ${r.resource} as resource`;
  const tail = sql`select null::text as rn, row_to_json(a)::text as facts, null::text as id, null::text as service_date, null::text as resource from a
    union all
    select p.rn::text, null, p.id, p.service_date, case when p.rn <= ${count} then p.resource end from p`;
  if (since === undefined) {
    return sql`with ${accessFactsCte(token, enrolledUpTo)},
    p as (
      select page.*, row_number() over () as rn from a cross join lateral (
        ${rows}
        from ${r}
        where ${where}
        order by ${order}
        limit ${limit}
      ) page
    )
    ${tail}`;
  }
  // A search with a lower `_lastUpdated` bound, most often an app polling for what changed since
  // it last asked: off the page index, the statement would read every row of the member to find
  // the few updated since (the bound is no part of that index). Here it reads the rows updated
  // since off fhir_resources_updated_idx first, up to UPDATED_SINCE_KEYS of them (`k`, the
  // member's and the type's only: the bound's own condition stays in `where` with every other).
  // Fewer than that: the page is those of them that pass every condition (`f`: each looked up by
  // its key, byKey, so no plan reads the member's other rows to find them), sorted, and only the
  // page's rows fetched whole (byKey again). As many: the page is read off the page index as
  // without a bound. Either way the same conditions decide every row served; `k` only says which
  // rows can be among them. Each branch's guard is a constant of the statement (one count), so
  // the branch not taken is not run at all.
  const keyOrder = eob ? sql`f.service_date desc, f.id desc` : sql`f.id asc`;
  // One row by its key, in a subquery the planner keeps as it is (OFFSET 0): looked up in the
  // primary key for each key, never found by reading the member's rows (or the table) instead.
  const byKey = (id: SQL) => sql`select * from ${r} by_key where by_key.resource_type = ${resourceType} and by_key.id = ${id} offset 0`;
  return sql`with ${accessFactsCte(token, enrolledUpTo)},
    k as (
      select u.id from a cross join lateral (
        select c.id from ${r} c
        where c.patient_id = a.patient_id and c.resource_type = ${resourceType} and c.last_updated >= ${since}::timestamptz
        limit ${UPDATED_SINCE_KEYS}
      ) u
    ),
    f as materialized (
      select ${r.id} as id, ${r.serviceDate} as service_date
      from a cross join k cross join lateral (${byKey(sql`k.id`)}) as ${r}
      where ${where}
    ),
    p as (
      select page.*, row_number() over () as rn from a cross join lateral (
        (${rows}
          from (select f.id from f where (select count(*) from k) < ${UPDATED_SINCE_KEYS} order by ${keyOrder} limit ${limit}) top
          cross join lateral (${byKey(sql`top.id`)}) as ${r}
          order by ${order})
        union all
        (${rows}
          from ${r}
          where (select count(*) from k) >= ${UPDATED_SINCE_KEYS} and ${where}
          order by ${order}
          limit ${limit})
      ) page
    )
    ${tail}`;
}

type PageSlot = 'token' | 'today' | 'own' | 'count' | 'limit' | 'since';
const pageTemplates = new Map<string, StatementTemplate<PageSlot>>();
/**
 * Resource types are checked before a search reaches here (SERVED_RESOURCE_TYPES); this only bounds
 * the map whatever comes: past it, a type's statement is built directly, as it was before templates.
 */
const MAX_PAGE_TEMPLATES = 32;

/** The page's statement with these values, rendered from the text written once for the resource type. */
export function pageStatementFor(resourceType: string, values: { token: string; today: CalendarDate; own: SQL; count: number; limit: number; since?: string }): RenderedStatement {
  const bounded = values.since !== undefined;
  const key = bounded ? `${resourceType} since` : resourceType;
  let template = pageTemplates.get(key);
  if (!template) {
    if (pageTemplates.size >= MAX_PAGE_TEMPLATES) return renderStatement(pageStatement(resourceType, values));
    template = new StatementTemplate<PageSlot>((slot) =>
      pageStatement(resourceType, { token: slot('token'), today: slot('today'), own: slot('own'), count: slot('count'), limit: slot('limit'), since: bounded ? slot('since') : undefined }),
    );
    pageTemplates.set(key, template);
  }
  return template.query({ since: null, ...values });
}

/** The statement of one search page (readSearchPage). Throws a FhirRequestError for a bad cursor. */
export function searchPageStatement(token: string, resourceType: string, search: ParsedSearch, today: CalendarDate): RenderedStatement {
  const ownConditions = searchConditions(resourceType, search);
  if (search.cursor) ownConditions.push(cursorCondition(resourceType, search.cursor));
  const since = updatedSinceBound(resourceType, search) ?? undefined;
  return pageStatementFor(resourceType, { token, today, own: ownConditionsSql(ownConditions), count: search.count, limit: search.count + 1, since });
}

/**
 * The token's facts and one page of a search, in one statement (one snapshot): a row of facts
 * (as JSON), then a row per match in serving order, the stored JSON of each resource as the bytes
 * the database sent. Nothing is parsed, decoded or joined in the database: each entry is its
 * stored bytes between two constant pieces. Throws a FhirRequestError for a bad cursor before any
 * statement runs.
 */
export async function readSearchPage(token: string, resourceType: string, search: ParsedSearch, today: CalendarDate, base: string): Promise<SearchPage> {
  const rows = await runRawStatement(searchPageStatement(token, resourceType, search, today));
  let facts: FhirAccessFacts | null = null;
  const matches: { rn: number; id: Buffer; serviceDate: Buffer | null; resource: Buffer }[] = [];
  let found = 0;
  for (const [rn, factsJson, id, serviceDate, resource] of rows) {
    if (rn === null) facts = accessFactsOf(factsJson!);
    else {
      found++;
      if (resource !== null) matches.push({ rn: Number(rn.toString('latin1')), id: id!, serviceDate, resource });
    }
  }
  if (!facts) return { facts: null, entries: [], count: 0, hasMore: false, last: null };
  // The union sends the page's rows in its order; the row number keeps it whatever the plan.
  matches.sort((x, y) => x.rn - y.rn);
  const start = entryStart(base, resourceType);
  const entries: Buffer[] = [];
  for (const match of matches) pushEntry(entries, start, match.id, match.resource, 'match');
  const lastMatch = matches.at(-1);
  return {
    facts,
    entries,
    count: matches.length,
    hasMore: found > search.count,
    last: lastMatch ? { id: lastMatch.id.toString('utf8'), serviceDate: lastMatch.serviceDate?.toString('utf8') ?? null } : null,
  };
}
