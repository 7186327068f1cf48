import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { runRawStatement } from './run-statement';

// The read path's statements run straight on the driver: on PGlite as a named statement in one
// protocol exchange, its columns cut from the answer's bytes. These check what that must keep:
// the bytes as stored, errors as errors, a failed first run not breaking the next, and no read
// inside another caller's open transaction.

const database = setUpTestDatabase({ demoData: false });

beforeAll(async () => {
  await database.db.execute(sql`create table run_statement_probe (id int primary key, body text)`);
}, 60_000);

const text = (value: Buffer | null) => (value === null ? null : value.toString('utf8'));

describe('runRawStatement', () => {
  it('hands back each column as the stored UTF-8 bytes, SQL null as null, rows in order', async () => {
    const odd = 'Peña \u200f😀 e\u0301 "quoted" \\ back';
    const rows = await runRawStatement(sql`select x::text, case when x = 2 then null else ${odd} || x end from generate_series(1, 3) as x`);
    expect(rows.map((row) => row.map(text))).toEqual([
      ['1', `${odd}1`],
      ['2', null],
      ['3', `${odd}3`],
    ]);
    expect(rows[0][1]).toBeInstanceOf(Buffer);
    expect(rows[0][1]!.equals(Buffer.from(`${odd}1`))).toBe(true);
  });

  it('hands back an answer larger than one protocol read (a page of claims is about 440 kB)', async () => {
    const rows = await runRawStatement(sql`select repeat(${'abcdefghij'}, 100000), ${'after'}::text`);
    expect(rows).toHaveLength(1);
    expect(rows[0][0]!.length).toBe(1_000_000);
    expect(text(rows[0][1])).toBe('after');
  });

  it('answers the same statement with new values each time', async () => {
    for (const n of [1, 7, 50]) {
      const rows = await runRawStatement(sql`select count(*)::text from generate_series(1, ${n}::int)`);
      expect(text(rows[0][0])).toBe(String(n));
    }
  });

  it('runs a statement it has not seen before from many requests at once, and new statements beside it', async () => {
    const same = Array.from({ length: 20 }, (_, i) => runRawStatement(sql`select ${String(i)}::text || ${'-at-once'}`));
    const different = Array.from({ length: 10 }, (_, i) => runRawStatement(sql.raw(`select '${i}'::text as shape_${i}`)));
    expect((await Promise.all(same)).map((rows) => text(rows[0][0]))).toEqual(Array.from({ length: 20 }, (_, i) => `${i}-at-once`));
    expect((await Promise.all(different)).map((rows) => text(rows[0][0]))).toEqual(Array.from({ length: 10 }, (_, i) => String(i)));
  });

  it('two copies of this module (a bundle keeps its own) share the database without clashing names', async () => {
    vi.resetModules();
    const copy = await import('./run-statement');
    const first = await runRawStatement(sql`select ${'one'}::text as made_by_the_first_copy`);
    const second = await copy.runRawStatement(sql`select ${'two'}::text as made_by_the_second_copy`);
    expect([text(first[0][0]), text(second[0][0])]).toEqual(['one', 'two']);
  });

  it('throws the database error, and runs the same statement again once its values are good', async () => {
    const cast = (value: string) => runRawStatement(sql`select (${value}::int + 1)::text as n`);
    await expect(cast('not a number')).rejects.toMatchObject({ code: '22P02' });
    expect(text((await cast('41'))[0][0])).toBe('42');
    await expect(cast('still not')).rejects.toMatchObject({ code: '22P02' });
    expect(text((await cast('1'))[0][0])).toBe('2');
  });

  it('throws on a statement the database cannot parse, and the next statement runs', async () => {
    await expect(runRawStatement(sql`select from where ${1}`)).rejects.toMatchObject({ code: '42601' });
    expect(text((await runRawStatement(sql`select ${'ok'}::text`))[0][0])).toBe('ok');
  });

  it('never reads inside another caller\'s open transaction: it sees a row only once it is committed', async () => {
    let released = false;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertDone = new Promise<void>((resolve) => (inserted = resolve));
    const writer = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into run_statement_probe (id, body) values (1, 'uncommitted')`);
      inserted();
      await held;
    });
    await insertDone;
    const read = runRawStatement(sql`select count(*)::text from run_statement_probe where id = ${1}`).then((rows) => ({ seen: text(rows[0][0]) === '1', afterRelease: released }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    released = true;
    release();
    await writer;
    const { seen, afterRelease } = await read;
    // PGlite waits for the transaction to end and then sees the row; Postgres reads at once, without it.
    if (seen) expect(afterRelease).toBe(true);
    else expect(database.engine).toBe('postgres');
  });
});
