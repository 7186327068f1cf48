import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { and, eq, sql } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db, DbOrTx } from '@/lib/db/client';
import { instantPlaceholder, preparedStatements } from '@/lib/db/prepared-statements';
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

/** The row the provider saves for a model and id, as the statements' placeholders take it. */
type StoredRow = {
  model: string;
  id: string;
  /** The payload as JSON text. */
  payload: string;
  grantId: string | null;
  userCode: string | null;
  uid: string | null;
  /** An ISO instant, or null for a row that does not expire. */
  expiresAt: string | null;
};

const placeholder = (name: keyof StoredRow) => sql.placeholder(name);
const byModel = (column: typeof oidcModels.id | typeof oidcModels.uid | typeof oidcModels.userCode | typeof oidcModels.grantId, name: string) =>
  and(eq(oidcModels.model, sql.placeholder('model')), eq(column, sql.placeholder(name)));

/**
 * Saves a row, or replaces the stored one's payload and keys (its consumption stays). The values
 * are typed in the statement, so each is sent as the driver gets it (JSON and instants as text).
 */
const upsertStatement = (db: DbOrTx) =>
  db
    .insert(oidcModels)
    .values({
      model: placeholder('model'),
      id: placeholder('id'),
      payload: sql`${placeholder('payload')}::jsonb`,
      grantId: placeholder('grantId'),
      userCode: placeholder('userCode'),
      uid: placeholder('uid'),
      expiresAt: instantPlaceholder('expiresAt'),
    })
    .onConflictDoUpdate({
      target: [oidcModels.model, oidcModels.id],
      set: { payload: sql`excluded.payload`, grantId: sql`excluded.grant_id`, userCode: sql`excluded.user_code`, uid: sql`excluded.uid`, expiresAt: sql`excluded.expires_at` },
    });

/**
 * The adapter's statements, written once per database (prepared-statements.ts): the provider runs
 * about twenty of them for one launch, refresh and revocation.
 */
const statements = preparedStatements((db: Db) => ({
  upsert: upsertStatement(db).prepare('oidc_upsert'),
  find: db.select().from(oidcModels).where(byModel(oidcModels.id, 'id')).limit(1).prepare('oidc_find'),
  findByUid: db.select().from(oidcModels).where(byModel(oidcModels.uid, 'uid')).limit(1).prepare('oidc_find_by_uid'),
  findByUserCode: db.select().from(oidcModels).where(byModel(oidcModels.userCode, 'userCode')).limit(1).prepare('oidc_find_by_user_code'),
  consume: db.update(oidcModels).set({ consumedAt: sql`now()` }).where(byModel(oidcModels.id, 'id')).prepare('oidc_consume'),
  destroy: db.delete(oidcModels).where(byModel(oidcModels.id, 'id')).prepare('oidc_destroy'),
  revokeByGrantId: db.delete(oidcModels).where(byModel(oidcModels.grantId, 'grantId')).prepare('oidc_revoke_by_grant_id'),
}));

/**
 * node-oidc-provider's storage in the app's own database, so that every instance sees the same
 * sessions, codes and tokens. Clients are not stored here: they are the apps table, read on every
 * lookup, so an app's suspension takes effect at once.
 */
export class DrizzleOidcAdapter implements Adapter {
  constructor(private readonly model: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const row: StoredRow = {
      model: this.model,
      id,
      payload: JSON.stringify(payload),
      grantId: GRANTABLE.has(this.model) || this.model === 'Grant' ? (payload.grantId ?? (this.model === 'Grant' ? id : null)) : null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
    };
    // Inside a transaction (withProviderWritesIn) the statement is the transaction's own.
    const tx = transactionStore.getStore();
    await (tx ? upsertStatement(tx).execute(row) : (await statements()).upsert.execute(row));
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (unstorable(id)) return undefined;
    if (this.model === 'Client') return (await findClientMetadata(id)) ?? undefined;
    const [row] = await (await statements()).find.execute({ model: this.model, id });
    return toPayload(row);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    if (unstorable(uid)) return undefined;
    const [row] = await (await statements()).findByUid.execute({ model: this.model, uid });
    return toPayload(row);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    if (unstorable(userCode)) return undefined;
    const [row] = await (await statements()).findByUserCode.execute({ model: this.model, userCode });
    return toPayload(row);
  }

  async consume(id: string): Promise<void> {
    if (unstorable(id)) return;
    await (await statements()).consume.execute({ model: this.model, id });
  }

  async destroy(id: string): Promise<void> {
    if (unstorable(id)) return;
    await (await statements()).destroy.execute({ model: this.model, id });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    if (unstorable(grantId)) return;
    await (await statements()).revokeByGrantId.execute({ model: this.model, grantId });
  }
}

function toPayload(row: typeof oidcModels.$inferSelect | undefined): AdapterPayload | undefined {
  if (!row) return undefined;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
  const payload = { ...(row.payload as AdapterPayload) };
  if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
  return payload;
}
