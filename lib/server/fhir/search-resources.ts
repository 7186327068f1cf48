import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, not, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { fhirResources } from '@/lib/db/schema';
import { PDEX_PROVIDER_ACCESS_USE_CASE } from '@/lib/server/sharing/consent-resources';
import type { FhirAccess } from './authorize-fhir-request';
import { FhirRequestError } from './operation-outcome';
import { CLAIM_TYPE_TO_EOB_TYPES, FHIR_ID, PREFIX_ENDS, splitToken, type ConsentTokenParameter, type DateCriterion, type Include, type ParsedSearch } from './search-parameters';

/** A real calendar day written YYYY-MM-DD (2020-13-45 is not one). */
function isCalendarDay(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

export const PATIENT_COMPARTMENT = new Set(['Patient', 'Coverage', 'ExplanationOfBenefit', 'Consent']);

/**
 * A token (`code`, `system|code`, `system|`, `|code`) against a CodeableConcept's codings, as FHIR
 * reads it: the system is matched when the token names one, and `|code` asks for a coding with none.
 */
function codingCondition(codings: SQL, token: string): SQL {
  const { system, code } = splitToken(token);
  if (system === null) return sql`${codings} @> ${JSON.stringify([{ code }])}::jsonb`;
  if (system === '') return sql`jsonb_path_exists(${codings}, '$[*] ? (!(exists (@.system)) && @.code == $code)', ${JSON.stringify({ code })}::jsonb)`;
  return sql`${codings} @> ${JSON.stringify([code === '' ? { system } : { system, code }])}::jsonb`;
}

/**
 * An `identifier` token against the stored tokens (each identifier's `value` and `system|value`),
 * or, for `system|` (any identifier in that system), against the resource's own identifiers: the
 * stored tokens hold no such form, and this rare search is the only one that reads the JSON.
 */
function identifierCondition(token: string): SQL {
  const bar = token.indexOf('|');
  if (bar > 0 && bar === token.length - 1) {
    return sql`(${fhirResources.resource}::jsonb)->'identifier' @> ${JSON.stringify([{ system: token.slice(0, bar) }])}::jsonb`;
  }
  return sql`${fhirResources.identifiers} @> ${JSON.stringify([token])}::jsonb`;
}

export interface FoundResource {
  resourceType: string;
  id: string;
  serviceDate: string | null;
  json: string;
}

/**
 * What this token may ever see of a resource type, whatever the search asks: the member's own
 * compartment, inside the data window and enrolled periods, sensitive claims only when opted in.
 */
export function accessConditions(resourceType: string, access: FhirAccess): SQL[] {
  const conditions: SQL[] = [eq(fhirResources.resourceType, resourceType)];
  if (!PATIENT_COMPARTMENT.has(resourceType)) {
    conditions.push(isNull(fhirResources.patientId));
    return conditions;
  }
  conditions.push(eq(fhirResources.patientId, access.patientId));
  if (resourceType === 'Patient') conditions.push(eq(fhirResources.id, access.patientId));
  if (resourceType === 'Coverage') {
    conditions.push(or(isNull(fhirResources.periodEnd), gte(fhirResources.periodEnd, access.dataWindowStart))!);
  }
  if (resourceType === 'ExplanationOfBenefit') {
    const inPeriods = access.enrolledPeriods.map((p) => and(gte(fhirResources.serviceDate, p.start), lte(fhirResources.serviceDate, p.end))!);
    conditions.push(inPeriods.length ? or(...inPeriods)! : sql`false`);
    if (!access.includeSensitive) conditions.push(eq(fhirResources.sensitivity, 'none'));
  }
  return conditions;
}

/** A FHIR date comparison (prefix against the value's own range) on a date or instant column. */
function rangeCondition<T extends string | SQL>(column: AnyPgColumn, prefix: DateCriterion['prefix'], low: T, high: T): SQL {
  if (prefix === 'ne') return not(rangeCondition(column, 'eq', low, high));
  const { from, to } = PREFIX_ENDS[prefix];
  const end = { low, high };
  if (from && to) return and(gte(column, end[from]), lt(column, end[to]))!;
  return from ? gte(column, end[from]) : lt(column, end[to!]);
}

const dateCondition = (column: typeof fhirResources.serviceDate | typeof fhirResources.billableStart, c: DateCriterion) =>
  rangeCondition(column, c.prefix, c.lowDate, c.highDate);
// As text cast by the database: a bound may be ±infinity (DateCriterion), which no JS Date holds.
const instantCondition = (c: DateCriterion) => rangeCondition(fhirResources.lastUpdated, c.prefix, sql`${c.low}::timestamptz`, sql`${c.high}::timestamptz`);

/**
 * A FHIR date comparison against a target that is the whole days from `start` to `end`
 * (inclusive): eq wants the search range to contain the target, ge/le/gt/lt/sa/eb compare the
 * ends the FHIR search rules name. One day is the range from a day to itself.
 */
function dayRangeCondition(start: SQL, end: SQL, c: DateCriterion): SQL {
  const low = sql`${c.lowDate}::date`;
  const high = sql`${c.highDate}::date`;
  switch (c.prefix) {
    case 'eq':
      return sql`(${start} >= ${low} and ${end} < ${high})`;
    case 'ne':
      return sql`not (${start} >= ${low} and ${end} < ${high})`;
    case 'gt':
      return sql`${end} >= ${high}`;
    case 'sa':
      return sql`${start} >= ${high}`;
    case 'ge':
      return sql`${end} >= ${low}`;
    case 'lt':
      return sql`${start} < ${low}`;
    case 'eb':
      return sql`${end} < ${low}`;
    case 'le':
      return sql`${start} < ${high}`;
  }
}

/** Any of an EOB's item service days matches (the values are single days). */
const itemDayCondition = (c: DateCriterion) =>
  sql`exists (select 1 from unnest(${fhirResources.itemServiceDates}) as item_day(d) where ${dayRangeCondition(sql`item_day.d`, sql`item_day.d`, c)})`;

/** `service-date`: billablePeriod (a period) or any item's service day. */
const serviceDateCondition = (c: DateCriterion) =>
  or(dayRangeCondition(sql`${fhirResources.billableStart}`, sql`coalesce(${fhirResources.billableEnd}, ${fhirResources.billableStart})`, c), itemDayCondition(c))!;

/** `service-start-date`: billablePeriod.start or any item's service day. */
const serviceStartDateCondition = (c: DateCriterion) =>
  or(dayRangeCondition(sql`${fhirResources.billableStart}`, sql`${fhirResources.billableStart}`, c), itemDayCondition(c))!;

/** What the search itself asks (the token's own limits are accessConditions or the one-statement page's). */
export function searchConditions(resourceType: string, search: ParsedSearch): SQL[] {
  const conditions: SQL[] = [];
  if (search.ids) conditions.push(search.ids.length ? inArray(fhirResources.id, search.ids) : sql`false`);
  if (search.patient && PATIENT_COMPARTMENT.has(resourceType)) {
    // Asking for another member's data finds nothing, exactly as if it did not exist (the rows are
    // the token's own member's already).
    conditions.push(search.patient.length ? inArray(fhirResources.patientId, search.patient) : sql`false`);
  }
  // A parameter given twice is AND, its comma-separated values OR (`type=pharmacy&type=oral` finds
  // nothing: a claim has one type). A blank `identifier` or `code` (`identifier=%09`) holds no
  // value: it asks nothing.
  for (const values of search.identifiers) {
    if (values.length) conditions.push(or(...values.map(identifierCondition))!);
  }
  for (const types of search.types) {
    const kinds = types.flatMap((t) => CLAIM_TYPE_TO_EOB_TYPES[t] ?? []);
    conditions.push(kinds.length ? inArray(fhirResources.eobType, kinds) : sql`false`);
  }
  for (const codes of search.codes) {
    // The drug list is small and shared: a JSON test on it costs nothing worth a column.
    if (codes.length) conditions.push(or(...codes.map((v) => codingCondition(sql`(${fhirResources.resource}::jsonb)->'code'->'coding'`, v)))!);
  }
  for (const { param, values } of search.consentTokens) {
    conditions.push(values.length ? or(...values.map((v) => consentTokenCondition(param, v)))! : sql`false`);
  }
  search.lastUpdated.forEach((c) => conditions.push(instantCondition(c)));
  search.serviceDate.forEach((c) => conditions.push(serviceDateCondition(c)));
  search.serviceStartDate.forEach((c) => conditions.push(serviceStartDateCondition(c)));
  search.billablePeriodStart.forEach((c) => conditions.push(dateCondition(fhirResources.billableStart, c)));
  return conditions;
}

const CONSENT_PROVISION_TYPE_SYSTEM = 'http://hl7.org/fhir/consent-provision-type';

/**
 * One value of a Consent token search (`code` or `system|code`; a boolean for `provider-access`).
 * A member has one or two Consents: a JSON test on them costs nothing worth a column.
 */
function consentTokenCondition(param: ConsentTokenParameter, value: string): SQL {
  const json = sql`(${fhirResources.resource}::jsonb)`;
  const { system, code } = splitToken(value);
  switch (param) {
    case 'category':
      return sql`exists (select 1 from jsonb_array_elements(${json}->'category') as c(v) where ${codingCondition(sql`c.v->'coding'`, value)})`;
    case 'provision-action':
      return sql`exists (select 1 from jsonb_array_elements(${json}->'provision'->'action') as a(v) where ${codingCondition(sql`a.v->'coding'`, value)})`;
    case 'provision-type':
      // A `code` element: its system is the one of its required value set, whether named or not.
      if (system !== null && system !== CONSENT_PROVISION_TYPE_SYSTEM) return sql`false`;
      return code === '' ? sql`${json}->'provision'->'type' is not null` : sql`${json}->'provision'->>'type' = ${code}`;
    case 'provider-access':
      return sql`exists (select 1 from jsonb_array_elements(${json}->'provision'->'action') as a(v), jsonb_array_elements(a.v->'extension') as e(v)
        where e.v->>'url' = ${PDEX_PROVIDER_ACCESS_USE_CASE} and (e.v->>'valueBoolean') = ${code})`;
  }
}

interface Cursor {
  d: string | null;
  i: string;
}

export function encodeCursor(last: Pick<FoundResource, 'id' | 'serviceDate'>): string {
  return Buffer.from(JSON.stringify({ d: last.serviceDate, i: last.id } satisfies Cursor)).toString('base64url');
}

export function cursorCondition(resourceType: string, raw: string): SQL {
  let cursor: Cursor;
  try {
    cursor = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof cursor.i !== 'string' || !FHIR_ID.test(cursor.i) || (cursor.d !== null && !isCalendarDay(cursor.d))) throw new Error();
  } catch {
    throw new FhirRequestError(400, 'invalid', 'The paging link is not valid.');
  }
  if (resourceType === 'ExplanationOfBenefit' && cursor.d) {
    return sql`(${fhirResources.serviceDate}, ${fhirResources.id}) < (${cursor.d}::date, ${cursor.i})`;
  }
  return sql`${fhirResources.id} > ${cursor.i}`;
}

