import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, auditEvents, outbox } from '@/lib/db/schema';
import * as oidc from 'openid-client';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';
import { changeAppStatus } from './change-app-status';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());

describe('changeAppStatus', () => {
  it('suspends at once, and reinstating brings back no old token', async () => {
    const { config, tokens } = await hub.launch({ memberId: '100000000001' });
    const { affectedGrantIds } = await changeAppStatus({ appId: 'blue-button-explorer', status: 'suspended', reason: 'Leaked credentials', staffUsername: 'alex.admin' });
    expect(affectedGrantIds.length).toBeGreaterThan(0);
    const read = await fetch(`${hub.fhirBase}/Patient`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(read.status).toBe(401);
    await changeAppStatus({ appId: 'blue-button-explorer', status: 'approved', reason: 'Credentials rotated and verified', staffUsername: 'alex.admin' });
    const again = await fetch(`${hub.fhirBase}/Patient`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(again.status).toBe(401);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
    const notices = await hub.db.select().from(outbox);
    expect(notices.filter((m) => m.template === 'app-access-removed').map((m) => m.toAddress)).toContain('maria.santos@members.example');
    expect(notices.filter((m) => m.template === 'app-reinstated').map((m) => m.toAddress)).toContain('maria.santos@members.example');
    const audit = await hub.db.select().from(auditEvents).where(eq(auditEvents.appId, 'blue-button-explorer'));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['app.suspended', 'app.approved']));
  });

  it('always needs a reason, and only allowed transitions', async () => {
    await expect(changeAppStatus({ appId: 'medtrack-rx', status: 'suspended', reason: '  ', staffUsername: 'alex.admin' })).rejects.toThrow();
    await expect(changeAppStatus({ appId: 'wellpath-beta', status: 'suspended', reason: 'x', staffUsername: 'alex.admin' })).rejects.toThrow();
    const [app] = await hub.db.select().from(apps).where(eq(apps.id, 'medtrack-rx'));
    expect(app.status).toBe('approved');
  });
});
