// The Postgres pass on its own (.ci/run calls it after `npm test`): fails when no Postgres answers.
import { postgresAvailable, POSTGRES_ADMIN_URL, runPostgresPass } from './postgres-pass';

async function main() {
  if (!(await postgresAvailable())) {
    console.error(`No Postgres answers at ${POSTGRES_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}; start it or set DATABASE_URL.`);
    process.exit(1);
  }
  const { exitCode, counts } = await runPostgresPass('test-results/vitest-postgres-ci.json');
  console.log(`\npostgres: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(exitCode);
}

void main();
