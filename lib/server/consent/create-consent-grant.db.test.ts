import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, consentGrants } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { createConsentGrant } from './create-consent-grant';

const database = setUpTestDatabase();

const input = (requestKey: string) => ({
  memberId: '100000000001',
  appId: 'blue-button-explorer',
  approvedBy: { kind: 'member' as const },
  requestedScope: 'launch/patient openid fhirUser offline_access patient/*.rs',
  categories: ['personal' as const, 'coverage' as const],
  includeSensitive: false,
  duration: '90d' as const,
  dataWindowStart: '2016-01-01',
  expiresAt: new Date(Date.now() + 90 * 86_400_000),
  requestKey,
});

describe('createConsentGrant', () => {
  it('makes one grant from rapid double submits of one approval', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => createConsentGrant(input('flow-double'))));
    expect(new Set(results.map((r) => r.grant.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(consentGrants).where(eq(consentGrants.requestKey, 'flow-double'));
    expect(n).toBe(1);
  });

  it('holds exactly what was approved, with its audit row', async () => {
    const { grant } = await createConsentGrant(input('flow-exact'));
    expect(grant.scopes.split(' ').sort()).toEqual(['fhirUser', 'launch/patient', 'offline_access', 'openid', 'patient/Consent.rs', 'patient/Coverage.rs', 'patient/Patient.rs'].sort());
    expect(grant.categories).toEqual(['personal', 'coverage']);
    const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.grantId, grant.id));
    expect(audits.map((a) => a.action)).toEqual(['consent.granted']);
    expect(JSON.stringify(audits[0].details)).not.toMatch(/1984|Santos|02119/);
  });
});
