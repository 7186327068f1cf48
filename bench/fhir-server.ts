// Benchmark child process: the authorization server and FHIR API over a demo database with extra
// members (100 and 10,000 claims; BENCH_MEMBERS members of 100 claims, two full pages, for the distinct-requests
// workload; BENCH_CHURN members whose apps issue, refresh and revoke tokens in the background from
// bench/churn-client.ts), each with an access token, and the consent page's part of an approval at
// a loopback URL (POST {uid, memberId}: the member is signed in and says yes, as the page's form
// does). Prints one JSON line, then takes commands on stdin:
//   read-path-triggers, drop-read-path-triggers, restore-read-path-triggers
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { openDb, setProcessDb } from '@/lib/db/client';
import { members, enrollmentSpans } from '@/lib/db/schema';
import { insertFhirRecords, loadDemoData } from '@/lib/server/demo/load-demo-data';
import { generateMemberRecords } from '@/lib/server/fhir/synthetic';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { setLogSink } from '@/lib/server/log/logger';
import { rowsOf } from '@/lib/testing/test-database';
import { CookieJar, startTestHub, type TestHub } from '@/lib/testing/test-hub';
import membersFixture from '@/lib/demo/fixtures/members.json';

const DISTINCT = Number(process.env.BENCH_MEMBERS ?? 200);
const CHURN = Number(process.env.BENCH_CHURN ?? 16);

/**
 * PGlite as `npm start` runs it, in a data directory on disk (the tests' in-memory PGlite grows a
 * file by copying it whole, which costs more than the reads measured here); on Postgres, a fresh
 * database on TEST_DATABASE_URL's server (startTestHub makes it).
 */
async function openBenchDatabase() {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pglite-'));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  const handle = openDb({ databaseUrl: null, pgliteDir: path.join(dir, 'pglite') });
  setProcessDb(handle);
  const database = await handle;
  await loadDemoData(database.db);
  return database;
}

