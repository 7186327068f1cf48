import 'server-only';
import { sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDbHandle } from '@/lib/db/client';
import { accessLog } from '@/lib/db/schema';
import type { FhirAccess } from './authorize-fhir-request';
import { runRawStatement } from './run-statement';

interface PendingRow {
  grantId: string;
  at: string;
  resourceType: string;
  interaction: 'read' | 'search';
  count: number;
  settle: (error?: Error) => void;
}

const MAX_BATCH = 200;
let pending: PendingRow[] = [];
let scheduled = false;
let inFlight = 0;

/**
 * One row per read or search: when, which kind of data, how many records, never the content.
 * The grant's "last read" is the newest of these rows.
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

// One constant statement whatever the batch size (prepared once per connection on Postgres, once
// per instance on PGlite).
const recordReads = (reads: string) =>
  runRawStatement(sql`insert into ${accessLog} (grant_id, at, resource_type, interaction, count)
    select r.grant_id, r.at, r.resource_type, r.interaction, r.count
      from json_to_recordset(${reads}::json) as r(grant_id text, at timestamptz, resource_type text, interaction text, count int)`);

async function writeRows(batch: PendingRow[]): Promise<void> {
  try {
    const reads = batch.map((r) => ({ grant_id: r.grantId, at: r.at, resource_type: r.resourceType, interaction: r.interaction, count: r.count }));
    await recordReads(JSON.stringify(reads));
    for (const row of batch) row.settle();
  } catch (error) {
    for (const row of batch) row.settle(error as Error);
  }
}
