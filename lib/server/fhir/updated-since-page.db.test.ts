import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appClock, calendarDateIn } from '@/lib/calendar';
import { enrollmentSpans, fhirResources, members } from '@/lib/db/schema';
import { insertFhirRecords } from '@/lib/server/demo/load-demo-data';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { rowsOf } from '@/lib/testing/test-database';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';
import membersFixture from '@/lib/demo/fixtures/members.json';
import { ownConditionsSql, pageStatementFor, searchPageStatement, UPDATED_SINCE_KEYS } from './read-search-page';
import { runRawStatement } from './run-statement';
import { boundMs, parseSearch, readSearchParameters } from './search-parameters';
import { searchConditions } from './search-resources';
import { generateMemberRecords } from './synthetic';

// An app pages once through a member's history, then polls with `_lastUpdated` for what changed
// since (issue 10's real traffic). A poll must read the rows updated since, not the member's whole
// history, and serve exactly what the same search without the shortcut serves.

const MEMBER = '930000000001';
const CLAIMS = 700;
const BASE = Date.parse('2020-01-01T00:00:00Z');
const HOUR = 3_600_000;
let hub: TestHub;
let token: string;
/** Each of the member's claims' last_updated, by id: the n-th id in text order was updated n hours after BASE. */
const updatedAt = new Map<string, number>();

beforeAll(async () => {
  hub = await startTestHub();
  const patientId = patientIdFor(MEMBER);
  const person = { given: 'Poll', family: 'Member', birthDate: '1980-01-01', sex: 'female' as const };
  const address = { line: '1 Test St', city: 'Boston', state: 'MA', zip: '02110' };
  await hub.db.insert(members).values({ memberId: MEMBER, patientId, ...person, addressLine: address.line, city: address.city, state: address.state, zip: address.zip, email: 'poll@members.example' });
  await hub.db.insert(enrollmentSpans).values({ memberId: MEMBER, start: '2016-01-01', end: null, planCode: 'FFS' });
  const today = calendarDateIn(appClock().now());
  await insertFhirRecords(hub.db, generateMemberRecords({
    memberId: MEMBER, patientId, ...person, address, phone: '617-555-0000', email: 'poll@members.example', deceasedDate: null,
    spans: [{ start: '2016-01-01', end: null, plan: 'FFS' }], plans: membersFixture.plans, today, claimCount: CLAIMS,
  }));
  // When each claim changed, in an order that has nothing to do with its service date (the page's order).
  const rows = rowsOf<{ id: string }>(await hub.db.execute(sql`select id from ${fhirResources} where patient_id = ${patientId} and resource_type = 'ExplanationOfBenefit' order by id`));
  expect(rows.length).toBeGreaterThan(2 * UPDATED_SINCE_KEYS);
  // Every fifth of the 60 last updated is sensitive, which this member's grant does not share: rows
  // updated since that the search must still withhold.
  for (const [n, row] of rows.entries()) {
    const at = BASE + (n + 1) * HOUR;
    updatedAt.set(row.id, at);
    const sensitivity = n >= rows.length - 60 && n % 5 === 0 ? 'behavioral-health' : 'none';
    await hub.db.update(fhirResources).set({ lastUpdated: new Date(at), sensitivity }).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, row.id)));
  }
  await hub.db.execute(sql`analyze ${fhirResources}`);
  ({ tokens: { access_token: token } } = await hub.launch({ memberId: MEMBER, scope: 'launch/patient openid patient/*.rs' }));
}, 240_000);
afterAll(async () => hub?.close());

/** Every match of a search in the order served, all pages; a next link only where another page has matches. */
async function servedIds(path: string): Promise<string[]> {
  const ids: string[] = [];
  let url: string | undefined = `${hub.fhirBase}/${path}`;
  for (let page = 0; url; page++) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as any;
    expect(response.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
    const matches = (body.entry ?? []).filter((entry: any) => entry.search.mode === 'match');
    if (page > 0) expect(matches.length, `${path}: page ${page + 1} came from a next link and is empty`).toBeGreaterThan(0);
    for (const entry of matches) ids.push(entry.resource.id);
    url = body.link?.find((l: any) => l.relation === 'next')?.url;
  }
  return ids;
}

