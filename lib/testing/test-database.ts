import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDb, setProcessDb } from '@/lib/db/client';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the Postgres server named by TEST_DATABASE_URL (dropped again by close()). It becomes the
 * process's database, so domain functions that call getDb() use it.
 */
export async function openTestDatabase() {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handlePromise = openDb({ databaseUrl: null, pgliteDir: 'memory://' });
    setProcessDb(handlePromise);
    const handle = await handlePromise;
    return { ...handle, close: handle.close };
  }
  const name = `hub_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handlePromise = openDb({ databaseUrl: url.toString() });
  setProcessDb(handlePromise);
  const handle = await handlePromise;
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * The rows of `db.execute(sql…)`, whichever engine ran it: drizzle gives PGlite's result object
 * (rows under `rows`) and postgres.js's array of rows as they are.
 */
export function rowsOf<Row = Record<string, unknown>>(result: unknown): Row[] {
  return (result as { rows?: Row[] }).rows ?? (result as Row[]);
}
