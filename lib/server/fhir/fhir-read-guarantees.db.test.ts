import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appClock, calendarDateIn } from '@/lib/calendar';
import { accessLog, enrollmentSpans, fhirResources, members } from '@/lib/db/schema';
import { changeAppStatus } from '@/lib/server/apps/change-app-status';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { rowsOf } from '@/lib/testing/test-database';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// The FHIR API reuses nothing between requests (issue 10): every answer is decided and read from
// the database. These tests read, then change the database the way the product does (or behind
// any trigger's back), and expect the very next request to see the change; and they check that
// the write path holds no global serialization point for the read path's sake.

const MARIA = '100000000001';
const FATIMA = '100000000016';
const SAMUEL = '100000000015';
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());

async function get(path: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${hub.fhirBase}/${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.status, body: (await response.json()) as any };
}

const matchIds = (bundle: any): string[] => (bundle.entry ?? []).filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource.id);

/** Two reads, as an app that pages and polls would make them. */
async function warm(path: string, token: string) {
  const first = await get(path, token);
  expect(first.status).toBe(200);
  expect((await get(path, token)).status).toBe(200);
  return first.body;
}

describe('every FHIR answer is the database\'s now', () => {
  it('sees a change made behind any trigger\'s back on the next request (Cache-Control or not)', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    const path = 'ExplanationOfBenefit?_count=5';
    const before = matchIds(await warm(path, tokens.access_token));
    const newest = before[0];
    await hub.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(fhirResources).set({ sensitivity: 'behavioral-health' }).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, newest)));
    });
    try {
      expect(matchIds((await get(path, tokens.access_token)).body)).not.toContain(newest);
      expect(matchIds((await get(path, tokens.access_token, { 'cache-control': 'no-cache' })).body)).not.toContain(newest);
    } finally {
      await hub.db.update(fhirResources).set({ sensitivity: 'none' }).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, newest)));
    }
  });

  it('shows a claim added since the last read on the very next search', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    const path = 'ExplanationOfBenefit?_count=3';
    const before = matchIds(await warm(path, tokens.access_token));
    const [template] = await hub.db.select().from(fhirResources).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, before[0])));
    const today = calendarDateIn(appClock().now()); // the payer's day, not UTC's
    const resource = { ...JSON.parse(template.resource), id: 'eob-added-today' };
    await hub.db.insert(fhirResources).values({ ...template, id: 'eob-added-today', serviceDate: today, resource: JSON.stringify(resource) });
    try {
      expect(matchIds((await get(path, tokens.access_token)).body)[0]).toBe('eob-added-today');
    } finally {
      await hub.db.delete(fhirResources).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, 'eob-added-today')));
    }
  });

  it('serves a claim only on an enrolled day: the first and last days of a span, never a day between spans', async () => {
    // Samuel: enrolled 2016-03-01 to 2019-12-31, then from 2022-05-01 on (a gap between).
    const { tokens } = await hub.launch({ memberId: SAMUEL });
    const [template] = await hub.db.select().from(fhirResources).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.patientId, patientIdFor(SAMUEL)))).limit(1);
    const days = { 'eob-span-first-day': '2016-03-01', 'eob-span-last-day': '2019-12-31', 'eob-gap-first-day': '2020-01-01', 'eob-gap-last-day': '2022-04-30', 'eob-next-span-first-day': '2022-05-01', 'eob-before-enrollment': '2016-02-29' };
    for (const [id, day] of Object.entries(days)) {
      await hub.db.insert(fhirResources).values({ ...template, id, serviceDate: day, itemServiceDates: [day], resource: JSON.stringify({ ...JSON.parse(template.resource), id }) });
    }
    try {
      const served = new Set<string>();
      let path: string | null = 'ExplanationOfBenefit?_count=50';
      while (path) {
        const page = await get(path, tokens.access_token);
        expect(page.status).toBe(200);
        for (const id of matchIds(page.body)) served.add(id);
        const next = page.body.link.find((l: any) => l.relation === 'next')?.url as string | undefined;
        path = next ? next.slice(hub.fhirBase.length + 1) : null;
      }
      expect([...Object.keys(days)].filter((id) => served.has(id)).sort()).toEqual(['eob-next-span-first-day', 'eob-span-first-day', 'eob-span-last-day']);
    } finally {
      for (const id of Object.keys(days)) await hub.db.delete(fhirResources).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, id)));
    }
  });

  it('serves no claim to a member with no enrollment span left (and refuses the member)', async () => {
    const { tokens } = await hub.launch({ memberId: FATIMA });
    await warm('ExplanationOfBenefit?_count=2', tokens.access_token);
    const spans = await hub.db.select().from(enrollmentSpans).where(eq(enrollmentSpans.memberId, FATIMA));
    await hub.db.delete(enrollmentSpans).where(eq(enrollmentSpans.memberId, FATIMA));
    try {
      const answer = await get('ExplanationOfBenefit?_count=2', tokens.access_token);
      expect(answer.status).toBe(403);
      expect(JSON.stringify(answer.body)).not.toContain('"ExplanationOfBenefit"');
    } finally {
      await hub.db.insert(enrollmentSpans).values(spans);
    }
    expect((await get('ExplanationOfBenefit?_count=2', tokens.access_token)).status).toBe(200);
  });

  it('refuses a stopped grant on the next request', async () => {
    const { tokens, grant } = await hub.launch({ memberId: MARIA });
    await warm('ExplanationOfBenefit', tokens.access_token);
    await revokeConsentGrant({ grantId: grant.id, by: { kind: 'member', id: MARIA }, reason: 'member-stopped' });
    expect((await get('ExplanationOfBenefit', tokens.access_token)).status).toBe(401);
  });

  it('refuses a suspended app on the next request', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    await warm('Patient', tokens.access_token);
    await changeAppStatus({ appId: 'blue-button-explorer', decision: 'suspend', criterion: 'failed-security-assessment', staffUsername: 'reviewer' });
    try {
      expect((await get('Patient', tokens.access_token)).status).toBe(401);
    } finally {
      await changeAppStatus({ appId: 'blue-button-explorer', decision: 'reinstate', criterion: 'security-issue-resolved', staffUsername: 'reviewer' });
    }
  });

  it('refuses a member recorded as deceased, and serves again when the record is corrected', async () => {
    const { tokens } = await hub.launch({ memberId: FATIMA });
    await warm('Coverage', tokens.access_token);
    await hub.db.update(members).set({ deceasedDate: '2026-01-02' }).where(eq(members.memberId, FATIMA));
    try {
      expect((await get('Coverage', tokens.access_token)).status).toBe(403);
      expect((await get('Coverage', tokens.access_token)).status).toBe(403);
    } finally {
      await hub.db.update(members).set({ deceasedDate: null }).where(eq(members.memberId, FATIMA));
    }
    expect((await get('Coverage', tokens.access_token)).status).toBe(200);
  });

  it('refuses a member whose enrollment now ended over a year ago', async () => {
    const { tokens } = await hub.launch({ memberId: FATIMA });
    await warm('Patient', tokens.access_token);
    const spans = await hub.db.select().from(enrollmentSpans).where(eq(enrollmentSpans.memberId, FATIMA));
    await hub.db.update(enrollmentSpans).set({ end: '2020-06-30' }).where(eq(enrollmentSpans.memberId, FATIMA));
    try {
      expect((await get('Patient', tokens.access_token)).status).toBe(403);
    } finally {
      for (const span of spans) await hub.db.update(enrollmentSpans).set({ end: span.end }).where(eq(enrollmentSpans.id, span.id));
    }
    expect((await get('Patient', tokens.access_token)).status).toBe(200);
  });

  it('answers a revoked token 401 whatever else is wrong with its request', async () => {
    const { tokens, grant } = await hub.launch({ memberId: MARIA });
    await warm('ExplanationOfBenefit?_count=2', tokens.access_token);
    await revokeConsentGrant({ grantId: grant.id, by: { kind: 'member', id: MARIA }, reason: 'member-stopped' });
    for (const path of ['ExplanationOfBenefit?_count=abc', 'ExplanationOfBenefit?service-date=notadate', 'ExplanationOfBenefit/not_an_id!', 'ExplanationOfBenefit?_count=2']) {
      expect((await get(path, tokens.access_token)).status, path).toBe(401);
    }
  });

  it('logs every read once, also when many arrive at once', async () => {
    const { tokens, grant } = await hub.launch({ memberId: MARIA });
    await warm('ExplanationOfBenefit?_count=4', tokens.access_token);
    const logged = async () => (await hub.db.select({ count: accessLog.count }).from(accessLog).where(eq(accessLog.grantId, grant.id))).map((r) => r.count);
    expect(await logged()).toEqual([4, 4]);
    const answers = await Promise.all(Array.from({ length: 20 }, () => get('ExplanationOfBenefit?_count=4', tokens.access_token)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(await logged()).toEqual(Array(22).fill(4));
  });

  it('answers _count=0 with the total and no entries, as _summary=count', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    const counted = await get('ExplanationOfBenefit?_summary=count', tokens.access_token);
    const none = await get('ExplanationOfBenefit?_count=0', tokens.access_token);
    expect(none.status).toBe(200);
    expect(none.body.total).toBe(counted.body.total);
    expect(none.body.total).toBeGreaterThan(0);
    expect(none.body.entry ?? []).toEqual([]);
  });

  it('says which included types the member did not share, instead of leaving them out silently', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA, categories: ['personal', 'claims', 'coverage'] });
    const answer = await get('ExplanationOfBenefit?_count=2&_include=ExplanationOfBenefit:*', tokens.access_token);
    expect(answer.status).toBe(200);
    const types = new Set(answer.body.entry.map((e: any) => e.resource.resourceType));
    expect(types.has('Organization') || types.has('Practitioner')).toBe(false);
    const outcome = answer.body.entry.find((e: any) => e.search.mode === 'outcome')?.resource;
    expect(outcome?.issue).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'suppressed', diagnostics: 'Not included: the member did not share Organization, Practitioner with this app.' }),
    ]);
    // With every category shared, no such warning.
    const full = await hub.launch({ memberId: MARIA });
    const all = await get('ExplanationOfBenefit?_count=2&_include=ExplanationOfBenefit:*', full.tokens.access_token);
    expect(all.body.entry.some((e: any) => e.search.mode === 'outcome')).toBe(false);
  });

  it('logs what an _include added, by type, beside the matches: the member\'s history names every kind of data sent', async () => {
    const { tokens, grant } = await hub.launch({ memberId: MARIA });
    const answer = await get('ExplanationOfBenefit?_count=3&_include=ExplanationOfBenefit:patient&_include=ExplanationOfBenefit:coverage', tokens.access_token);
    expect(answer.status).toBe(200);
    const sent = new Map<string, number>();
    for (const entry of answer.body.entry) sent.set(entry.resource.resourceType, (sent.get(entry.resource.resourceType) ?? 0) + 1);
    expect([...sent.keys()].sort()).toEqual(['Coverage', 'ExplanationOfBenefit', 'Patient']);
    const rows = await hub.db.select({ type: accessLog.resourceType, count: accessLog.count }).from(accessLog).where(eq(accessLog.grantId, grant.id));
    expect(Object.fromEntries(rows.map((r) => [r.type, r.count]))).toEqual(Object.fromEntries(sent));
    expect(rows).toHaveLength(3);
  });
});

