import 'server-only';
import { and, asc, desc, sql, type SQL } from 'drizzle-orm';
import type { CalendarDate } from '@/lib/calendar';
import { fhirResources } from '@/lib/db/schema';
import { DATA_WINDOW_FLOOR } from '@/lib/server/eligibility/data-window';
import { accessFactsCte, accessFactsOf, type FhirAccessFacts } from './authorize-fhir-request';
import type { ParsedSearch } from './search-parameters';
import { PATIENT_COMPARTMENT, cursorCondition, searchConditions } from './search-resources';
import { runStatement } from './run-statement';

export interface SearchPage {
  /** The token's facts, null for an unknown token (nothing else is then read). */
  facts: FhirAccessFacts | null;
  /** The page's Bundle entries, already JSON text joined by commas ('' for none). */
  entries: string;
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
function accessConditionsInStatement(resourceType: string, today: CalendarDate): SQL[] {
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
    conditions.push(sql`exists (select 1 from enrollment_spans s where s.member_id = a.member_id and s.start_date <= ${today}::date
      and s.start_date <= ${r.serviceDate} and ${r.serviceDate} <= coalesce(s.end_date, ${today}::date))`);
    conditions.push(sql`(a.include_sensitive or ${r.sensitivity} = 'none')`);
  }
  return conditions;
}

/**
 * The token's facts and one page of a search, in one statement: the page's entries come back as
 * one text, the stored JSON of each resource wrapped in its entry, joined in serving order (no
 * resource is parsed or serialized here). Throws a FhirRequestError for a bad cursor before any
 * statement runs.
 */
export async function readSearchPage(token: string, resourceType: string, search: ParsedSearch, today: CalendarDate, base: string): Promise<SearchPage> {
  const r = fhirResources;
  const conditions = [...accessConditionsInStatement(resourceType, today), ...searchConditions(resourceType, search)];
  if (search.cursor) conditions.push(cursorCondition(resourceType, search.cursor));
  const eob = resourceType === 'ExplanationOfBenefit';
  const order = eob ? sql`${desc(r.serviceDate)}, ${desc(r.id)}` : sql`${asc(r.id)}`;
  // The entry around each resource's stored JSON; the id is a FHIR id (no character to escape).
  const fullUrl = `{"fullUrl":${JSON.stringify(`${base}/${resourceType}/`).slice(0, -1)}`;
  const rows = await runStatement(sql`with ${accessFactsCte(token)},
    p as (
      select ${r.id} as id, ${r.serviceDate}::text as service_date, ${r.resource} as resource, row_number() over (order by ${order}) as rn
      from a, ${r}
      where ${and(...conditions)}
      order by ${order}
      limit ${search.count + 1}
    )
    select a.*,
      (select string_agg(concat(${fullUrl}::text, p.id, '","resource":', p.resource, ',"search":{"mode":"match"}}'), ',' order by p.rn) from p where p.rn <= ${search.count}) as entries,
      (select count(*)::int from p) as found,
      (select p.id from p where p.rn = ${search.count}) as last_id,
      (select p.service_date from p where p.rn = ${search.count}) as last_date
    from a`);
  const row = rows[0];
  if (!row) return { facts: null, entries: '', count: 0, hasMore: false, last: null };
  const found = row.found as number;
  const count = Math.min(found, search.count);
  return {
    facts: accessFactsOf(row),
    entries: (row.entries as string | null) ?? '',
    count,
    hasMore: found > search.count,
    last: row.last_id ? { id: row.last_id as string, serviceDate: (row.last_date as string | null) ?? null } : null,
  };
}
