import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, apps, consentGrants, enrollmentSpans, fhirEpoch, fhirResources, members } from '@/lib/db/schema';
import { changeAppStatus } from '@/lib/server/apps/change-app-status';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// What the FHIR API reuses between requests (fhir-read-cache.ts) is only ever used while the
// database's FHIR epoch stands. These tests warm the cache, then change the database the way the
// product does, and expect the very next request to see the change.

const MARIA = '100000000001';
const FATIMA = '100000000016';
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());

async function get(path: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${hub.fhirBase}/${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.status, body: (await response.json()) as any };
}

const epoch = async () => (await hub.db.select({ value: fhirEpoch.value }).from(fhirEpoch))[0].value;
const matchIds = (bundle: any): string[] => (bundle.entry ?? []).filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource.id);

/** A change the epoch does not see (its trigger off for one transaction): only what the cache serves tells it apart. */
async function unseenResourceChange(change: (tx: Parameters<Parameters<TestHub['db']['transaction']>[0]>[0]) => Promise<unknown>) {
  await hub.db.transaction(async (tx) => {
    await tx.execute(sql`alter table fhir_resources disable trigger fhir_epoch_fhir_resources`);
    await change(tx);
    await tx.execute(sql`alter table fhir_resources enable always trigger fhir_epoch_fhir_resources`);
  });
}

/** Two reads, so the second one was answered from what the first left behind. */
async function warm(path: string, token: string) {
  const first = await get(path, token);
  expect(first.status).toBe(200);
  expect((await get(path, token)).status).toBe(200);
  return first.body;
}

describe('what the FHIR API reuses', () => {
  it('serves a repeated search from memory while nothing changed, and from the database with Cache-Control: no-cache', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    const path = 'ExplanationOfBenefit?_count=5';
    const before = matchIds(await warm(path, tokens.access_token));
    const newest = before[0];
    await unseenResourceChange((tx) => tx.update(fhirResources).set({ sensitivity: 'behavioral-health' }).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, newest))));
    try {
      expect(matchIds((await get(path, tokens.access_token)).body)).toEqual(before);
      const fresh = matchIds((await get(path, tokens.access_token, { 'cache-control': 'no-cache' })).body);
      expect(fresh).not.toContain(newest);
    } finally {
      await unseenResourceChange((tx) => tx.update(fhirResources).set({ sensitivity: 'none' }).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, newest))));
    }
  });

  it('shows a claim added since the last read on the very next search', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    const path = 'ExplanationOfBenefit?_count=3';
    const before = matchIds(await warm(path, tokens.access_token));
    const [template] = await hub.db.select().from(fhirResources).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, before[0])));
    const today = new Date().toISOString().slice(0, 10);
    const resource = { ...JSON.parse(template.resource), id: 'eob-added-today' };
    await hub.db.insert(fhirResources).values({ ...template, id: 'eob-added-today', serviceDate: today, resource: JSON.stringify(resource) });
    try {
      expect(matchIds((await get(path, tokens.access_token)).body)[0]).toBe('eob-added-today');
    } finally {
      await hub.db.delete(fhirResources).where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, 'eob-added-today')));
    }
  });

  it('refuses a stopped grant on the next request', async () => {
    const { tokens, grant } = await hub.launch({ memberId: MARIA });
    await warm('ExplanationOfBenefit', tokens.access_token);
    await revokeConsentGrant({ grantId: grant.id, by: { kind: 'member', id: MARIA }, reason: 'member-stopped' });
    expect((await get('ExplanationOfBenefit', tokens.access_token)).status).toBe(401);
  });

  it('refuses a suspended app on the next request', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    await warm('Patient', tokens.access_token);
    await changeAppStatus({ appId: 'blue-button-explorer', decision: 'suspend', criterion: 'failed-security-assessment', staffUsername: 'reviewer' });
    try {
      expect((await get('Patient', tokens.access_token)).status).toBe(401);
    } finally {
      await changeAppStatus({ appId: 'blue-button-explorer', decision: 'reinstate', criterion: 'security-issue-resolved', staffUsername: 'reviewer' });
    }
  });

  it('refuses a member recorded as deceased, and serves again when the record is corrected', async () => {
    const { tokens } = await hub.launch({ memberId: FATIMA });
    await warm('Coverage', tokens.access_token);
    await hub.db.update(members).set({ deceasedDate: '2026-01-02' }).where(eq(members.memberId, FATIMA));
    try {
      expect((await get('Coverage', tokens.access_token)).status).toBe(403);
      expect((await get('Coverage', tokens.access_token)).status).toBe(403);
    } finally {
      await hub.db.update(members).set({ deceasedDate: null }).where(eq(members.memberId, FATIMA));
    }
    // The refusal was reused facts' too: a refusal is always decided again on facts read just now.
    expect((await get('Coverage', tokens.access_token)).status).toBe(200);
  });

  it('refuses a member whose enrollment now ended over a year ago', async () => {
    const { tokens } = await hub.launch({ memberId: FATIMA });
    await warm('Patient', tokens.access_token);
    const spans = await hub.db.select().from(enrollmentSpans).where(eq(enrollmentSpans.memberId, FATIMA));
    await hub.db.update(enrollmentSpans).set({ end: '2020-06-30' }).where(eq(enrollmentSpans.memberId, FATIMA));
    try {
      expect((await get('Patient', tokens.access_token)).status).toBe(403);
    } finally {
      for (const span of spans) await hub.db.update(enrollmentSpans).set({ end: span.end }).where(eq(enrollmentSpans.id, span.id));
    }
    expect((await get('Patient', tokens.access_token)).status).toBe(200);
  });

  it('answers a revoked token 401 whatever else is wrong with its request', async () => {
    const { tokens, grant } = await hub.launch({ memberId: MARIA });
    await warm('ExplanationOfBenefit?_count=2', tokens.access_token);
    await revokeConsentGrant({ grantId: grant.id, by: { kind: 'member', id: MARIA }, reason: 'member-stopped' });
    for (const path of ['ExplanationOfBenefit?_count=abc', 'ExplanationOfBenefit?service-date=notadate', 'ExplanationOfBenefit/not_an_id!', 'ExplanationOfBenefit?_count=2']) {
      expect((await get(path, tokens.access_token)).status, path).toBe(401);
    }
  });

  it('logs every read once, cached or not, also when many arrive at once', async () => {
    const { tokens, grant } = await hub.launch({ memberId: MARIA });
    await warm('ExplanationOfBenefit?_count=4', tokens.access_token);
    const logged = async () => (await hub.db.select({ count: accessLog.count }).from(accessLog).where(eq(accessLog.grantId, grant.id))).map((r) => r.count);
    expect(await logged()).toEqual([4, 4]);
    const answers = await Promise.all(Array.from({ length: 20 }, () => get('ExplanationOfBenefit?_count=4', tokens.access_token)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(await logged()).toEqual(Array(22).fill(4));
  });
});

