import 'server-only';
import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { getDbHandle } from '@/lib/db/client';

interface PostgresJsQuery<T> extends Promise<T> {
  raw(): Promise<(Buffer | null)[][]>;
}
interface PostgresJsClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): PostgresJsQuery<Record<string, unknown>[]>;
}
interface PGliteClient {
  query<T>(query: string, params: unknown[], options?: { rowMode: 'array' }): Promise<{ rows: T[] }>;
}

async function driverOf(query: SQL) {
  const { db, engine } = await getDbHandle();
  const { dialect, $client } = db as unknown as { dialect: PgDialect; $client: unknown };
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { engine, text, params, client: $client };
}

/**
 * One statement of the FHIR read path, straight on the driver: the SQL is composed with drizzle
 * (its columns and parameters) but run without its result mapping, and on Postgres as a named
 * prepared statement, so the server parses and plans each shape of request once per connection.
 * Columns come back as the driver reads them: select dates as text and instants as epoch
 * milliseconds.
 */
export async function runStatement(query: SQL): Promise<Record<string, unknown>[]> {
  const { engine, text, params, client } = await driverOf(query);
  if (engine === 'postgres') return (await (client as PostgresJsClient).unsafe(text, params, { prepare: true })) as Record<string, unknown>[];
  return (await (client as PGliteClient).query<Record<string, unknown>>(text, params)).rows;
}

/**
 * The same, with every column as the bytes the server sent (select text columns only): on
 * Postgres each value is a view into the bytes read from the socket, never decoded into a string,
 * so served JSON goes from the database's answer to the HTTP answer without a copy per character.
 * PGlite hands back strings, encoded here.
 */
export async function runRawStatement(query: SQL): Promise<(Buffer | null)[][]> {
  const { engine, text, params, client } = await driverOf(query);
  if (engine === 'postgres') return (client as PostgresJsClient).unsafe(text, params, { prepare: true }).raw();
  const { rows } = await (client as PGliteClient).query<unknown[]>(text, params, { rowMode: 'array' });
  return rows.map((row) => row.map((value) => (value === null ? null : Buffer.from(String(value)))));
}
