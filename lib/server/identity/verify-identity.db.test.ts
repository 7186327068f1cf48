import { eq, gt, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalendarDate } from '@/lib/calendar';
import { auditEvents, members, rateLimits, representatives } from '@/lib/db/schema';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { moveAppClock, resetAppClock } from './testing/move-app-clock';
import { verifyIdentity, type VerifyIdentityInput } from './verify-identity';

// Counts comparisons, to show an unknown ID costs the same work as a known one.
const comparisons = vi.hoisted(() => ({ count: 0 }));
vi.mock('./match-identity', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./match-identity')>();
  return {
    ...actual,
    identityMatches: (...args: Parameters<typeof actual.identityMatches>) => {
      comparisons.count += 1;
      return actual.identityMatches(...args);
    },
  };
});

const TODAY = '2026-11-23' as CalendarDate;
let network = 0;
let networkKey: string;

const database = setUpTestDatabase({ today: TODAY });
// Each test starts with no failures counted, from an address of its own.
beforeEach(async () => {
  await database.db.delete(rateLimits);
  network += 1;
  networkKey = `203.0.113.${network}`;
});
afterEach(() => resetAppClock());

async function memberDetails(memberId: string): Promise<VerifyIdentityInput> {
  const [m] = await database.db.select().from(members).where(eq(members.memberId, memberId));
  return { kind: 'member', given: m.given, family: m.family, birthDate: m.birthDate, id: m.memberId, zip: m.zip, networkKey };
}

const MARIA = '100000000001';
const JOSE = '100000000012';
const AVA = '100000000013';
const MIA = '100000000014';

describe('verifyIdentity: members', () => {
  it('matches every fixture member with their own details', async () => {
    const all = await database.db.select({ memberId: members.memberId, email: members.email }).from(members);
    expect(all).toHaveLength(17);
    for (const { memberId, email } of all) {
      const result = await verifyIdentity(await memberDetails(memberId));
      expect(result, memberId).toEqual({
        ok: true,
        subject: { kind: 'member', id: memberId },
        maskedEmail: `${email[0]}•••••••••${email.split('@')[0].at(-1)}@members.example`,
      });
    }
  });

  it.each([
    ['jose', 'obrien nunez', '100000000012'],
    ['José', 'O’Brien-Núñez', '100000000012'],
    ['JOSE', "o'brien nunez", '1000 0000 0012'],
    ['Jose', 'OBrien-Nunez', '100-000-000-012'],
  ])('matches José typed as %s / %s / %s', async (given, family, id) => {
    const result = await verifyIdentity({ ...(await memberDetails(JOSE)), given, family, id, zip: ' 02128-0001 ' });
    expect(result).toMatchObject({ ok: true, subject: { kind: 'member', id: JOSE } });
  });

  it('gives the same answer, after the same work, whichever detail is wrong or when the ID is on no file', async () => {
    const maria = await memberDetails(MARIA);
    const attempts: VerifyIdentityInput[] = [
      { ...maria, zip: '02118' },
      { ...maria, id: '100000000099' },
      { ...maria, birthDate: '1984-03-13' },
      { ...maria, given: 'Mario' },
      { ...maria, id: '' },
    ];
    const results = [];
    for (const attempt of attempts) {
      comparisons.count = 0;
      results.push(await verifyIdentity(attempt));
      expect(comparisons.count).toBe(1);
    }
    for (const result of results) expect(result).toStrictEqual({ ok: false, reason: 'no-match' });
  });

  it('tells the twins apart by member ID only', async () => {
    const ava = await memberDetails(AVA);
    const mia = await memberDetails(MIA);
    expect(await verifyIdentity(ava)).toMatchObject({ ok: true, subject: { id: AVA } });
    expect(await verifyIdentity(mia)).toMatchObject({ ok: true, subject: { id: MIA } });
    expect(await verifyIdentity({ ...ava, id: MIA })).toEqual({ ok: false, reason: 'no-match' });
    expect(await verifyIdentity({ ...mia, id: AVA })).toEqual({ ok: false, reason: 'no-match' });
  });

  it('audits each outcome without any typed value', async () => {
    const [{ lastId }] = await database.db.select({ lastId: sql<number>`coalesce(max(${auditEvents.id}), 0)::int` }).from(auditEvents);
    await verifyIdentity({ ...(await memberDetails(MARIA)), zip: '99999' });
    await verifyIdentity(await memberDetails(MARIA));
    const [failed, verified] = await database.db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(auditEvents.id);
    expect(failed).toMatchObject({ action: 'identity.failed', actorKind: 'member', actorId: null, memberId: null, details: { kind: 'member', reason: 'no-match' } });
    expect(verified).toMatchObject({ action: 'identity.verified', actorKind: 'member', actorId: MARIA, memberId: MARIA, details: { kind: 'member' } });
    // Everything but the chain's hashes: 64 random hex digits hold a 5-digit ZIP now and then by chance.
    const rows = (await database.db.select().from(auditEvents)).map(({ hash: _hash, prevHash: _prevHash, ...row }) => row);
    const everything = JSON.stringify(rows);
    for (const typed of ['1984-03-12', 'Santos', 'Maria', '99999', '02119']) expect(everything).not.toContain(typed);
  });
});