async function main() {
  // bench/run.ts ends this process with SIGTERM: close the hub, which on Postgres drops the
  // database startTestHub made (each run left one behind), then exit normally, so that the PGlite
  // directory is removed and a CPU profile (BENCH_CPU_PROF) is written; within two seconds.
  const started: { hub?: TestHub } = {};
  process.once('SIGTERM', () => {
    const exit = () => process.exit(0);
    setTimeout(exit, 2000).unref();
    void (started.hub?.close() ?? Promise.resolve()).catch(() => {}).finally(exit);
  });
  // Each line is still built and redacted, as in the server, but not written: stdout carries the
  // one JSON answer bench/run.ts reads, and a line per request would flood it.
  setLogSink(() => {});
  const hub = (started.hub = await startTestHub({ database: await openBenchDatabase() }));
  const today = new Date().toISOString().slice(0, 10);
  const bench = [
    { memberId: '900000000100', claims: 100 },
    { memberId: '900000010000', claims: 10_000 },
    ...Array.from({ length: DISTINCT }, (_, i) => ({ memberId: `91${String(i).padStart(10, '0')}`, claims: 100 })),
    ...Array.from({ length: CHURN }, (_, i) => ({ memberId: `92${String(i).padStart(10, '0')}`, claims: 5 })),
  ];
  for (const b of bench) {
    const patientId = patientIdFor(b.memberId);
    const person = { given: 'Bench', family: `Member${b.memberId}`, birthDate: '1980-01-01', sex: 'female' as const };
    const address = { line: '1 Test St', city: 'Boston', state: 'MA', zip: '02110' };
    await hub.db.insert(members).values({ memberId: b.memberId, patientId, ...person, addressLine: address.line, city: address.city, state: address.state, zip: address.zip, email: `bench${b.memberId}@members.example` });
    await hub.db.insert(enrollmentSpans).values({ memberId: b.memberId, start: '2016-01-01', end: null, planCode: 'FFS' });
    const records = generateMemberRecords({
      memberId: b.memberId, patientId, ...person, address, phone: '617-555-0000', email: `bench${b.memberId}@members.example`, deceasedDate: null,
      spans: [{ start: '2016-01-01', end: null, plan: 'FFS' }], plans: membersFixture.plans, today, claimCount: b.claims,
    });
    await insertFhirRecords(hub.db, records);
  }

  const tokens: Record<string, string> = {};
  for (const b of bench.slice(0, 2)) {
    const { tokens: issued } = await hub.launch({ memberId: b.memberId, duration: '1y', scope: 'launch/patient openid patient/*.rs' });
    tokens[String(b.claims)] = issued.access_token;
  }
  const distinct: string[] = [];
  for (const b of bench.slice(2, 2 + DISTINCT)) {
    const { tokens: issued } = await hub.launch({ memberId: b.memberId, duration: '1y', scope: 'launch/patient openid patient/*.rs' });
    distinct.push(issued.access_token);
  }
  const churnMembers = bench.slice(2 + DISTINCT).map((b) => b.memberId);
  // A payer's database has long since been vacuumed and analyzed, and its checkpoint is behind it;
  // one loaded a moment ago has not (as pgbench vacuums before it measures): otherwise autovacuum
  // and the checkpoint of some 30,000 new claims run during the measured turns.
  await hub.db.execute(sql`vacuum (analyze)`);
  await hub.db.execute(sql`checkpoint`);

  // The consent page's part of each background approval: what the member's browser would post.
  const approvals = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      try {
        const { uid, memberId } = JSON.parse(body) as { uid: string; memberId: string };
        const browser = new CookieJar();
        const { returnTo } = await hub.approve({ uid, memberId, duration: '90d', browser });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cookies: browser.entries(), returnTo }));
      } catch (error) {
        console.error(`approval: ${(error as Error).message}`);
        res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((resolve) => approvals.listen(0, '127.0.0.1', resolve));
  const approveUrl = `http://127.0.0.1:${(approvals.address() as AddressInfo).port}/approve`;

  interface TriggerRow {
    definition: string;
    tab: string;
    tgname: string;
  }
  let dropped: TriggerRow[] = [];
  const say = (value: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ bench: true, ...value })}\n`);

  // On Postgres, the database's URL, for the floor server (bench/floor-server.ts).
  let databaseUrl: string | null = null;
  if (process.env.TEST_DATABASE_URL) {
    const [{ name }] = rowsOf<{ name: string }>(await hub.db.execute(sql`select current_database() as name`));
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  say({ fhirBase: hub.fhirBase, publicUrl: hub.url, approveUrl, databaseUrl, churnMembers, tokens, distinct, patients: Object.fromEntries(bench.slice(0, 2).map((b) => [b.claims, patientIdFor(b.memberId)])) });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const [command] = line.trim().split(/\s+/);
    if (command === 'read-path-triggers') {
      // Triggers on the tables these writes touch that exist for the read path's sake (none since
      // issue 10; the audit chain's own are not the read path's).
      const rows = await hub.db.execute(sql`select tgname from pg_trigger where not tgisinternal and tgname not like 'audit_%'
        and tgrelid in ('oidc_models'::regclass, 'consent_grants'::regclass, 'apps'::regclass, 'members'::regclass, 'enrollment_spans'::regclass, 'authorities'::regclass, 'fhir_resources'::regclass, 'access_log'::regclass)`);
      const list = rowsOf<{ tgname: string }>(rows).map((r) => r.tgname);
      say({ triggers: list });
    } else if (command === 'drop-read-path-triggers') {
      // Kept, to be created again by restore-read-path-triggers (the bench alternates both sides).
      const rows = await hub.db.execute(sql`select pg_get_triggerdef(oid) as definition, tgrelid::regclass::text as tab, tgname from pg_trigger where not tgisinternal and tgname not like 'audit_%'
        and tgrelid in ('oidc_models'::regclass, 'consent_grants'::regclass, 'apps'::regclass, 'members'::regclass, 'enrollment_spans'::regclass, 'authorities'::regclass, 'fhir_resources'::regclass, 'access_log'::regclass)`);
      dropped = rowsOf<TriggerRow>(rows);
      for (const t of dropped) await hub.db.execute(sql.raw(`drop trigger "${t.tgname}" on ${t.tab}`));
      say({ dropped: dropped.length });
    } else if (command === 'restore-read-path-triggers') {
      for (const t of dropped) await hub.db.execute(sql.raw(t.definition));
      say({ restored: dropped.length });
      dropped = [];
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