const columns = {
  resourceType: fhirResources.resourceType,
  id: fhirResources.id,
  serviceDate: fhirResources.serviceDate,
  json: fhirResources.resource,
};

/**
 * One page of matches, newest claims first, plus whether another page follows, in one statement:
 * the page index is in serving order, so only the page's rows (and one more) are ever read, and a
 * member with 10,000 claims costs about what a member with 100 does.
 */
export async function searchResources(resourceType: string, search: ParsedSearch, access: FhirAccess): Promise<{ matches: FoundResource[]; hasMore: boolean }> {
  const db = await getDb();
  const conditions = [...accessConditions(resourceType, access), ...searchConditions(resourceType, search)];
  if (search.cursor) conditions.push(cursorCondition(resourceType, search.cursor));
  const order = resourceType === 'ExplanationOfBenefit' ? [desc(fhirResources.serviceDate), desc(fhirResources.id)] : [asc(fhirResources.id)];
  const rows = await db
    .select(columns)
    .from(fhirResources)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(search.count + 1);
  return { matches: rows.slice(0, search.count), hasMore: rows.length > search.count };
}

/** `_summary=count`: how many resources match, within everything the token may see. */
export async function countResources(resourceType: string, search: ParsedSearch, access: FhirAccess): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(fhirResources)
    .where(and(...accessConditions(resourceType, access), ...searchConditions(resourceType, search)));
  return row?.n ?? 0;
}

