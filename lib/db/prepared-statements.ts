import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Db } from './client';

/**
 * Statements that drizzle writes once per database instead of on every call (`.prepare()` with
 * `sql.placeholder` for what varies), for the few a busy path runs many times: writing a statement
 * walks every column, table and parameter in it, and on the OAuth path that cost the server more
 * time than anything else it did. On Postgres each is also a prepared statement of each
 * connection, so the database neither parses nor plans it again. Returns the statements of the
 * process's current database (tests open one per file).
 */
export function preparedStatements<T>(prepare: (db: Db) => T): () => Promise<T> {
  const byDatabase = new WeakMap<Db, T>();
  return async () => {
    const db = await getDb();
    let prepared = byDatabase.get(db);
    if (!prepared) byDatabase.set(db, (prepared = prepare(db)));
    return prepared;
  };
}

/**
 * A placeholder for an instant, passed as its ISO text: drizzle's own encoder for a timestamp
 * placeholder calls `toISOString()` on the value, which a null does not have.
 */
export const instantPlaceholder = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;
