// `npm test`: every test. Unit and database tests (vitest, PGlite; then Postgres when one is
// reachable), then the end-to-end suite in Debian's Chromium. Prints one closing count line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './ensure-chromium';
import { checkServerLog } from './log-leaks';
import { postgresAvailable, runPostgresPass } from './postgres-pass';
import { readPlaywrightCounts, readVitestCounts, type Counts } from './test-counts';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

async function main() {
  fs.mkdirSync('test-results', { recursive: true });
  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (c: Counts) => {
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  };
  let failedSteps = 0;

  console.log('\n== Unit and database tests (PGlite) ==');
  const vitestJson = 'test-results/vitest.json';
  failedSteps += run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`], {
    ...process.env,
    TEST_DATABASE_URL: '',
  }) === 0 ? 0 : 1;
  add(readVitestCounts(vitestJson));

  if (process.env.POSTGRES_PASS === 'separate') {
    // .ci/run runs the Postgres pass itself right after `npm test` (and requires it there).
    console.log('\n(The Postgres pass runs next, as its own step: POSTGRES_PASS=separate.)');
  } else if (await postgresAvailable()) {
    console.log('\n== Database tests again on Postgres ==');
    const result = await runPostgresPass('test-results/vitest-postgres.json');
    failedSteps += result.exitCode === 0 ? 0 : 1;
    add(result.counts);
  } else {
    console.log('\n(No Postgres reachable: the Postgres pass is skipped here; .ci/run requires it.)');
  }

  console.log('\n== End-to-end tests (Playwright, Debian Chromium) ==');
  ensureChromium();
  failedSteps += run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test']) === 0 ? 0 : 1;
  add(readPlaywrightCounts('test-results/playwright.json'));

  console.log('\n== The end-to-end server log: no demo member identifiers, no one-time codes ==');
  const logCheck = checkServerLog(process.env.E2E_SERVER_LOG ?? 'test-results/server.log', path.join(process.env.E2E_DATA_DIR ?? 'test-results/e2e-data', 'outbox'));
  if (!logCheck) {
    console.log('No server log was written: failed.');
    failedSteps++;
    add({ passed: 0, failed: 1, skipped: 0 });
  } else if (logCheck.leaks.length > 0) {
    for (const leak of logCheck.leaks.slice(0, 50)) console.log(`  line ${leak.line}: ${leak.label}`);
    console.log(`${logCheck.leaks.length} leaks of ${logCheck.checked} identifiers and codes: failed.`);
    failedSteps++;
    add({ passed: 0, failed: 1, skipped: 0 });
  } else {
    console.log(`None of ${logCheck.checked} identifiers and codes appears in the log.`);
    add({ passed: 1, failed: 0, skipped: 0 });
  }

  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failedSteps > 0 || totals.failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
