import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AUDIT_CHAINS, auditChainHead, auditEvents } from '@/lib/db/schema';
import { openTestDatabase } from '@/lib/testing/test-database';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { recordAuditEvent } from './record-audit-event';
import { AUDIT_CHAIN_GENESIS, describeAuditChainCheck, verifyAuditChain } from './verify-audit-chain';

const database = setUpTestDatabase({ demoData: false });

const event = (n: number) => ({ actor: { kind: 'staff' as const, id: 'casey.csr' }, action: 'staff.member-viewed', memberId: `1000000000${String(n).padStart(2, '0')}`, details: { n } });

/** Edits the trail the way someone with the owner's rights could: with the guard trigger off. */
async function tamper(statement: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  });
}

describe('the audit trail', () => {
  it('chains rows from concurrent writers without a fork: every row follows exactly one other in its chain', async () => {
    // Each writer holds its transaction open across a pause, so on Postgres they overlap for real.
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await recordAuditEvent(tx, event(i));
          await tx.execute(sql`select pg_sleep(0.01)`);
          await recordAuditEvent(tx, event(i + 50));
        }),
      ),
    );
    const rows = await database.db
      .select({ chain: auditEvents.chain, seq: auditEvents.seq, prevHash: auditEvents.prevHash, hash: auditEvents.hash, details: auditEvents.details })
      .from(auditEvents)
      .orderBy(auditEvents.chain, auditEvents.seq);
    expect(rows).toHaveLength(48);
    // A transaction's rows share one chain (so it locks one head); members spread over many chains.
    const chainOf = new Map(rows.map((r) => [(r.details as { n: number }).n, r.chain]));
    for (let i = 0; i < 24; i += 1) expect(chainOf.get(i + 50)).toBe(chainOf.get(i));
    const chains = [...new Set(rows.map((r) => r.chain))];
    expect(chains.length).toBeGreaterThan(4);
    expect(new Set(rows.map((r) => `${r.chain}:${r.prevHash}`)).size).toBe(48);
    const heads = await database.db.select().from(auditChainHead);
    expect(heads).toHaveLength(AUDIT_CHAINS);
    for (const chain of chains) {
      const inChain = rows.filter((r) => r.chain === chain);
      expect(inChain.map((r) => r.seq)).toEqual(Array.from({ length: inChain.length }, (_, i) => i + 1));
      expect(inChain[0].prevHash).toBe(AUDIT_CHAIN_GENESIS);
      for (let i = 1; i < inChain.length; i += 1) expect(inChain[i].prevHash).toBe(inChain[i - 1].hash);
      expect(heads.find((h) => h.id === chain)).toMatchObject({ seq: inChain.length, hash: inChain.at(-1)!.hash });
    }
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 48, chains: AUDIT_CHAINS });
  });

  it('has no global point of waiting: a transaction holding one chain’s head does not hold up a write to another', async () => {
    if (database.engine !== 'postgres') return; // PGlite has one connection: nothing overlaps there.
    const first = event(1);
    const [{ chain: busy }] = await database.db
      .select({ chain: auditEvents.chain })
      .from(auditEvents)
      .where(eq(auditEvents.memberId, first.memberId))
      .limit(1);
    let other = 2;
    for (;;) {
      const [{ c }] = (await database.db.execute(sql`select abs(hashtext(${event(other).memberId})) % 32 as c`)) as unknown as [{ c: number }];
      if (Number(c) !== busy) break;
      other += 1;
    }
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sealedFirst!: () => void;
    const firstSealed = new Promise<void>((resolve) => (sealedFirst = resolve));
    const holder = database.db.transaction(async (tx) => {
      await recordAuditEvent(tx, first);
      await tx.execute(sql`set constraints all immediate`); // seals now: the head stays locked until commit
      sealedFirst();
      await held;
    });
    await firstSealed;
    const started = Date.now();
    await Promise.race([
      recordAuditEvent(database.db, event(other)),
      new Promise((_, reject) => setTimeout(() => reject(new Error('a write to another chain waited on a held head')), 5_000)),
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
    release();
    await holder;
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('refuses updates, deletes and truncation through the application’s own connection', async () => {
    const [row] = await database.db.select({ id: auditEvents.id }).from(auditEvents).limit(1);
    await expect(database.db.update(auditEvents).set({ action: 'nothing' }).where(eq(auditEvents.id, row.id))).rejects.toThrow();
    await expect(database.db.delete(auditEvents).where(eq(auditEvents.id, row.id))).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('passes, then names the first broken row once any row is edited in the database', async () => {
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    // The second row of the longest chain, and how many rows the walk passes before it.
    const all = await database.db.select().from(auditEvents).orderBy(auditEvents.chain, auditEvents.seq);
    const sizes = new Map<number, number>();
    for (const r of all) sizes.set(r.chain, (sizes.get(r.chain) ?? 0) + 1);
    const longest = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    const target = all.find((r) => r.chain === longest && r.seq === 2)!;
    const before = all.filter((r) => r.chain < longest).length + 1;
    await tamper(sql`update audit_events set details = '{"n": 999}'::jsonb where id = ${target.id}`);
    const edited = await verifyAuditChain(database.db);
    expect(edited).toEqual({ ok: false, rows: before, brokenAt: { chain: longest, id: target.id, seq: 2 }, problem: 'edited' });
    expect(describeAuditChainCheck(edited)).toContain(`at row id ${target.id} (seq 2 in chain ${longest})`);

    // Putting the row back exactly as it was heals it: the hash covers content, nothing else.
    await tamper(sql`update audit_events set details = ${JSON.stringify(target.details)}::jsonb where id = ${target.id}`);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);

    // The edit of a timestamp by a microsecond shows too.
    await tamper(sql`update audit_events set at = at + interval '1 microsecond' where id = ${target.id}`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: { id: target.id }, problem: 'edited' });
  });

  it('names the row after a removed one, a row slipped in without its seal, and rows cut off the end', async () => {
    const fresh = await openTestDatabase();
    try {
      // One member's events: one chain, seq 1 to 5.
      for (let i = 0; i < 5; i += 1) await recordAuditEvent(fresh.db, { ...event(i), memberId: '100000000099' });
      const rows = await fresh.db.select().from(auditEvents).orderBy(auditEvents.seq);
      expect(new Set(rows.map((r) => r.chain)).size).toBe(1);
      const run = async (statement: ReturnType<typeof sql>) =>
        fresh.db.transaction(async (tx) => {
          await tx.execute(sql`set local session_replication_role = replica`);
          await tx.execute(statement);
        });

      await run(sql`delete from audit_events where id = ${rows[4].id}`);
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: false, rows: 4, problem: 'truncated' });
      await run(sql`insert into audit_events (actor_kind, action) values ('system', 'forged')`);
      const [forged] = await fresh.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, 'forged'));
      expect(await verifyAuditChain(fresh.db)).toEqual({ ok: false, rows: 4, brokenAt: { chain: 1, id: forged.id, seq: null }, problem: 'unsealed' });
      await run(sql`delete from audit_events where id = ${rows[1].id}`);
      expect(await verifyAuditChain(fresh.db)).toEqual({ ok: false, rows: 1, brokenAt: { chain: rows[2].chain, id: rows[2].id, seq: 3 }, problem: 'out-of-chain' });
      // A row moved to another chain breaks the links where it was taken from.
      await run(sql`delete from audit_events where action = 'forged'`);
    } finally {
      await fresh.close();
    }
  });

  it('names a row moved out of its chain', async () => {
    const fresh = await openTestDatabase();
    try {
      for (let i = 0; i < 3; i += 1) await recordAuditEvent(fresh.db, { ...event(i), memberId: '100000000098' });
      const rows = await fresh.db.select().from(auditEvents).orderBy(auditEvents.seq);
      await fresh.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_events set chain = ${(rows[2].chain + 1) % 32} where id = ${rows[2].id}`);
      });
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: false, problem: 'out-of-chain', brokenAt: { id: rows[2].id } });
    } finally {
      await fresh.close();
    }
  });
});
