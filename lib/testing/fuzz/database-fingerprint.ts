import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

// The demo's claims and other FHIR resources: many rows, written only by the loader. Counted, not hashed.
const LARGE_TABLES = ['fhir_resources'];

/**
 * Every table's row count and content hash (the large resource table's count only): two equal
 * fingerprints mean the database did not change in between (a refused input must leave it as it was).
 */
export async function databaseFingerprint(db: Db, { except = [] as string[] } = {}): Promise<Record<string, string>> {
  const tables = (await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)) as unknown;
  const names = rowsOf<{ table_name: string }>(tables).map((r) => r.table_name).filter((t) => !except.includes(t));
  const parts = names.map((t) =>
    LARGE_TABLES.includes(t)
      ? `select '${t}' as t, count(*)::text as f from "${t}" x`
      : `select '${t}' as t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as f from "${t}" x`,
  );
  const result = await db.execute(sql.raw(parts.join(' union all ')));
  return Object.fromEntries(rowsOf<{ t: string; f: string }>(result).map((r) => [r.t, r.f]));
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]);
}
