// Benchmark child process: the authorization server and FHIR API over a demo database with extra
// members (100 and 10,000 claims; BENCH_MEMBERS members of 100 claims, two full pages, for the distinct-requests
// workload; BENCH_CHURN members whose tokens are issued, refreshed and revoked in the background),
// each with an access token. Prints one JSON line, then takes commands on stdin:
//   churn <loops>        start background token churn (issue, refresh, revoke) on the churn members
//   stop                 stop it; prints {"ops": n, "seconds": s}
//   writes <loops> <s>   the churn alone, <loops> at once for <s> seconds; prints {"ops": n, "seconds": s}
//   read-path-triggers, drop-read-path-triggers, restore-read-path-triggers
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import * as oidc from 'openid-client';
import { sql } from 'drizzle-orm';
import { openDb, setProcessDb } from '@/lib/db/client';
import { members, enrollmentSpans } from '@/lib/db/schema';
import { insertFhirRecords, loadDemoData } from '@/lib/server/demo/load-demo-data';
import { generateMemberRecords } from '@/lib/server/fhir/synthetic';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { setLogSink } from '@/lib/server/log/logger';
import { startTestHub } from '@/lib/testing/test-hub';
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
  process.once('SIGTERM', () => process.exit(0));
  const handle = openDb({ databaseUrl: null, pgliteDir: path.join(dir, 'pglite') });
  setProcessDb(handle);
  const database = await handle;
  await loadDemoData(database.db);
  return database;
}

async function main() {
  // Each line is still built and redacted, as in the server, but not written: stdout carries the
  // one JSON answer bench/run.ts reads, and a line per request would flood it.
  setLogSink(() => {});
  const hub = await startTestHub({ database: await openBenchDatabase() });
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

  // Token churn for other members: a whole launch (authorize, approve, code exchange), a refresh,
  // and a revocation at the revocation endpoint (which ends the consent grant).
  let running = false;
  let ops = 0;
  async function churnLoop(memberId: string) {
    while (running) {
      try {
        const { config, tokens: issued } = await hub.launch({ memberId, duration: '90d' });
        ops++;
        const refreshed = await oidc.refreshTokenGrant(config, issued.refresh_token!);
        ops++;
        await oidc.tokenRevocation(config, refreshed.access_token, { token_type_hint: 'access_token' });
        ops++;
      } catch (error) {
        console.error(`churn: ${(error as Error).message}`);
      }
    }
  }
  let loops: Promise<void>[] = [];
  let started = 0;
  const start = (n: number) => {
    running = true;
    ops = 0;
    started = performance.now();
    loops = Array.from({ length: n }, (_, i) => churnLoop(churnMembers[i % churnMembers.length]));
  };
  const stop = async () => {
    running = false;
    await Promise.all(loops);
    return { ops, seconds: (performance.now() - started) / 1000 };
  };
  interface TriggerRow {
    definition: string;
    tab: string;
    tgname: string;
  }
  let dropped: TriggerRow[] = [];
  const say = (value: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ bench: true, ...value })}\n`);

  say({ fhirBase: hub.fhirBase, tokens, distinct, patients: Object.fromEntries(bench.slice(0, 2).map((b) => [b.claims, patientIdFor(b.memberId)])) });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const [command, a, b] = line.trim().split(/\s+/);
    if (command === 'churn') start(Number(a));
    else if (command === 'stop') say(await stop());
    else if (command === 'writes') {
      start(Number(a));
      await new Promise((resolve) => setTimeout(resolve, Number(b) * 1000));
      say(await stop());
    } else if (command === 'read-path-triggers') {
      // Triggers on the tables these writes touch that exist for the read path's sake (none since
      // issue 10; the audit chain's own are not the read path's).
      const rows = await hub.db.execute(sql`select tgname from pg_trigger where not tgisinternal and tgname not like 'audit_%'
        and tgrelid in ('oidc_models'::regclass, 'consent_grants'::regclass, 'apps'::regclass, 'members'::regclass, 'enrollment_spans'::regclass, 'authorities'::regclass, 'fhir_resources'::regclass, 'access_log'::regclass)`);
      const list = ((rows as unknown as { rows?: { tgname: string }[] }).rows ?? (rows as unknown as { tgname: string }[])).map((r) => r.tgname);
      say({ triggers: list });
    } else if (command === 'drop-read-path-triggers') {
      // Kept, to be created again by restore-read-path-triggers (the bench alternates both sides).
      const rows = await hub.db.execute(sql`select pg_get_triggerdef(oid) as definition, tgrelid::regclass::text as tab, tgname from pg_trigger where not tgisinternal and tgname not like 'audit_%'
        and tgrelid in ('oidc_models'::regclass, 'consent_grants'::regclass, 'apps'::regclass, 'members'::regclass, 'enrollment_spans'::regclass, 'authorities'::regclass, 'fhir_resources'::regclass, 'access_log'::regclass)`);
      dropped = ((rows as unknown as { rows?: TriggerRow[] }).rows ?? (rows as unknown as TriggerRow[]));
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