/** Whether an instant passes every `_lastUpdated` criterion of a query, by FHIR's rules as rangeCondition applies them. */
function passesLastUpdated(query: string, t: number): boolean {
  return parseSearch('ExplanationOfBenefit', readSearchParameters(query), true).lastUpdated.every((c) => {
    const [low, high] = [boundMs(c.low), boundMs(c.high)];
    switch (c.prefix) {
      case 'eq':
        return t >= low && t < high;
      case 'ne':
        return !(t >= low && t < high);
      case 'gt':
      case 'sa':
        return t >= high;
      case 'ge':
        return t >= low;
      case 'lt':
      case 'eb':
        return t < low;
      case 'le':
        return t < high;
    }
  });
}

/** The instant at which exactly `m` of the member's claims were updated at or after it. */
const sinceCount = (m: number) => new Date(BASE + (updatedAt.size - m + 1) * HOUR).toISOString().replace('.000Z', 'Z');

describe('a search with a lower _lastUpdated bound (a poll)', () => {
  it('serves exactly the matches of the search without the bound that were updated since, in the same order, on both sides of the key limit', async () => {
    const all = await servedIds('ExplanationOfBenefit?_count=50');
    expect(all.length).toBeGreaterThan(2 * UPDATED_SINCE_KEYS);
    const pharmacy = await servedIds('ExplanationOfBenefit?_count=50&type=pharmacy');
    expect(pharmacy.length).toBeGreaterThan(0);
    const counts = [0, 1, 37, UPDATED_SINCE_KEYS - 1, UPDATED_SINCE_KEYS, UPDATED_SINCE_KEYS + 1, 450, updatedAt.size];
    for (const m of counts) {
      const at = sinceCount(m);
      const from = Date.parse(at);
      const cases: [string, string[], (t: number) => boolean][] = [
        [`_lastUpdated=ge${at}`, all, (t) => t >= from],
        [`_lastUpdated=gt${at}`, all, (t) => t >= from + 1000],
        [`_lastUpdated=sa${at}`, all, (t) => t >= from + 1000],
        [`_lastUpdated=eq${at}`, all, (t) => t === from],
        [`_lastUpdated=ge${at}&_lastUpdated=lt${sinceCount(Math.max(m - 20, 0))}`, all, (t) => t >= from && t < Date.parse(sinceCount(Math.max(m - 20, 0)))],
        [`_lastUpdated=ge${at}&type=pharmacy`, pharmacy, (t) => t >= from],
      ];
      for (const [query, unbounded, updatedSince] of cases) {
        for (const count of [50, 7]) {
          const expected = unbounded.filter((id) => updatedSince(updatedAt.get(id)!));
          expect(await servedIds(`ExplanationOfBenefit?_count=${count}&${query}`), `${query} (${m} updated since), _count=${count}`).toEqual(expected);
        }
      }
    }
    // The sensitive claims among the 37 last updated are withheld by the bounded search too.
    const recent = [...updatedAt].filter(([, t]) => t >= Date.parse(sinceCount(37))).map(([id]) => id);
    const served = await servedIds(`ExplanationOfBenefit?_lastUpdated=ge${sinceCount(37)}`);
    expect(served.length).toBeGreaterThan(0);
    expect(served.length).toBeLessThan(recent.length);
  });

  it('takes every form of bound as the search without the shortcut does: precisions, offsets, several bounds in either order, bounds that set no lower end', async () => {
    const all = await servedIds('ExplanationOfBenefit?_count=50');
    const day = new Date(Date.parse(sinceCount(100))).toISOString().slice(0, 10);
    const queries = [
      '_lastUpdated=ge2020-01', '_lastUpdated=gt2020-01', '_lastUpdated=sa2019', '_lastUpdated=eq2020-01',
      `_lastUpdated=ge${day}`, `_lastUpdated=gt${day}`, `_lastUpdated=eq${day}`,
      `_lastUpdated=ge${day}T05:00:00%2B05:00`, `_lastUpdated=ge${day}T01:30:00-02:00`,
      `_lastUpdated=ge${sinceCount(150)}&_lastUpdated=gt${sinceCount(30)}`, `_lastUpdated=gt${sinceCount(30)}&_lastUpdated=ge${sinceCount(150)}`,
      `_lastUpdated=ne${day}`, `_lastUpdated=le${day}`, `_lastUpdated=lt${day}&_lastUpdated=ge2020-01-02`,
      '_lastUpdated=gt9999', '_lastUpdated=ge2020-01-03&_lastUpdated=gt9999', '_lastUpdated=gt9999&_lastUpdated=ge2020-01-03', '_lastUpdated=le9999',
      '_lastUpdated=ge9999-12-31T23:30:00-05:00', '_lastUpdated=lt0001-01-01T05:00:00%2B14:00', '_lastUpdated=ge0001-01-01T05:00:00%2B14:00',
    ];
    for (const query of queries) {
      const expected = all.filter((id) => passesLastUpdated(query, updatedAt.get(id)!));
      expect(await servedIds(`ExplanationOfBenefit?_count=40&${query}`), query).toEqual(expected);
    }
  });

  it('serves the member\'s coverage updated since as the search without the bound does', async () => {
    const all = await servedIds('Coverage');
    expect(all.length).toBeGreaterThan(0);
    expect(await servedIds('Coverage?_lastUpdated=ge2000-01-01')).toEqual(all);
    expect(await servedIds('Coverage?_count=1&_lastUpdated=ge2000-01-01')).toEqual(all);
    expect(await servedIds('Coverage?_lastUpdated=gt2999-01-01')).toEqual([]);
  });

  it('reads the rows updated since, not the member\'s history: a poll looks at a few rows where the page index path looks at every claim', async () => {
    const today = calendarDateIn(appClock().now());
    /** How many rows of fhir_resources the statement's plan looked at: each scan's rows, kept or filtered out, over its loops. */
    const rowsRead = async (statement: { sql: string; params: unknown[] }) => {
      let read = 0;
      // Postgres plans a prepared statement for its values five times, then may keep one plan for all.
      for (let run = 0; run < 7; run++) {
        const [[plan]] = await runRawStatement({ sql: `explain (analyze, format json) ${statement.sql}`, params: statement.params });
        read = 0;
        const visit = (node: any) => {
          if (node['Relation Name'] === 'fhir_resources') read += ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * (node['Actual Loops'] ?? 1);
          for (const child of node.Plans ?? []) visit(child);
        };
        visit(JSON.parse(plan!.toString('utf8'))[0].Plan);
      }
      return read;
    };
    const poll = parseSearch('ExplanationOfBenefit', readSearchParameters(`_lastUpdated=gt${sinceCount(3)}&_count=50`), true);
    const bounded = await rowsRead(searchPageStatement(token, 'ExplanationOfBenefit', poll, today));
    // The same search as every search was read before: the page index, its bound one more condition.
    const own = searchConditions('ExplanationOfBenefit', poll);
    const unbounded = await rowsRead(pageStatementFor('ExplanationOfBenefit', { token, today, own: ownConditionsSql(own), count: 50, limit: 51 }));
    expect(unbounded, 'the page index path looks at every claim').toBeGreaterThanOrEqual(CLAIMS * 0.9);
    expect(bounded, `a poll looked at ${bounded} rows (the page index path ${unbounded})`).toBeLessThanOrEqual(10);
    // A bound every claim passes: the rows updated since are counted up to the limit, then the page is read off the page index.
    const wide = parseSearch('ExplanationOfBenefit', readSearchParameters(`_lastUpdated=ge${sinceCount(updatedAt.size)}&_count=50`), true);
    expect(await rowsRead(searchPageStatement(token, 'ExplanationOfBenefit', wide, today))).toBeLessThanOrEqual(UPDATED_SINCE_KEYS + 2 * 51);
  });
});
