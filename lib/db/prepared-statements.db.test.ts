import { PgDialect } from 'drizzle-orm/pg-core';
import { expect, it, vi } from 'vitest';
import { findClientMetadata } from '@/lib/server/apps/find-client-metadata';
import { createSessionRecord, findLiveSessionRecord, linkProviderSession, renewSessionRecord } from '@/lib/server/auth/session-record';
import { findActiveConsentGrant } from '@/lib/server/consent/find-active-consent-grant';
import { DrizzleOidcAdapter } from '@/lib/server/smart/oidc-adapter';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';

// The statements of the OAuth exchange and of every signed-in page are written by drizzle once per
// database, not on every call (what each one does is tested with its module).

setUpTestDatabase({ demoData: false });

it('writes no statement again after the first call, on the OAuth path and the session checks', async () => {
  const sessions = new DrizzleOidcAdapter('Session');
  const calls = async () => {
    await sessions.upsert('s-count', { uid: 'uid-count' }, 60);
    expect(await sessions.find('s-count')).toEqual({ uid: 'uid-count' });
    expect(await sessions.findByUid('uid-count')).toEqual({ uid: 'uid-count' });
    expect(await sessions.findByUserCode('none')).toBeUndefined();
    await sessions.consume('s-count');
    await sessions.destroy('s-count');
    await sessions.revokeByGrantId('none');
    expect(await new DrizzleOidcAdapter('Client').find('no-such-client')).toBeUndefined();
    expect(await findClientMetadata('no-such-client')).toBeNull();
    expect(await findActiveConsentGrant('no-such-grant')).toBeNull();
    const sid = await createSessionRecord({ kind: 'member', memberId: '100000000001', verifiedAt: Date.now() });
    expect((await findLiveSessionRecord(sid))?.subjectId).toBe('100000000001');
    expect((await renewSessionRecord(sid, 'member'))?.kind).toBe('member');
    expect(await renewSessionRecord(sid, 'representative')).toBeNull();
    await linkProviderSession(sid, 'provider-session-1');
  };
  await calls();
  const written = vi.spyOn(PgDialect.prototype, 'sqlToQuery');
  try {
    for (let i = 0; i < 3; i++) await calls();
    expect(written).not.toHaveBeenCalled();
  } finally {
    written.mockRestore();
  }
});