describe('the FHIR epoch', () => {
  it('moves once per transaction, however many rows it changes', async () => {
    const before = await epoch();
    await hub.db.transaction(async (tx) => {
      await tx.update(enrollmentSpans).set({ planCode: sql`plan_code` }).where(eq(enrollmentSpans.memberId, MARIA));
      await tx.update(members).set({ birthDate: sql`birth_date` }).where(eq(members.memberId, MARIA));
    });
    expect(await epoch()).toBe(before + 1n);
  });

  it('stands still for what cannot change an answer: new tokens and grants, reads, notices, preferences', async () => {
    const { grant } = await hub.launch({ memberId: MARIA });
    const before = await epoch();
    const { tokens } = await hub.launch({ memberId: MARIA });
    await get('Patient', tokens.access_token);
    await hub.db.update(consentGrants).set({ expiryNoticeSentAt: new Date() }).where(eq(consentGrants.id, grant.id));
    await hub.db.update(members).set({ preferredLocale: 'es' }).where(eq(members.memberId, MARIA));
    await hub.db.update(apps).set({ summary: sql`summary` }).where(eq(apps.id, 'blue-button-explorer'));
    expect(await epoch()).toBe(before);
    await hub.db.update(members).set({ preferredLocale: 'en' }).where(eq(members.memberId, MARIA));
  });

  it('moves for changes applied as a replica too (logical replication, restores)', async () => {
    const before = await epoch();
    await hub.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(members).set({ deceasedDate: sql`deceased_date` }).where(eq(members.memberId, MARIA));
    });
    expect(await epoch()).toBe(before + 1n);
  });

  it('without an epoch row reuses nothing: every request is decided on the database', async () => {
    const { tokens, grant } = await hub.launch({ memberId: MARIA });
    const [row] = await hub.db.select().from(fhirEpoch);
    await hub.db.delete(fhirEpoch);
    try {
      await warm('Coverage', tokens.access_token);
      await revokeConsentGrant({ grantId: grant.id, by: { kind: 'member', id: MARIA }, reason: 'member-stopped' });
      expect((await get('Coverage', tokens.access_token)).status).toBe(401);
    } finally {
      await hub.db.insert(fhirEpoch).values({ id: 1, value: row.value + 1n });
    }
  });

  it('is read with the token in one snapshot, and a stale one is never logged', async () => {
    const { tokens, grant } = await hub.launch({ memberId: MARIA });
    await warm('Patient', tokens.access_token);
    // Move the epoch without changing anything the token may see: the reused facts are stale, so the
    // request is answered again from the database and logged once, on the fresh facts.
    await hub.db.update(members).set({ birthDate: sql`birth_date` }).where(eq(members.memberId, MARIA));
    expect((await get(`Patient/${patientIdFor(MARIA)}`, tokens.access_token)).status).toBe(200);
    expect(await hub.db.$count(accessLog, eq(accessLog.grantId, grant.id))).toBe(3);
  });

  it('moves when every token is killed at once (TRUNCATE), and the dead tokens stop', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    await warm('ExplanationOfBenefit?_count=2', tokens.access_token);
    await hub.db.execute(sql`truncate oidc_models`);
    expect((await get('ExplanationOfBenefit?_count=2', tokens.access_token)).status).toBe(401);
    expect((await get('ExplanationOfBenefit?_count=3', tokens.access_token)).status).toBe(401);
  });
});
