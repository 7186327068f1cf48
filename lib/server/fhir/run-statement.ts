import 'server-only';
import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { getDbHandle } from '@/lib/db/client';

interface PostgresJsClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<Record<string, unknown>[]>;
}
interface PGliteClient {
  query(query: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * One statement of the FHIR read path, straight on the driver: the SQL is composed with drizzle
 * (its columns and parameters) but run without its result mapping, and on Postgres as a named
 * prepared statement, so the server parses and plans each shape of request once per connection.
 * Columns come back as the driver reads them: select dates as text and instants as epoch
 * milliseconds.
 */
export async function runStatement(query: SQL): Promise<Record<string, unknown>[]> {
  const { db, engine } = await getDbHandle();
  const { dialect, $client } = db as unknown as { dialect: PgDialect; $client: unknown };
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (engine === 'postgres') return (await ($client as PostgresJsClient).unsafe(text, params, { prepare: true })) as Record<string, unknown>[];
  return (await ($client as PGliteClient).query(text, params)).rows;
}