export async function readResource(resourceType: string, id: string, access: FhirAccess): Promise<FoundResource | null> {
  const db = await getDb();
  const [row] = await db
    .select(columns)
    .from(fhirResources)
    .where(and(...accessConditions(resourceType, access), eq(fhirResources.id, id)))
    .limit(1);
  return row ?? null;
}

/** What one include follows in one resource. */
function includedReferences(resource: Record<string, any>, include: Include): unknown[] {
  switch (include.target) {
    case 'patient':
      return [resource.patient?.reference];
    case 'provider':
      return [resource.provider?.reference];
    case 'insurer':
      return [resource.insurer?.reference];
    case 'payee':
      return [resource.payee?.party?.reference];
    case 'coverage':
      return (resource.insurance ?? []).map((i: any) => i.coverage?.reference);
    case 'careTeam':
      return (resource.careTeam ?? []).map((c: any) => c.provider?.reference);
    case 'payor':
      return (resource.payor ?? []).map((p: any) => p.reference);
  }
}

/**
 * The resources a page of matches points at through `_include`, each still subject to the token's
 * own access rules; `_include:iterate` ones are followed again from what was included (a Coverage
 * an EOB brought in leads on to its payor), a bounded number of times.
 */
export async function findIncludes(matches: FoundResource[], includes: Include[], access: FhirAccess, withheld = new Set<string>()): Promise<FoundResource[]> {
  const db = await getDb();
  const seen = new Set(matches.map((m) => `${m.resourceType}/${m.id}`));
  const found: FoundResource[] = [];
  let sources = matches;
  for (let round = 0; round < 3 && sources.length; round++) {
    const wanted = new Map<string, Set<string>>();
    for (const source of sources) {
      const resource = JSON.parse(source.json) as Record<string, any>;
      for (const include of includes) {
        if (include.from !== source.resourceType || (round > 0 && !include.iterate)) continue;
        for (const reference of includedReferences(resource, include)) {
          if (typeof reference !== 'string') continue;
          const [type, id] = reference.split('/').slice(-2);
          if (!type || !id || seen.has(`${type}/${id}`)) continue;
          // A type the member did not share with this app is left out, and the answer says so.
          if (!access.resourceTypes.has(type)) {
            withheld.add(type);
            continue;
          }
          if (!wanted.has(type)) wanted.set(type, new Set());
          wanted.get(type)!.add(id);
        }
      }
    }
    const next: FoundResource[] = [];
    for (const [type, ids] of wanted) {
      const rows = await db
        .select(columns)
        .from(fhirResources)
        .where(and(...accessConditions(type, access), inArray(fhirResources.id, [...ids])));
      for (const row of rows) {
        seen.add(`${row.resourceType}/${row.id}`);
        next.push(row);
      }
    }
    found.push(...next);
    sources = includes.some((i) => i.iterate) ? next : [];
  }
  return found;
}
