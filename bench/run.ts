// `npm run bench`: FHIR search throughput and latency, beside a bare Node server sending the same
// bytes (repeated, and with Cache-Control: no-cache so every answer is read from the database),
// and the latency of a 100-claim member beside a 10,000-claim member; then the page benchmark
// (`--fhir-only` skips it). Loopback only, bounded in time. Not part of `npm test`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { runLoad, type LoadResult } from './load';
import { runPageBench } from './pages/run-page-bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const children: ChildProcess[] = [];

function startChild(script: string, args: string[] = []): Promise<Record<string, any>> {
  const child = spawn(process.execPath, ['--import', './lib/runtime/register.mjs', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TEST_DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

const fmt = (r: LoadResult) => `${r.throughput.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   (${r.requests} ok, ${r.errors} errors)`;

async function main() {
  console.log(`Starting the FHIR server with a 100-claim and a 10,000-claim member (${process.env.BENCH_DATABASE_URL ? 'Postgres' : 'PGlite'})…`);
  const hub = await startChild('bench/fhir-server.ts');
  const query = (claims: string) => `${hub.fhirBase}/ExplanationOfBenefit?patient=${hub.patients[claims]}&_count=50`;
  const auth = (claims: string) => ({ authorization: `Bearer ${hub.tokens[claims]}` });

  const sample = await fetch(query('100'), { headers: auth('100') });
  if (sample.status !== 200) throw new Error(`The FHIR API answered ${sample.status}`);
  const bytes = Buffer.from(await sample.arrayBuffer());
  const bodyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'eob-bundle.json');
  fs.writeFileSync(bodyFile, bytes);
  const bare = await startChild('bench/bare-server.ts', [bodyFile]);

  const fresh = (claims: string) => ({ ...auth(claims), 'cache-control': 'no-cache' });

  console.log(`\nEOB search, _count=50, ${bytes.length} bytes per answer, ${CONCURRENCY} connections, ${SECONDS} s each\n`);
  await runLoad(query('100'), auth('100'), { concurrency: CONCURRENCY, seconds: 2 }); // warm-up
  const api = await runLoad(query('100'), auth('100'), { concurrency: CONCURRENCY, seconds: SECONDS });
  const cold = await runLoad(query('100'), fresh('100'), { concurrency: CONCURRENCY, seconds: SECONDS });
  const ceiling = await runLoad(bare.url, {}, { concurrency: CONCURRENCY, seconds: SECONDS });
  console.log(`  FHIR API                 ${fmt(api)}`);
  console.log(`  FHIR API, no-cache       ${fmt(cold)}`);
  console.log(`  bare Node server         ${fmt(ceiling)}`);
  const ratio = api.throughput / ceiling.throughput;
  console.log(`  throughput ratio         ${ratio.toFixed(2)} (target >= 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
  console.log(`  no-cache ratio           ${(cold.throughput / ceiling.throughput).toFixed(2)} (every answer read from the database; no target)`);

  console.log(`\nOne request at a time: p50 latency by member size, every answer read from the database (no-cache)\n`);
  const small = await runLoad(query('100'), fresh('100'), { concurrency: 1, seconds: SECONDS / 2 });
  const large = await runLoad(query('10000'), fresh('10000'), { concurrency: 1, seconds: SECONDS / 2 });
  console.log(`  100 claims               ${fmt(small)}`);
  console.log(`  10,000 claims            ${fmt(large)}`);
  const growth = large.p50 / small.p50;
  console.log(`  p50 ratio                ${growth.toFixed(2)} (target <= 1.30: ${growth <= 1.3 ? 'met' : 'NOT met'})`);
  const repeat = await runLoad(query('10000'), auth('10000'), { concurrency: 1, seconds: SECONDS / 2 });
  console.log(`  10,000 claims, repeated  ${fmt(repeat)} (the same page again, epoch unchanged)`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => children.forEach((c) => c.kill()))
  // Page quality (Lighthouse and first-load JavaScript): prints its own table, never fails the run.
  .then(() => (process.argv.includes('--fhir-only') ? undefined : runPageBench()))
  .then(() => process.exit());
