import 'server-only';
import { sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb, getDbHandle, preparedPerDb } from '@/lib/db/client';
import type { FhirAccess } from './authorize-fhir-request';

/** The facts a request reused are out of date: answer it again from the database. */
export class StaleFhirRead extends Error {}

interface PendingRow {
  grantId: string;
  at: string;
  resourceType: string;
  interaction: 'read' | 'search';
  count: number;
  /** The request reused cached facts: the row (and the read) stand only if `epoch` is still current. */
  verify: boolean;
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
 * statement (record_fhir_reads, migration 0003): a read is never logged, or served, on facts a
 * committed change has overtaken.
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
      verify: access.reused,
      epoch: access.epoch,
      settle: (error) => (error ? reject(error) : resolve()),
    });
    scheduleFlush().catch(failPending);
  });
}

/** The database could not even be reached: every waiting read is answered with an error. */
function failPending(error: Error): void {
  const failed = pending;
  pending = [];
  for (const row of failed) row.settle(error);
}

async function scheduleFlush(): Promise<void> {
  if (scheduled || pending.length === 0) return;
  // Postgres may commit a second batch while one waits on its WAL flush; PGlite runs one
  // statement at a time, so a second batch in flight would only split the rows into smaller ones.
  const { engine } = await getDbHandle();
  if (inFlight >= (engine === 'postgres' ? 2 : 1) || scheduled) return;
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
      scheduleFlush().catch(failPending);
    });
    scheduleFlush().catch(failPending);
  });
}

// One constant statement whatever the batch size, prepared once per database handle.
const recordReads = preparedPerDb((db) =>
  db
    .select({ epoch: sql<string | null>`record_fhir_reads(${sql.placeholder('reads')}::json)` })
    .from(sql`(select 1) as one`)
    .prepare('record_fhir_reads'),
);

async function writeRows(batch: PendingRow[]): Promise<void> {
  try {
    const reads = batch.map((r) => ({ grant_id: r.grantId, at: r.at, resource_type: r.resourceType, interaction: r.interaction, count: r.count, verify: r.verify, epoch: r.epoch }));
    const [{ epoch: current }] = await recordReads(await getDb()).execute({ reads: JSON.stringify(reads) });
    // A reused read stands only if the epoch it was decided on is the one the database holds.
    for (const row of batch) row.settle(!row.verify || (current !== null && row.epoch === current) ? undefined : new StaleFhirRead());
  } catch (error) {
    for (const row of batch) row.settle(error as Error);
  }
}
