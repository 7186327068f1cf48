import { spawnSync } from 'node:child_process';
import postgres from 'postgres';
import { readVitestCounts, type Counts } from './test-counts';

export const POSTGRES_ADMIN_URL = process.env.DATABASE_URL || process.env.POSTGRES_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresAvailable(): Promise<boolean> {
  const sql = postgres(POSTGRES_ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/**
 * Runs the database tests (`*.db.test.ts`) against Postgres. Each test file creates its own
 * fresh database on this server (see lib/testing/test-database.ts) and drops it afterwards.
 */
export async function runPostgresPass(outputFile: string): Promise<{ exitCode: number; counts: Counts }> {
  const result = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${outputFile}`, '.db.test.ts'],
    { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: POSTGRES_ADMIN_URL } },
  );
  return { exitCode: result.status ?? 1, counts: readVitestCounts(outputFile) };
}
