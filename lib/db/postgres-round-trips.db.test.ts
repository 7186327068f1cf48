import { sql } from 'drizzle-orm';
import { boolean, date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/lib/testing/test-database';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';

/**
 * What a statement's parameters become in the database, now that the Postgres driver sends an
 * unnamed statement's text and number parameters without asking the server for their types first
 * (patches/postgres+3.4.9.patch; the flights themselves: postgres-round-trips.test.ts). Every kind
 * of value the app writes and compares comes back as it went in, through drizzle's builders and
 * through raw SQL, on PGlite and on Postgres.
 */

const kinds = pgTable('round_trip_kinds', {
  id: integer('id').primaryKey(),
  words: text('words'),
  count: integer('count'),
  flag: boolean('flag'),
  day: date('day'),
  at: timestamp('at', { withTimezone: true, mode: 'string' }),
  details: jsonb('details').$type<Record<string, unknown>>(),
  tags: text('tags').array(),
});

const database = setUpTestDatabase({ demoData: false });

beforeAll(async () => {
  await database.db.execute(sql`create table round_trip_kinds (id int primary key, words text, count int, flag boolean, day date, at timestamptz, details jsonb, tags text[])`);
});

const odd = 'añ€😀 \\ "quoted" \u200f\u0301 $1 %s';

describe('parameters sent without asking for their types', () => {
  it('come back as they went in through drizzle\'s insert, select and update', async () => {
    const { db } = database;
    const row = { id: 1, words: odd, count: -42, flag: false, day: '2026-02-28', at: '2026-12-05T17:20:00.123+00:00', details: { note: odd, n: 1.5, list: [1, 'x'] }, tags: ['a', odd, ''] };
    await db.insert(kinds).values(row);
    const [read] = await db.select().from(kinds).where(sql`${kinds.words} = ${odd} and ${kinds.count} = ${-42} and ${kinds.day} = ${'2026-02-28'}`);
    expect({ ...read, at: new Date(read.at!).toISOString() }).toEqual({ ...row, at: '2026-12-05T17:20:00.123Z' });
    await db.update(kinds).set({ flag: true, count: 7, words: null }).where(sql`${kinds.id} = ${1}`);
    const [updated] = await db.select({ flag: kinds.flag, count: kinds.count, words: kinds.words }).from(kinds).where(sql`${kinds.id} = ${1}`);
    expect(updated).toEqual({ flag: true, count: 7, words: null });
  });

  it('are typed by the server from where they stand, as before: a number as text, a string as a number, JSON text as jsonb', async () => {
    const [row] = rowsOf(
      await database.db.execute(sql`select ${12}::text as a, ${'12'}::int + 1 as b, (${'{"k":[1,2]}'}::jsonb -> 'k' ->> 1) as c, ${'2026-12-05'}::date + 1 as d,
        ${'t'}::boolean as e, ${null}::text is null as f, ${1.25}::numeric * 2 as g`),
    );
    expect({ ...row, d: String(row.d).slice(0, 10), g: Number(row.g) }).toEqual({ a: '12', b: 13, c: '2', d: '2026-12-06', e: true, f: true, g: 2.5 });
  });

  it('refuse a value that is not of the column\'s type with the database\'s own error, and the connection goes on', async () => {
    // drizzle wraps the driver's error ("Failed query: …"); the database's is its cause.
    await expect(database.db.execute(sql`select ${'not a number'}::int`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/invalid input syntax/i) } });
    const [row] = rowsOf(await database.db.execute(sql`select ${'still here'}::text as value`));
    expect(row.value).toBe('still here');
  });
});
