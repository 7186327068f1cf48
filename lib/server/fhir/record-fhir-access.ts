import 'server-only';
import { sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { executedRows, getDb, getDbHandle } from '@/lib/db/client';
import type { FhirAccess } from './authorize-fhir-request';

/** The facts a request reused are out of date: answer it again from the database. */
export class StaleFhirRead extends Error {}

interface PendingRow {
  grantId: string;
  at: string;
  resourceType: string;
  interaction: 'read' | 'search';
  count: number;
  /** The epoch the request's facts were read at when they were reused; null when just read. */
  epoch: string | null;
  settle: (error?: Error) => void;
}

const MAX_BATCH = 200;
let pending: PendingRow[] = [];
let scheduled = false;
let inFlight = 0;

/**
 * One row per read or search: when, which kind of data, how many records, never the content.
 * The grant's "last read" is the newest of these rows. When the request reused cached facts, the
 * row is written only if the FHIR epoch is still the one they were read at, in the same
 * statement: a read is never logged, or served, on facts a committed change has overtaken.
 *
 * The promise settles once the row is committed, so nothing is served unlogged. Rows of requests
 * that arrive together are committed together (group commit): one statement for many reads.
 */
export function recordFhirAccess(access: FhirAccess, resourceType: string, interaction: 'read' | 'search', count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    pending.push({
      grantId: access.grantId,
      at: appClock().now().toISOString(),
      resourceType,
      interaction,
      count,
      epoch: access.reused ? access.epoch : null,
      settle: (error) => (error ? reject(error) : resolve()),
    });
    void scheduleFlush();
  });
}

async function scheduleFlush(): Promise<void> {
  if (scheduled || pending.length === 0) return;
  // Postgres commits several batches at once (each waits on its own WAL flush); PGlite runs one
  // statement at a time, so a second batch in flight would only split the rows into smaller ones.
  const { engine } = await getDbHandle();
  if (inFlight >= (engine === 'postgres' ? 4 : 1) || scheduled) return;
  scheduled = true;
  // After the I/O callbacks of this turn, so requests that arrived together share a statement.
  setImmediate(() => {
    scheduled = false;
    const batch = pending.slice(0, MAX_BATCH);
    pending = pending.slice(MAX_BATCH);
    if (batch.length === 0) return;
    inFlight++;
    void writeRows(batch).finally(() => {
      inFlight--;
      void scheduleFlush();
    });
    void scheduleFlush();
  });
}

async function writeRows(batch: PendingRow[]): Promise<void> {
  try {
    const db = await getDb();
    const values = sql.join(
      batch.map((r) => sql`(${r.grantId}, ${r.at}::timestamptz, ${r.resourceType}, ${r.interaction}, ${r.count}::int, ${r.epoch}::bigint)`),
      sql`, `,
    );
    // One statement, so one snapshot: a row goes in exactly when its epoch is current, and the
    // epoch comes back with every row written (no row back means every row's epoch was stale).
    const result = await db.execute(sql`
      insert into access_log (grant_id, at, resource_type, interaction, count)
      select grant_id, at, resource_type, interaction, count
      from (values ${values}) as r(grant_id, at, resource_type, interaction, count, epoch)
      where r.epoch is null or r.epoch = (select value from fhir_epoch where id = 1)
      returning (select value::text from fhir_epoch where id = 1) as epoch`);
    const current = executedRows<{ epoch: string }>(result)[0]?.epoch;
    for (const row of batch) row.settle(row.epoch === null || row.epoch === current ? undefined : new StaleFhirRead());
  } catch (error) {
    for (const row of batch) row.settle(error as Error);
  }
}
