import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, consentGrants, enrollmentSpans, members, oidcModels, outbox } from '@/lib/db/schema';
import { loadAccountScope } from '@/lib/server/account/account-scope';
import { stopSharing } from '@/lib/server/account/stop-sharing';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// Fault: a rush. Fifty members approve at once while fifty others stop a connection, and one
// member's approval arrives ten times at once (a double-click, a retrying proxy). Every approval
// makes exactly one grant with its audit row; every stop ends its grant and every token under it;
// nothing waits on a lock for long, nothing fails. On PGlite here, on Postgres in the Postgres pass.
const APPROVERS = 50;
const STOPPERS = 50;
const DOUBLE_SUBMITS = 10;
const TEMPLATE_MEMBER = '100000000001';

let hub: TestHub;
const syntheticIds = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
const approvers = syntheticIds('9100000', APPROVERS);
const stoppers = syntheticIds('9200000', STOPPERS);

beforeAll(async () => {
  hub = await startTestHub();
  // Synthetic members: copies of a demo member (the fixtures have seventeen) under new ids.
  const [template] = await hub.db.select().from(members).where(eq(members.memberId, TEMPLATE_MEMBER));
  const spans = await hub.db.select().from(enrollmentSpans).where(eq(enrollmentSpans.memberId, TEMPLATE_MEMBER));
  const ids = [...approvers, ...stoppers];
  await hub.db.insert(members).values(ids.map((memberId) => ({ ...template, memberId, patientId: `syn-${memberId}`, email: `m${memberId}@example.org`, createdAt: undefined })));
  await hub.db.insert(enrollmentSpans).values(ids.flatMap((memberId) => spans.map(({ id: _id, ...span }) => ({ ...span, memberId }))));
  // The stoppers already share with the app.
  for (const memberId of stoppers) await hub.approve({ uid: null, memberId });
}, 120_000);
afterAll(async () => {
  await settleMailDeliveries();
  await hub?.close();
});

