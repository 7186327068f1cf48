import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, consentGrants, oidcModels } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { createConsentGrant } from './create-consent-grant';
import { revokeConsentGrant } from './revoke-consent-grant';

const database = setUpTestDatabase();

const MEMBER = '100000000001';

/** A grant with a provider grant, an access token and a refresh token under it, and one other grant's token. */
async function grantWithTokens(requestKey: string) {
  const { grant } = await createConsentGrant({
    memberId: MEMBER,
    appId: 'blue-button-explorer',
    approvedBy: { kind: 'member' },
    requestedScope: 'launch/patient openid offline_access patient/*.rs',
    categories: ['personal', 'coverage'],
    includeSensitive: false,
    duration: '90d',
    dataWindowStart: '2016-01-01',
    expiresAt: new Date(Date.now() + 90 * 86_400_000),
    requestKey,
  });
  const rows = [
    { model: 'Grant', id: grant.id, grantId: grant.id },
    { model: 'AccessToken', id: `at-${requestKey}`, grantId: grant.id },
    { model: 'RefreshToken', id: `rt-${requestKey}`, grantId: grant.id },
    { model: 'AccessToken', id: `other-${requestKey}`, grantId: `another-grant-${requestKey}` },
  ];
  await database.db.insert(oidcModels).values(rows.map((r) => ({ ...r, payload: { grantId: r.grantId } })));
  return grant;
}

const providerRows = async (grantId: string) => (await database.db.select({ model: oidcModels.model }).from(oidcModels).where(eq(oidcModels.grantId, grantId))).map((r) => r.model).sort();
const revocations = (grantId: string) => database.db.select().from(auditEvents).where(and(eq(auditEvents.grantId, grantId), eq(auditEvents.action, 'consent.revoked')));

describe('revokeConsentGrant', () => {
  it('marks the grant, deletes every provider row of it and nothing else, and writes one audit row', async () => {
    const grant = await grantWithTokens('revoke-all');
    expect(await providerRows(grant.id)).toEqual(['AccessToken', 'Grant', 'RefreshToken']);
    expect(await revokeConsentGrant({ grantId: grant.id, by: { kind: 'app', id: 'blue-button-explorer' }, reason: 'revoked-by-app', requestId: 'req-1', details: { note: 'n' } })).toBe(true);
    const [row] = await database.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
    expect(row.revokedAt).not.toBeNull();
    expect(row.revokedBy).toBe('app:blue-button-explorer');
    expect(row.revokedReason).toBe('revoked-by-app');
    expect(await providerRows(grant.id)).toEqual([]);
    expect(await providerRows('another-grant-revoke-all')).toEqual(['AccessToken']);
    const audit = await revocations(grant.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'app', actorId: 'blue-button-explorer', memberId: MEMBER, appId: 'blue-button-explorer', requestId: 'req-1', details: { note: 'n', reason: 'revoked-by-app' } });
  });

  it('a grant already stopped: false, no second audit row, and a token left under it is deleted all the same', async () => {
    const grant = await grantWithTokens('revoke-twice');
    await revokeConsentGrant({ grantId: grant.id, by: { kind: 'member', id: MEMBER }, reason: 'member-stopped' });
    await database.db.insert(oidcModels).values({ model: 'AccessToken', id: 'late-revoke-twice', grantId: grant.id, payload: {} });
    expect(await revokeConsentGrant({ grantId: grant.id, by: { kind: 'app', id: 'blue-button-explorer' }, reason: 'revoked-by-app' })).toBe(false);
    expect(await providerRows(grant.id)).toEqual([]);
    const audit = await revocations(grant.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].actorKind).toBe('member');
    const [row] = await database.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
    expect(row.revokedReason).toBe('member-stopped');
  });

  it('named for another member: touches nothing, not even the tokens', async () => {
    const grant = await grantWithTokens('revoke-other-member');
    expect(await revokeConsentGrant({ grantId: grant.id, by: { kind: 'member', id: '100000000002' }, reason: 'member-stopped', memberId: '100000000002' })).toBe(false);
    const [row] = await database.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
    expect(row.revokedAt).toBeNull();
    expect(await providerRows(grant.id)).toEqual(['AccessToken', 'Grant', 'RefreshToken']);
    expect(await revocations(grant.id)).toHaveLength(0);
  });

  it('inside a caller\'s transaction: undone with it', async () => {
    const grant = await grantWithTokens('revoke-rolled-back');
    await expect(
      database.db.transaction(async (tx) => {
        expect(await revokeConsentGrant({ grantId: grant.id, by: { kind: 'system', id: null }, reason: 'authority-ended' }, tx)).toBe(true);
        throw new Error('the rest of the change failed');
      }),
    ).rejects.toThrow('the rest of the change failed');
    const [row] = await database.db.select().from(consentGrants).where(eq(consentGrants.id, grant.id));
    expect(row.revokedAt).toBeNull();
    expect(await providerRows(grant.id)).toEqual(['AccessToken', 'Grant', 'RefreshToken']);
    expect(await revocations(grant.id)).toHaveLength(0);
    const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.grantId, grant.id));
    expect(n).toBe(1); // consent.granted only
  });
});