describe('verifyIdentity: representatives', () => {
  it.each(['R-0002', 'r-0002', 'R 0002', 'r0002'])('verifies Giulia Rossi with her own details and ID typed %s', async (id) => {
    const [giulia] = await database.db.select().from(representatives).where(eq(representatives.repId, 'R-0002'));
    const result = await verifyIdentity({ kind: 'representative', given: 'giulia', family: 'ROSSI', birthDate: giulia.birthDate, id, zip: giulia.zip, networkKey });
    expect(result).toEqual({ ok: true, subject: { kind: 'representative', id: 'R-0002' }, maskedEmail: 'g•••••••••i@reps.example' });
  });

  it('verifies every fixture representative, and none with a member ID instead', async () => {
    const reps = await database.db.select().from(representatives);
    expect(reps).toHaveLength(6);
    for (const [i, rep] of reps.entries()) {
      const own = { kind: 'representative' as const, given: rep.given, family: rep.family, birthDate: rep.birthDate, zip: rep.zip, networkKey };
      expect(await verifyIdentity({ ...own, id: rep.repId }), rep.repId).toMatchObject({ ok: true, subject: { id: rep.repId } });
      expect(await verifyIdentity({ ...own, id: `10000000000${i + 1}` })).toEqual({ ok: false, reason: 'no-match' });
    }
  });

  it('does not take a member for a representative', async () => {
    expect(await verifyIdentity({ ...(await memberDetails(MARIA)), kind: 'representative' })).toEqual({ ok: false, reason: 'no-match' });
  });
});

describe('verifyIdentity: rate limits', () => {
  it('refuses a sixth failure for one member ID within 15 minutes, even with the right details, from anywhere', async () => {
    const kevin = await memberDetails('100000000002');
    for (let i = 0; i < 5; i += 1) {
      expect(await verifyIdentity({ ...kevin, zip: '00000', networkKey: `198.51.100.${i}` })).toEqual({ ok: false, reason: 'no-match' });
    }
    const refused = await verifyIdentity({ ...kevin, networkKey: '198.51.100.99' });
    expect(refused).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
    // The limit holds an unknown ID the same way, so it tells nobody whether the ID exists.
    for (let i = 0; i < 5; i += 1) await verifyIdentity({ ...kevin, id: '100000000077' });
    expect(await verifyIdentity({ ...kevin, id: '100000000077' })).toMatchObject({ ok: false, reason: 'rate-limited' });

    moveAppClock(15 * 60 + 1);
    expect(await verifyIdentity(kevin)).toMatchObject({ ok: true, subject: { id: '100000000002' } });
  });

  it('counts failures only: a member may verify again and again', async () => {
    const maria = await memberDetails(MARIA);
    for (let i = 0; i < 12; i += 1) expect(await verifyIdentity(maria)).toMatchObject({ ok: true });
  });

  it('lets 30 different members at one address verify, each after a typo', async () => {
    const extra = Array.from({ length: 13 }, (_, i) => {
      const memberId = String(200000000001 + i);
      return {
        memberId,
        patientId: `test-${memberId}`,
        given: `Office${i}`,
        family: 'Worker',
        birthDate: '1990-01-01',
        sex: 'female',
        addressLine: '1 Test St',
        city: 'Boston',
        state: 'MA',
        zip: '02110',
        email: `office${i}@members.example`,
      };
    });
    await database.db.insert(members).values(extra).onConflictDoNothing();
    const everyone = await database.db.select({ memberId: members.memberId }).from(members);
    expect(everyone.length).toBeGreaterThanOrEqual(30);
    for (const { memberId } of everyone.slice(0, 30)) {
      const own = await memberDetails(memberId);
      expect(await verifyIdentity({ ...own, birthDate: '1900-01-01' })).toEqual({ ok: false, reason: 'no-match' });
      expect(await verifyIdentity(own), memberId).toMatchObject({ ok: true, subject: { id: memberId } });
    }
  });

  it('refuses the 101st failure from one address within 15 minutes', async () => {
    const maria = await memberDetails(MARIA);
    for (let i = 0; i < 100; i += 1) {
      expect(await verifyIdentity({ ...maria, id: String(300000000000 + i) })).toEqual({ ok: false, reason: 'no-match' });
    }
    expect(await verifyIdentity(maria)).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(await verifyIdentity({ ...maria, networkKey: 'another-address' })).toMatchObject({ ok: true });
  });
});
