import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

/**
 * The tables (other than the static FHIR store, whose claim numbers could hold any six digits by
 * chance) where `text` appears as a whole number or word in some row: "the code is nowhere in the DB".
 */
export async function findTextInDatabase(db: Db, text: string): Promise<string[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
  )
    .map((t) => t.name)
    .filter((name) => name !== 'fhir_resources');
  const pattern = new RegExp(`(^|[^0-9A-Za-z])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^0-9A-Za-z])`);
  const found: string[] = [];
  for (const name of tables) {
    const rows = rowsOf<{ row: string }>(await db.execute(sql`select row_to_json(t)::text as row from ${sql.identifier(name)} t`));
    if (rows.some((r) => pattern.test(r.row))) found.push(name);
  }
  return found;
}

// PGlite answers { rows }, postgres-js an array of rows.
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
