import 'server-only';
import { asc, desc, sql, type SQL } from 'drizzle-orm';
import type { CalendarDate } from '@/lib/calendar';
import { fhirResources } from '@/lib/db/schema';
import { DATA_WINDOW_FLOOR } from '@/lib/server/eligibility/data-window';
import { accessFactsCte, accessFactsOf, type FhirAccessFacts } from './authorize-fhir-request';
import type { ParsedSearch } from './search-parameters';
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
    // The enrolled days as one multirange, built once per statement (an InitPlan: it refers to
    // nothing of the row), not an enrollment lookup per claim; the page still comes off the index
    // in serving order.
    conditions.push(sql`${r.serviceDate} <@ (select range_agg(daterange(s.start_date, coalesce(s.end_date, ${today}::date), '[]'))
      from a as enrolled_member join enrollment_spans s on s.member_id = enrolled_member.member_id
      where s.start_date <= ${today}::date and s.start_date <= coalesce(s.end_date, ${today}::date))`);
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
}

/** The search's own conditions as the page statement's `own` slot takes them. */
export const ownConditionsSql = (conditions: SQL[]): SQL => (conditions.length ? sql` and ${sql.join(conditions, sql` and `)}` : sql``);

/**
 * The page's statement for a resource type, as drizzle builds it. Its text depends on the resource
 * type alone: what varies per request is a value (the token, today, the limit) or the search's own
 * conditions, which pageStatementFor puts into the text written once per resource type.
 */
export function pageStatement(resourceType: string, { token, today, own, count, limit }: PageStatementValues): SQL {
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
  return sql`with ${accessFactsCte(token)},
    p as (
      select page.*, row_number() over () as rn from a cross join lateral (
        select ${r.id} as id, ${r.serviceDate}::text as service_date, ${r.resource} as resource
        from ${r}
        where (${sql.join(accessConditionsInStatement(resourceType, today), sql` and `)}${own})
        order by ${order}
        limit ${limit}
      ) page
    )
    select null::text as rn, row_to_json(a)::text as facts, null::text as id, null::text as service_date, null::text as resource from a
    union all
    select p.rn::text, null, p.id, p.service_date, case when p.rn <= ${count} then p.resource end from p`;
}

type PageSlot = 'token' | 'today' | 'own' | 'count' | 'limit';
const pageTemplates = new Map<string, StatementTemplate<PageSlot>>();
/**
 * Resource types are checked before a search reaches here (SERVED_RESOURCE_TYPES); this only bounds
 * the map whatever comes: past it, a type's statement is built directly, as it was before templates.
 */
const MAX_PAGE_TEMPLATES = 32;

/** The page's statement with these values, rendered from the text written once for the resource type. */
export function pageStatementFor(resourceType: string, values: { token: string; today: CalendarDate; own: SQL; count: number; limit: number }): RenderedStatement {
  let template = pageTemplates.get(resourceType);
  if (!template) {
    if (pageTemplates.size >= MAX_PAGE_TEMPLATES) return renderStatement(pageStatement(resourceType, values));
    template = new StatementTemplate<PageSlot>((slot) => pageStatement(resourceType, { token: slot('token'), today: slot('today'), own: slot('own'), count: slot('count'), limit: slot('limit') }));
    pageTemplates.set(resourceType, template);
  }
  return template.query(values);
}

/**
 * The token's facts and one page of a search, in one statement (one snapshot): a row of facts
 * (as JSON), then a row per match in serving order, the stored JSON of each resource as the bytes
 * the database sent. Nothing is parsed, decoded or joined in the database: each entry is its
 * stored bytes between two constant pieces. Throws a FhirRequestError for a bad cursor before any
 * statement runs.
 */
export async function readSearchPage(token: string, resourceType: string, search: ParsedSearch, today: CalendarDate, base: string): Promise<SearchPage> {
  const ownConditions = searchConditions(resourceType, search);
  if (search.cursor) ownConditions.push(cursorCondition(resourceType, search.cursor));
  const rows = await runRawStatement(pageStatementFor(resourceType, { token, today, own: ownConditionsSql(ownConditions), count: search.count, limit: search.count + 1 }));
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
