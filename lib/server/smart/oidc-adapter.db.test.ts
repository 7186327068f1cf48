import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { oidcModels } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { rowsOf } from '@/lib/testing/test-database';
import { DrizzleOidcAdapter, withProviderWritesIn } from './oidc-adapter';

// The provider's storage: what it saves is what it finds, on both engines (its statements are
// written once: lib/db/prepared-statements.db.test.ts).

const database = setUpTestDatabase({ demoData: false });

const storedRow = async (model: string, id: string) => (await database.db.select().from(oidcModels).where(and(eq(oidcModels.model, model), eq(oidcModels.id, id))))[0];

describe('DrizzleOidcAdapter', () => {
  it('finds what it saved, by id, uid and user code, with its keys and expiry', async () => {
    const sessions = new DrizzleOidcAdapter('Session');
    const payload = { uid: 'uid-1', accountId: 'acct', nested: { list: [1, 'two', null], quote: 'it\'s "quoted" \\ ✓' } };
    await sessions.upsert('s-1', payload, 3600);
    expect(await sessions.find('s-1')).toEqual(payload);
    expect(await sessions.findByUid('uid-1')).toEqual(payload);
    expect(await new DrizzleOidcAdapter('Interaction').find('s-1')).toBeUndefined();
    const row = await storedRow('Session', 's-1');
    expect(row.uid).toBe('uid-1');
    expect(row.grantId).toBeNull();
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(3590_000);
    expect(row.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);

    const devices = new DrizzleOidcAdapter('DeviceCode');
    await devices.upsert('d-1', { userCode: 'ABCD-EFGH', grantId: 'g-9' }, 0);
    expect(await devices.findByUserCode('ABCD-EFGH')).toEqual({ userCode: 'ABCD-EFGH', grantId: 'g-9' });
    const device = await storedRow('DeviceCode', 'd-1');
    expect(device.expiresAt).toBeNull();
    expect(device.grantId).toBe('g-9');
    expect(device.userCode).toBe('ABCD-EFGH');
  });

  it('replaces a saved row\'s payload and keys but keeps its consumption; an expired row is not found', async () => {
    const codes = new DrizzleOidcAdapter('AuthorizationCode');
    await codes.upsert('c-1', { grantId: 'g-1', scope: 'openid' }, 60);
    await codes.consume('c-1');
    const consumed = (await codes.find('c-1'))!;
    expect(consumed.consumed).toBeGreaterThan(0);
    await codes.upsert('c-1', { grantId: 'g-2', scope: 'openid patient/*.rs' }, 60);
    expect(await codes.find('c-1')).toEqual({ grantId: 'g-2', scope: 'openid patient/*.rs', consumed: consumed.consumed });
    expect((await storedRow('AuthorizationCode', 'c-1')).grantId).toBe('g-2');

    await codes.upsert('c-old', { grantId: 'g-1' }, 60);
    await database.db.update(oidcModels).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oidcModels.id, 'c-old'));
    expect(await codes.find('c-old')).toBeUndefined();
  });

  it('destroys one row, and revokes a grant\'s rows of its own model only', async () => {
    const access = new DrizzleOidcAdapter('AccessToken');
    const refresh = new DrizzleOidcAdapter('RefreshToken');
    await access.upsert('a-1', { grantId: 'g-7' }, 60);
    await access.upsert('a-2', { grantId: 'g-7' }, 60);
    await access.upsert('a-3', { grantId: 'g-8' }, 60);
    await refresh.upsert('r-1', { grantId: 'g-7' }, 60);
    await access.destroy('a-1');
    expect(await access.find('a-1')).toBeUndefined();
    expect(await access.find('a-2')).toBeDefined();
    await access.revokeByGrantId('g-7');
    expect(await access.find('a-2')).toBeUndefined();
    expect(await access.find('a-3')).toBeDefined();
    expect(await refresh.find('r-1')).toBeDefined();
  });

  it('treats a key the database cannot hold as not found', async () => {
    const access = new DrizzleOidcAdapter('AccessToken');
    expect(await access.find('bad\u0000key')).toBeUndefined();
    expect(await access.findByUid('\ud800')).toBeUndefined();
    await expect(access.destroy('x\u0000')).resolves.toBeUndefined();
  });

  it('saves into the transaction it is given, and nothing when that transaction rolls back', async () => {
    const grants = new DrizzleOidcAdapter('Grant');
    await database.db
      .transaction(async (tx) => {
        await withProviderWritesIn(tx, () => grants.upsert('grant-rolled-back', { accountId: 'acct' }, 60));
        const seen = rowsOf<{ n: string | number }>(await tx.execute(sql`select count(*) as n from oidc_models where id = 'grant-rolled-back'`));
        expect(Number(seen[0].n)).toBe(1);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await grants.find('grant-rolled-back')).toBeUndefined();
    await database.db.transaction((tx) => withProviderWritesIn(tx, () => grants.upsert('grant-kept', { accountId: 'acct' }, 60)));
    const kept = await storedRow('Grant', 'grant-kept');
    expect(kept.grantId).toBe('grant-kept');
  });
});
