import 'server-only';
import { asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { auditChainHead, auditEvents } from '@/lib/db/schema';

/** The hash the first row of the chain follows. */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

export type AuditChainProblem =
  /** The row's fields no longer give its hash: it was edited. */
  | 'edited'
  /** The row does not follow the one before it: a row was removed, inserted or reordered. */
  | 'out-of-chain'
  /** The row was never sealed: written with the chain's trigger turned off. */
  | 'unsealed'
  /** The chain's head names a later row than the last one there: rows were removed from the end. */
  | 'truncated';

export type AuditChainCheck =
  | { ok: true; rows: number; headHash: string }
  | { ok: false; rows: number; brokenAt: { id: number | null; seq: number | null }; problem: AuditChainProblem };

const BATCH = 2_000;

/**
 * Walks the audit trail in chain order and recomputes every row's hash with the database's own
 * `audit_event_digest` (the one the sealing trigger used), so any edit, removal or insertion
 * since shows. Names the first broken row. Reads in batches: the trail may be long.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<AuditChainCheck> {
  let previousHash = AUDIT_CHAIN_GENESIS;
  let previousSeq = 0;
  let rows = 0;
  for (;;) {
    const batch = await db
      .select({
        id: auditEvents.id,
        seq: auditEvents.seq,
        prevHash: auditEvents.prevHash,
        hash: auditEvents.hash,
        expected: sql<string>`audit_event_digest(${auditEvents})`,
      })
      .from(auditEvents)
      .where(gt(auditEvents.seq, previousSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    for (const row of batch) {
      const brokenAt = { id: row.id, seq: row.seq };
      if (row.seq !== previousSeq + 1 || row.prevHash !== previousHash) return { ok: false, rows, brokenAt, problem: 'out-of-chain' };
      if (row.hash !== row.expected) return { ok: false, rows, brokenAt, problem: 'edited' };
      previousHash = row.hash;
      previousSeq = row.seq;
      rows += 1;
    }
    if (batch.length < BATCH) break;
  }
  const [unsealed] = await db.select({ id: auditEvents.id }).from(auditEvents).where(isNull(auditEvents.seq)).orderBy(asc(auditEvents.id)).limit(1);
  if (unsealed) return { ok: false, rows, brokenAt: { id: unsealed.id, seq: null }, problem: 'unsealed' };
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (!head || head.seq !== previousSeq || head.hash !== previousHash) {
    return { ok: false, rows, brokenAt: { id: null, seq: previousSeq + 1 }, problem: 'truncated' };
  }
  return { ok: true, rows, headHash: previousHash };
}

/** One line for a person: what was checked, or which row broke the chain and how. */
export function describeAuditChainCheck(check: AuditChainCheck): string {
  if (check.ok) return `Audit chain intact: ${check.rows} rows, head ${check.headHash}.`;
  const where = check.brokenAt.id === null ? `after row seq ${check.brokenAt.seq! - 1}` : `at row id ${check.brokenAt.id}${check.brokenAt.seq === null ? '' : ` (seq ${check.brokenAt.seq})`}`;
  const why: Record<AuditChainProblem, string> = {
    edited: 'its fields no longer match its hash (the row was edited)',
    'out-of-chain': 'it does not follow the row before it (a row was removed, inserted or moved)',
    unsealed: 'it was never sealed into the chain (written with the trigger turned off)',
    truncated: 'the chain head names rows that are gone (rows were removed from the end)',
  };
  return `Audit chain BROKEN ${where}: ${why[check.problem]}. ${check.rows} rows before it are intact.`;
}
