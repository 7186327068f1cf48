import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import type { DbOrTx } from '@/lib/db/client';
import { settings } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { persistentSetting } from './persistent-setting';

const database = setUpTestDatabase({ demoData: false });

describe('persistentSetting', () => {
  it('reads a stored value from the database once, then answers from memory', async () => {
    await database.db.insert(settings).values({ key: 'test.stored', value: { secret: 'from-the-database' } });
    const select = vi.spyOn(database.db, 'select');
    const create = vi.fn(() => ({ secret: 'made-here' }));
    try {
      expect(await persistentSetting(database.db, 'test.stored', create)).toEqual({ secret: 'from-the-database' });
      expect(await persistentSetting(database.db, 'test.stored', create)).toEqual({ secret: 'from-the-database' });
      expect(await persistentSetting(database.db, 'test.stored', create)).toEqual({ secret: 'from-the-database' });
      expect(select).toHaveBeenCalledTimes(1);
      expect(create).not.toHaveBeenCalled();
    } finally {
      select.mockRestore();
    }
  });

  it('makes a missing value once, stores it, and gives every caller at the same moment the stored one', async () => {
    const create = vi.fn(() => `made-${create.mock.calls.length}`);
    const values = await Promise.all(Array.from({ length: 5 }, () => persistentSetting(database.db, 'test.made', create)));
    expect(create).toHaveBeenCalledTimes(1);
    expect(new Set(values)).toEqual(new Set(['made-1']));
    const [row] = await database.db.select().from(settings).where(eq(settings.key, 'test.made'));
    expect(row.value).toBe('made-1');
  });

  it('keeps the values of each database apart', async () => {
    const other = fakeDb({ 'test.stored': { secret: 'another-database' } });
    expect(await persistentSetting(other.db, 'test.stored', () => ({ secret: 'x' }))).toEqual({ secret: 'another-database' });
    expect(await persistentSetting(database.db, 'test.stored', () => ({ secret: 'x' }))).toEqual({ secret: 'from-the-database' });
  });

  it('asks again after a read that failed, instead of keeping the failure', async () => {
    const flaky = fakeDb({ 'test.flaky': 'stored' }, 1);
    await expect(persistentSetting(flaky.db, 'test.flaky', () => 'made')).rejects.toThrow('database unreachable');
    expect(await persistentSetting(flaky.db, 'test.flaky', () => 'made')).toBe('stored');
    expect(await persistentSetting(flaky.db, 'test.flaky', () => 'made')).toBe('stored');
    expect(flaky.reads()).toBe(2);
  });
});

/** A database holding only `rows` in its settings, whose first `failures` reads fail. */
function fakeDb(rows: Record<string, unknown>, failures = 0) {
  let reads = 0;
  const db = {
    select: () => ({
      from: () => ({
        where: () => ({
          limit: async () => {
            reads++;
            if (reads <= failures) throw new Error('database unreachable');
            // One row each: every read here is of the key the database holds.
            return Object.entries(rows).map(([key, value]) => ({ key, value }));
          },
        }),
      }),
    }),
  };
  return { db: db as unknown as DbOrTx, reads: () => reads };
}
