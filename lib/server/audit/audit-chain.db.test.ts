import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditChainHead, auditEvents } from '@/lib/db/schema';
import { openTestDatabase } from '@/lib/testing/test-database';
import { recordAuditEvent } from './record-audit-event';
import { describeAuditChainCheck, verifyAuditChain } from './verify-audit-chain';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
}, 120_000);
afterAll(async () => database?.close());

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
  it('chains rows from concurrent writers without a fork: every row follows exactly one other', async () => {
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
    const rows = await database.db.select({ seq: auditEvents.seq, prevHash: auditEvents.prevHash, hash: auditEvents.hash }).from(auditEvents).orderBy(auditEvents.seq);
    expect(rows).toHaveLength(48);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(48);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    const [head] = await database.db.select().from(auditChainHead);
    expect(head).toMatchObject({ seq: 48, hash: rows[47].hash });
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 48, headHash: rows[47].hash });
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
    const [target] = await database.db.select().from(auditEvents).where(eq(auditEvents.seq, 17));
    await tamper(sql`update audit_events set details = '{"n": 999}'::jsonb where id = ${target.id}`);
    const edited = await verifyAuditChain(database.db);
    expect(edited).toEqual({ ok: false, rows: 16, brokenAt: { id: target.id, seq: 17 }, problem: 'edited' });
    expect(describeAuditChainCheck(edited)).toContain(`at row id ${target.id} (seq 17)`);

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
      for (let i = 0; i < 5; i += 1) await recordAuditEvent(fresh.db, event(i));
      const rows = await fresh.db.select().from(auditEvents).orderBy(auditEvents.seq);
      const run = async (statement: ReturnType<typeof sql>) =>
        fresh.db.transaction(async (tx) => {
          await tx.execute(sql`set local session_replication_role = replica`);
          await tx.execute(statement);
        });

      await run(sql`delete from audit_events where id = ${rows[4].id}`);
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: false, rows: 4, problem: 'truncated' });
      await run(sql`insert into audit_events (actor_kind, action) values ('system', 'forged')`);
      const [forged] = await fresh.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, 'forged'));
      expect(await verifyAuditChain(fresh.db)).toEqual({ ok: false, rows: 4, brokenAt: { id: forged.id, seq: null }, problem: 'unsealed' });
      await run(sql`delete from audit_events where id = ${rows[1].id}`);
      expect(await verifyAuditChain(fresh.db)).toEqual({ ok: false, rows: 1, brokenAt: { id: rows[2].id, seq: 3 }, problem: 'out-of-chain' });
    } finally {
      await fresh.close();
    }
  });
});
