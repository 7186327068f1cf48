import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { and, eq, sql } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { oidcModels } from '@/lib/db/schema';
import { findClientMetadata } from '@/lib/server/apps/find-client-metadata';
import { textProblem } from '@/lib/schemas/text-problem';

/**
 * A key a client sent (a client_id, a token, a code, a uid) that no stored row can have: NUL, other
 * control characters or broken Unicode, which Postgres refuses to even compare. Such a key is
 * simply not found (invalid_client, invalid_grant, an inactive token), never a server error.
 */
const unstorable = (key: string) => typeof key !== 'string' || textProblem(key, 4096) !== null;

// One per process, shared through globalThis: the provider's adapter lives in server.ts's copy of
// this module, while the writes that must join a transaction start in the Next.js bundle's copy.
const STORE = Symbol.for('consent-hub.provider-writes-transaction');
type GlobalWithStore = typeof globalThis & { [STORE]?: AsyncLocalStorage<DbOrTx> };
const transactionStore = ((globalThis as GlobalWithStore)[STORE] ??= new AsyncLocalStorage<DbOrTx>());

/**
 * Runs `fn` with the provider's writes going into the transaction `tx`: what the provider saves
 * (a consent grant's mirror) commits with that transaction, or not at all.
 */
export function withProviderWritesIn<T>(tx: DbOrTx, fn: () => Promise<T>): Promise<T> {
  return transactionStore.run(tx, fn);
}

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * node-oidc-provider's storage in the app's own database, so that every instance sees the same
 * sessions, codes and tokens. Clients are not stored here: they are the apps table, read on every
 * lookup, so an app's suspension takes effect at once.
 */
export class DrizzleOidcAdapter implements Adapter {
  constructor(private readonly model: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const db = transactionStore.getStore() ?? (await getDb());
    const row = {
      model: this.model,
      id,
      payload: payload as Record<string, unknown>,
      grantId: GRANTABLE.has(this.model) || this.model === 'Grant' ? (payload.grantId ?? (this.model === 'Grant' ? id : null)) : null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    };
    await db
      .insert(oidcModels)
      .values(row)
      .onConflictDoUpdate({
        target: [oidcModels.model, oidcModels.id],
        set: { payload: row.payload, grantId: row.grantId, userCode: row.userCode, uid: row.uid, expiresAt: row.expiresAt },
      });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (unstorable(id)) return undefined;
    if (this.model === 'Client') return (await findClientMetadata(id)) ?? undefined;
    const db = await getDb();
    const [row] = await db
      .select()
      .from(oidcModels)
      .where(and(eq(oidcModels.model, this.model), eq(oidcModels.id, id)))
      .limit(1);
    return toPayload(row);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    if (unstorable(uid)) return undefined;
    const db = await getDb();
    const [row] = await db
      .select()
      .from(oidcModels)
      .where(and(eq(oidcModels.model, this.model), eq(oidcModels.uid, uid)))
      .limit(1);
    return toPayload(row);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    if (unstorable(userCode)) return undefined;
    const db = await getDb();
    const [row] = await db
      .select()
      .from(oidcModels)
      .where(and(eq(oidcModels.model, this.model), eq(oidcModels.userCode, userCode)))
      .limit(1);
    return toPayload(row);
  }

  async consume(id: string): Promise<void> {
    if (unstorable(id)) return;
    const db = await getDb();
    await db
      .update(oidcModels)
      .set({ consumedAt: sql`now()` })
      .where(and(eq(oidcModels.model, this.model), eq(oidcModels.id, id)));
  }

  async destroy(id: string): Promise<void> {
    if (unstorable(id)) return;
    const db = await getDb();
    await db.delete(oidcModels).where(and(eq(oidcModels.model, this.model), eq(oidcModels.id, id)));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    if (unstorable(grantId)) return;
    const db = await getDb();
    await db.delete(oidcModels).where(and(eq(oidcModels.model, this.model), eq(oidcModels.grantId, grantId)));
  }
}

function toPayload(row: typeof oidcModels.$inferSelect | undefined): AdapterPayload | undefined {
  if (!row) return undefined;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
  const payload = { ...(row.payload as AdapterPayload) };
  if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
  return payload;
}
