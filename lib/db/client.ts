import 'server-only';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { appConfig } from '@/lib/server/config/app-config';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

interface DbHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

function migrationsFolder(): string {
  // Inside the Next.js bundle import.meta.url points into .next; the migrations stay in the source tree.
  return process.env.MIGRATIONS_DIR ?? (MIGRATIONS_FOLDER.includes('.next') ? path.resolve('lib/db/migrations') : MIGRATIONS_FOLDER);
}

export interface OpenDbOptions {
  databaseUrl?: string | null;
  /** PGlite directory; `memory://` for an in-memory database (tests). */
  pgliteDir?: string;
  migrate?: boolean;
}

export async function openDb(options: OpenDbOptions = {}): Promise<DbHandle> {
  const config = appConfig();
  const databaseUrl = options.databaseUrl === undefined ? config.databaseUrl : options.databaseUrl;
  const migrate = options.migrate ?? true;
  if (databaseUrl) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(databaseUrl, {
      max: config.databasePoolSize,
      onnotice: () => {},
      // After an outage, reconnect within a second of Postgres being back (the default back-off
      // grows to 20 s); and give up on a connection attempt before a member gives up on the page.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      connect_timeout: 10,
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    if (migrate) {
      const { migrate: runMigrations } = await import('drizzle-orm/postgres-js/migrator');
      // Two instances starting together must not both migrate: a session lock on one reserved
      // connection serializes them while the migrator uses the pool.
      const lock = await client.reserve();
      try {
        await lock`select pg_advisory_lock(728301)`;
        await runMigrations(db as Parameters<typeof runMigrations>[0], { migrationsFolder: migrationsFolder() });
      } finally {
        await lock`select pg_advisory_unlock(728301)`.catch(() => {});
        lock.release();
      }
    }
    // postgres.js asks each new connection for the array types first, in a query nobody awaits: a
    // connection made while Postgres restarts rejects it unhandled, which would end the process.
    // The types are the same for every connection: learn them once, then connect without asking.
    await client`select 1`;
    (client.options as { fetch_types: boolean }).fetch_types = false;
    return { db, engine: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  const dir = options.pgliteDir ?? path.join(config.dataDir, 'pglite');
  const release = dir.startsWith('memory://') ? () => {} : lockDataDir(path.dirname(dir));
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite(dir);
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  if (migrate) {
    const { migrate: runMigrations } = await import('drizzle-orm/pglite/migrator');
    await runMigrations(drizzle(client, { schema }), { migrationsFolder: migrationsFolder() });
  }
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await client.close();
      release();
    },
  };
}

// One database handle per process, shared by server.ts and the Next.js bundle through globalThis
// (the bundle has its own copy of this module).
const globalKey = Symbol.for('consent-hub.db');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<DbHandle> };

export function setProcessDb(handle: Promise<DbHandle>): void {
  (globalThis as GlobalWithDb)[globalKey] = handle;
}

export async function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  g[globalKey] ??= openDb();
  return g[globalKey];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