describe('the write path', () => {
  it('has no global row the read path makes every write lock: no read-path trigger on any table', async () => {
    const rows = await hub.db.execute(sql`select tgname from pg_trigger where not tgisinternal and tgrelid in
      ('oidc_models'::regclass, 'consent_grants'::regclass, 'apps'::regclass, 'members'::regclass, 'enrollment_spans'::regclass, 'authorities'::regclass, 'fhir_resources'::regclass, 'access_log'::regclass)`);
    const names = rowsOf<{ tgname: string }>(rows).map((r) => r.tgname);
    expect(names).toEqual([]);
    const tables = await hub.db.execute(sql`select 1 from pg_class where relname = 'fhir_epoch'`);
    expect(rowsOf(tables).length).toBe(0);
  });

  it('keeps each resource\'s served JSON in its row, LZ4-compressed, where the server has LZ4 (PGlite keeps it uncompressed out of line)', async () => {
    const rows = await hub.db.execute(sql`select pg_column_compression(resource) as method, (select attstorage from pg_attribute where attrelid = 'fhir_resources'::regclass and attname = 'resource') as storage
      from fhir_resources where resource_type = 'ExplanationOfBenefit' and length(resource) > 4000 limit 1`);
    const [row] = rowsOf<{ method: string | null; storage: string }>(rows);
    if (hub.database.engine === 'postgres') expect(row).toEqual({ method: 'lz4', storage: 'm' });
    else expect(row).toEqual({ method: null, storage: 'e' });
  });

  /**
   * Values in fhir_resources' TOAST table, those of them that are not a served JSON (by size: the
   * JSON is stored there uncompressed where it goes out of line), and the rows.
   */
  async function toasted(): Promise<{ values: number; notJson: number; rows: number }> {
    const [{ toast }] = rowsOf<{ toast: string }>(await hub.db.execute(sql`select reltoastrelid::regclass::text as toast from pg_class where oid = 'fhir_resources'::regclass`));
    const [counts] = rowsOf<{ values: number; notJson: number; rows: number }>(await hub.db.execute(sql`select count(*)::int as values, (count(*) filter (where size not in (select octet_length(resource) from fhir_resources)))::int as "notJson",
      (select count(*)::int from fhir_resources) as rows
      from (select chunk_id, sum(octet_length(chunk_data)) as size from ${sql.raw(toast)} group by chunk_id) v`));
    return counts;
  }

  /** Nothing but a served JSON out of line, and on Postgres (the JSON compressed in the row) nothing at all. */
  async function expectOnlyJsonOutOfLine() {
    const { values, notJson, rows } = await toasted();
    expect(rows).toBeGreaterThan(100);
    expect(notJson).toBe(0);
    if (hub.database.engine === 'postgres') expect(values).toBe(0);
    else expect(values).toBeGreaterThan(0);
  }

  it('keeps a claim\'s id, member, identifiers and dates in its row: at most the served JSON goes out of line (none on Postgres)', async () => {
    await expectOnlyJsonOutOfLine();
  });

  it('brings back into their rows the columns that an older database had moved out of line (migration 0017)', async () => {
    const migration = fs.readFileSync(path.join(process.cwd(), 'lib/db/migrations/0017_fhir_resource_columns_inline.sql'), 'utf8');
    if (hub.database.engine === 'postgres') {
      // As 0016 left them: the small columns EXTENDED, rewritten so the toaster moves them out.
      for (const column of ['resource_type', 'id', 'patient_id', 'eob_type', 'sensitivity', 'category', 'identifiers', 'item_service_dates']) {
        await hub.db.execute(sql.raw(`alter table fhir_resources alter column ${column} set storage extended`));
      }
      await hub.db.execute(sql`update fhir_resources set id = id || '', identifiers = identifiers::text::jsonb where resource_type = 'ExplanationOfBenefit'`);
      expect((await toasted()).notJson).toBeGreaterThan(50);
    }
    const values = async () => rowsOf(await hub.db.execute(sql`select resource_type, id, patient_id, identifiers::text, item_service_dates::text, md5(resource) from fhir_resources order by 1, 2`));
    const before = await values();
    for (const statement of migration.split('--> statement-breakpoint')) await hub.db.execute(sql.raw(statement));
    await expectOnlyJsonOutOfLine();
    expect(await values()).toEqual(before);
  });

  it('kills every token at once (TRUNCATE): the dead tokens stop on the next request', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    await warm('ExplanationOfBenefit?_count=2', tokens.access_token);
    await hub.db.execute(sql`truncate oidc_models`);
    expect((await get('ExplanationOfBenefit?_count=2', tokens.access_token)).status).toBe(401);
    expect((await get('ExplanationOfBenefit?_count=3', tokens.access_token)).status).toBe(401);
  });
});
