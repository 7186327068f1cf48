import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { settings } from '@/lib/db/schema';

/**
 * A value made once and then shared by every instance on the same database (signing keys,
 * cookie keys, the session secret). The first writer wins; everyone reads the stored value.
 */
export async function persistentSetting<T>(db: DbOrTx, key: string, create: () => T): Promise<T> {
  const [existing] = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  if (existing) return existing.value as T;
  await db.insert(settings).values({ key, value: create() as object }).onConflictDoNothing();
  const [stored] = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  return stored.value as T;
}
