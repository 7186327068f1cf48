import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { auditChainHead, auditEvents } from '@/lib/db/schema';

/** The hash the first row of every chain follows. */
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
  /** `headHash`: SHA-256 over every chain's head hash in chain order, one value to write down. */
  | { ok: true; rows: number; chains: number; headHash: string }
  | { ok: false; rows: number; brokenAt: { chain: number | null; id: number | null; seq: number | null }; problem: AuditChainProblem };

const BATCH = 2_000;

/**
 * Walks every audit chain in order and recomputes every row's hash with the database's own
 * `audit_event_digest` (the one the sealing trigger used), so any edit, removal or insertion
 * since shows. Names the first broken row. Reads in batches: the trail may be long.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<AuditChainCheck> {
  const heads = await db.select().from(auditChainHead).orderBy(asc(auditChainHead.id));
  const tails = new Map<number, { seq: number; hash: string }>();
  let rows = 0;
  for (const head of heads) {
    let previousHash = AUDIT_CHAIN_GENESIS;
    let previousSeq = 0;
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
        .where(and(eq(auditEvents.chain, head.id), gt(auditEvents.seq, previousSeq)))
        .orderBy(asc(auditEvents.seq))
        .limit(BATCH);
      for (const row of batch) {
        const brokenAt = { chain: head.id, id: row.id, seq: row.seq };
        if (row.seq !== previousSeq + 1 || row.prevHash !== previousHash) return { ok: false, rows, brokenAt, problem: 'out-of-chain' };
        if (row.hash !== row.expected) return { ok: false, rows, brokenAt, problem: 'edited' };
        previousHash = row.hash!;
        previousSeq = row.seq;
        rows += 1;
      }
      if (batch.length < BATCH) break;
    }
    tails.set(head.id, { seq: previousSeq, hash: previousHash });
  }
  const [unsealed] = await db.select({ id: auditEvents.id, chain: auditEvents.chain }).from(auditEvents).where(isNull(auditEvents.seq)).orderBy(asc(auditEvents.id)).limit(1);
  if (unsealed) return { ok: false, rows, brokenAt: { chain: unsealed.chain, id: unsealed.id, seq: null }, problem: 'unsealed' };
  for (const head of heads) {
    const tail = tails.get(head.id)!;
    if (head.seq !== tail.seq || head.hash !== tail.hash) {
      return { ok: false, rows, brokenAt: { chain: head.id, id: null, seq: tail.seq + 1 }, problem: 'truncated' };
    }
  }
  // A row whose chain has no head (moved out of 0–31) is outside every walk: it is out of chain.
  const [stray] = await db
    .select({ id: auditEvents.id, chain: auditEvents.chain, seq: auditEvents.seq })
    .from(auditEvents)
    .where(sql`${auditEvents.chain} not in (select id from audit_chain_head)`)
    .orderBy(asc(auditEvents.id))
    .limit(1);
  if (stray) return { ok: false, rows, brokenAt: stray, problem: 'out-of-chain' };
  const headHash = createHash('sha256')
    .update(heads.map((h) => `${h.id}:${h.seq}:${h.hash}`).join('\n'))
    .digest('hex');
  return { ok: true, rows, chains: heads.length, headHash };
}

/** One line for a person: what was checked, or which row broke the chain and how. */
export function describeAuditChainCheck(check: AuditChainCheck): string {
  if (check.ok) return `Audit chain intact: ${check.rows} rows in ${check.chains} chains, heads digest ${check.headHash}.`;
  const { chain, id, seq } = check.brokenAt;
  const inChain = chain === null ? '' : ` in chain ${chain}`;
  const where = id === null ? `after row seq ${seq! - 1}${inChain}` : `at row id ${id}${seq === null ? '' : ` (seq ${seq}${inChain})`}`;
  const why: Record<AuditChainProblem, string> = {
    edited: 'its fields no longer match its hash (the row was edited)',
    'out-of-chain': 'it does not follow the row before it (a row was removed, inserted or moved)',
    unsealed: 'it was never sealed into the chain (written with the trigger turned off)',
    truncated: 'the chain head names rows that are gone (rows were removed from the end)',
  };
  return `Audit chain BROKEN ${where}: ${why[check.problem]}. ${check.rows} rows before it are intact.`;
}