describe('fault: fifty approvals, fifty stops and ten double submits at once', () => {
  it('grants each once, stops each, without a deadlock or an error', { timeout: 60_000 }, async () => {
    const before = await hub.db.select({ id: consentGrants.id, memberId: consentGrants.memberId }).from(consentGrants).where(inArray(consentGrants.memberId, stoppers));
    expect(before).toHaveLength(STOPPERS);
    const grantOf = new Map(before.map((g) => [g.memberId, g.id]));

    const started = Date.now();
    const approvals = approvers.map((memberId) => hub.approve({ uid: null, memberId, requestKey: `rush-${memberId}` }));
    const doubles = Array.from({ length: DOUBLE_SUBMITS }, () => hub.approve({ uid: null, memberId: approvers[0], requestKey: `rush-${approvers[0]}` }));
    const stops = stoppers.map(async (memberId) => {
      const scope = (await loadAccountScope({ kind: 'member', memberId }))!;
      return stopSharing(scope, { grantId: grantOf.get(memberId)!, locale: 'en' });
    });
    const settled = await Promise.allSettled([...approvals, ...doubles, ...stops]);
    const elapsed = Date.now() - started;
    const failures = settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    // No lock wait worth the name: the whole rush (150 requests on one connection or pool) is quick.
    expect(elapsed).toBeLessThan(45_000);

    // Each approver: exactly one grant, with exactly one "granted" audit row; the doubles found it.
    const granted = await hub.db.select().from(consentGrants).where(inArray(consentGrants.memberId, approvers));
    expect(granted).toHaveLength(APPROVERS);
    expect(new Set(granted.map((g) => g.memberId)).size).toBe(APPROVERS);
    const doubleIds = new Set(settled.slice(APPROVERS, APPROVERS + DOUBLE_SUBMITS).map((s) => (s as PromiseFulfilledResult<{ grant: { id: string } }>).value.grant.id));
    expect([...doubleIds]).toEqual([granted.find((g) => g.memberId === approvers[0])!.id]);
    const grantAudits = await hub.db
      .select({ grantId: auditEvents.grantId, n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'consent.granted'), inArray(auditEvents.memberId, approvers)))
      .groupBy(auditEvents.grantId);
    expect(grantAudits).toHaveLength(APPROVERS);
    expect(grantAudits.every((row) => row.n === 1)).toBe(true);
    // …and its one mirror in the authorization server.
    const mirrors = await hub.db.select({ grantId: oidcModels.grantId }).from(oidcModels).where(inArray(oidcModels.grantId, granted.map((g) => g.id)));
    expect(new Set(mirrors.map((m) => m.grantId)).size).toBe(APPROVERS);

    // Each stopper: the grant ended, one "revoked" audit row, no token or provider grant left, one notice.
    const stopped = await hub.db.select().from(consentGrants).where(inArray(consentGrants.memberId, stoppers));
    expect(stopped.every((g) => g.revokedAt && g.revokedReason === 'member-stopped')).toBe(true);
    const [{ n: revokedAudits }] = await hub.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'consent.revoked'), inArray(auditEvents.memberId, stoppers)));
    expect(revokedAudits).toBe(STOPPERS);
    const leftovers = await hub.db.select({ id: oidcModels.id }).from(oidcModels).where(inArray(oidcModels.grantId, [...grantOf.values()]));
    expect(leftovers).toEqual([]);
    const [{ n: endNotices }] = await hub.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(and(inArray(outbox.toAddress, stoppers.map((id) => `m${id}@example.org`)), sql`${outbox.template} = 'connection-ended'`));
    expect(endNotices).toBe(STOPPERS);
    const stillActive = await hub.db.select({ id: consentGrants.id }).from(consentGrants).where(and(inArray(consentGrants.memberId, stoppers), isNull(consentGrants.revokedAt)));
    expect(stillActive).toEqual([]);
  });

  it('one member approving the same app in several tabs at once keeps one connection', { timeout: 60_000 }, async () => {
    // Different approvals (each tab its own request), not a double submit: each makes a grant, and
    // each replaces the ones before it, so one is left whatever order they commit in.
    const memberId = approvers[1];
    const tabs = await Promise.all(Array.from({ length: 6 }, (_, i) => hub.approve({ uid: null, memberId, requestKey: `tab-${i}-${memberId}` })));
    expect(new Set(tabs.map((t) => t.grant.id)).size).toBe(6);
    const left = await hub.db
      .select({ id: consentGrants.id })
      .from(consentGrants)
      .where(and(eq(consentGrants.memberId, memberId), isNull(consentGrants.revokedAt), isNull(consentGrants.replacedBy)));
    expect(left).toHaveLength(1);
    const mirrors = await hub.db.select({ grantId: oidcModels.grantId }).from(oidcModels).where(inArray(oidcModels.grantId, tabs.map((t) => t.grant.id)));
    expect([...new Set(mirrors.map((m) => m.grantId))]).toEqual([left[0].id]);
  });

  it('over HTTP: twenty tokens read at once, and stopped ones are refused at once', { timeout: 60_000 }, async () => {
    const launched = await Promise.all(['100000000001', '100000000010', '100000000011', '100000000016'].map((memberId) => hub.launch({ memberId })));
    const reads = await Promise.all(launched.flatMap(({ tokens }) => Array.from({ length: 5 }, () => hub.fhirStatus(`Patient/${tokens.patient}`, tokens.access_token))));
    expect(reads).toEqual(Array(20).fill(200));
    await Promise.all(
      launched.map(async ({ grant }) => {
        const scope = (await loadAccountScope({ kind: 'member', memberId: grant.memberId }))!;
        return stopSharing(scope, { grantId: grant.id, locale: 'en' });
      }),
    );
    const after = await Promise.all(launched.map(({ tokens }) => hub.fhirStatus(`Patient/${tokens.patient}`, tokens.access_token)));
    expect(after).toEqual([401, 401, 401, 401]);
  });
});
