import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { settings } from '@/lib/db/schema';

/**
 * The stored values this process has read, per database handle. A setting never changes once
 * stored (the first writer wins and nothing rewrites it), so each is read from the database once:
 * the session secret was read on every request that opened a session cookie, one more round trip
 * to the database each time.
 */
const known = new WeakMap<DbOrTx, Map<string, Promise<unknown>>>();

/**
 * A value made once and then shared by every instance on the same database (signing keys,
 * cookie keys, the session secret). The first writer wins; everyone reads the stored value.
 */
export function persistentSetting<T>(db: DbOrTx, key: string, create: () => T): Promise<T> {
  let values = known.get(db);
  if (!values) known.set(db, (values = new Map()));
  const kept = values.get(key) as Promise<T> | undefined;
  if (kept) return kept;
  const value = readOrCreate(db, key, create);
  values.set(key, value);
  // A read that failed (the database unreachable for a moment) is not kept: the next call asks again.
  value.catch(() => {
    if (values.get(key) === value) values.delete(key);
  });
  return value;
}

async function readOrCreate<T>(db: DbOrTx, key: string, create: () => T): Promise<T> {
  const [existing] = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  if (existing) return existing.value as T;
  await db.insert(settings).values({ key, value: create() as object }).onConflictDoNothing();
  const [stored] = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  return stored.value as T;
}
