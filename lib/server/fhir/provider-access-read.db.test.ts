import { and, eq, lt, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, appClock, todayIn, type CalendarDate } from '@/lib/calendar';
import { auditEvents, enrollmentSpans, fhirResources, providerAttributions } from '@/lib/db/schema';
import { enrolledPeriodsInWindow } from '@/lib/server/eligibility';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { recordSharingChoice } from '@/lib/server/sharing/record-sharing-choice';
import { backendToken } from '@/lib/testing/backend-token';
import { suiteHub } from '@/lib/testing/suite-hub';

// Provider Access (CMS-0057-F; 42 CFR 422.121(a), 431.61): an in-network provider reads the
// claims, coverage and Patient of the members attributed to it, from 2016-01-01, unless the
// member turned Provider Access off; never sensitive claims; and nobody else's, without telling
// whether that someone exists.

const MARIA = '100000000001'; // attributed to Boston Community; claims before 2016 and behavioral-health claims
const FATIMA = '100000000016'; // attributed to Boston Community; behavioral-health and substance-use claims
const LINH = '100000000005'; // attributed to no one
const PROVIDER = 'boston-community-provider-access';
const PLAN = 'harbor-health-plan-p2p';
const GROUP = 'pg-boston-community';
const ALL_READS = 'system/Group.read system/Patient.read system/Coverage.read system/ExplanationOfBenefit.read';

const suite = suiteHub({ dataDirPrefix: 'hub-provider-access-read-', mailToDevOutbox: false });

async function fhir(pathAndQuery: string, token: string) {
  const response = await fetch(`${suite.hub.fhirBase}/${pathAndQuery}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}
const ids = (bundle: Record<string, any>) => (bundle.entry ?? []).filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource.id as string).sort();

/** The member's claims a provider may read, worked out from the stored rows: enrolled days from 2016-01-01, no sensitive claim. */
async function expectedClaimIds(memberId: string): Promise<string[]> {
  const db = suite.hub.db;
  const spans = await db.select().from(enrollmentSpans).where(eq(enrollmentSpans.memberId, memberId));
  const periods = enrolledPeriodsInWindow(
    spans.map((s) => ({ start: s.start as CalendarDate, end: s.end as CalendarDate | null, plan: s.planCode })),
    todayIn(appClock()),
  );
  const rows = await db
    .select({ id: fhirResources.id, serviceDate: fhirResources.serviceDate, sensitivity: fhirResources.sensitivity })
    .from(fhirResources)
    .where(and(eq(fhirResources.patientId, patientIdFor(memberId)), eq(fhirResources.resourceType, 'ExplanationOfBenefit')));
  return rows
    .filter((r) => r.sensitivity === 'none' && r.serviceDate !== null && r.serviceDate >= '2016-01-01' && periods.some((p) => r.serviceDate! >= p.start && r.serviceDate! <= p.end))
    .map((r) => r.id)
    .sort();
}

describe('Provider Access: a provider reads its attributed members\' data', () => {
  let token: string;
  beforeAll(async () => {
    // The demo provider is registered for all four reads (lib/demo/fixtures/provider-access.json).
    const issued = await backendToken(suite.hub.url, PROVIDER, ALL_READS);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    token = issued.body.access_token;
  });

  it('reads an attributed member\'s Patient, Coverage and claims: enrolled days from 2016-01-01, no sensitive claim, each read audited without the data', async () => {
    const maria = patientIdFor(MARIA);
    const group = await fhir(`Group/${GROUP}`, token);
    expect(group.body.member.map((m: any) => m.entity.reference)).toContain(`Patient/${maria}`);

    const patient = await fhir(`Patient/${maria}`, token);
    expect([patient.status, patient.body.id]).toEqual([200, maria]);
    const coverage = await fhir(`Coverage?patient=${maria}`, token);
    expect(coverage.status).toBe(200);
    expect(coverage.body.entry.length).toBeGreaterThan(0);

    for (const memberId of [MARIA, FATIMA]) {
      const claims = await fhir(`ExplanationOfBenefit?patient=${patientIdFor(memberId)}&_count=200`, token);
      expect(claims.status, JSON.stringify(claims.body)).toBe(200);
      expect(claims.body.link.some((l: any) => l.relation === 'next')).toBe(false);
      const expected = await expectedClaimIds(memberId);
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(claims.body)).toEqual(expected);
    }
    // What was left out is on file: Maria's claims before 2016, Fatima's sensitive ones.
    const [early] = await suite.hub.db
      .select({ id: fhirResources.id })
      .from(fhirResources)
      .where(and(eq(fhirResources.patientId, maria), eq(fhirResources.resourceType, 'ExplanationOfBenefit'), lt(fhirResources.serviceDate, '2016-01-01')));
    expect(early).toBeDefined();
    const sensitive = await suite.hub.db
      .select({ id: fhirResources.id })
      .from(fhirResources)
      .where(and(eq(fhirResources.patientId, patientIdFor(FATIMA)), ne(fhirResources.sensitivity, 'none')));
    expect(sensitive.length).toBeGreaterThan(0);

    const audits = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'provider-access.data-read'), eq(auditEvents.memberId, MARIA)));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(audits[0]).toMatchObject({ actorKind: 'app', actorId: PROVIDER });
    expect(Object.keys(audits[0].details).sort()).toEqual(['choiceId', 'groupId']);
  });

  it('answers the same 403 for a member who is not attributed, one who turned Provider Access off, and no member at all', async () => {
    const refusal = async (patientId: string) => {
      const answer = await fhir(`ExplanationOfBenefit?patient=${patientId}`, token);
      expect(answer.status, patientId).toBe(403);
      expect(answer.headers.get('www-authenticate'), patientId).toBeNull();
      return answer.body;
    };
    const notAttributed = await refusal(patientIdFor(LINH));
    expect(await refusal('pt-no-such-member')).toEqual(notAttributed);
    await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'deny', by: { kind: 'member' } });
    try {
      expect(await refusal(patientIdFor(MARIA))).toEqual(notAttributed);
      expect((await fhir(`Patient/${patientIdFor(MARIA)}`, token)).status).toBe(404);
    } finally {
      await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'permit', by: { kind: 'member' } });
    }
    expect((await fhir(`ExplanationOfBenefit?patient=${patientIdFor(MARIA)}`, token)).status).toBe(200);
  });

  it('reads a member only while the attribution holds today', async () => {
    const linh = patientIdFor(LINH);
    const today = todayIn(appClock());
    await suite.hub.db.insert(providerAttributions).values({ groupId: GROUP, memberId: LINH, start: addDays(today, 1), end: null });
    expect((await fhir(`Coverage?patient=${linh}`, token)).status).toBe(403);
    await suite.hub.db.update(providerAttributions).set({ start: today }).where(and(eq(providerAttributions.groupId, GROUP), eq(providerAttributions.memberId, LINH)));
    expect((await fhir(`Coverage?patient=${linh}`, token)).status).toBe(200);
    await suite.hub.db.update(providerAttributions).set({ start: addDays(today, -30), end: addDays(today, -1) }).where(and(eq(providerAttributions.groupId, GROUP), eq(providerAttributions.memberId, LINH)));
    expect((await fhir(`Coverage?patient=${linh}`, token)).status).toBe(403);
  });

  it('needs the type\'s system/ scope: without it, 403 insufficient_scope; and another plan does not read through the provider\'s rule', async () => {
    const narrow = (await backendToken(suite.hub.url, PROVIDER, 'system/Group.read system/Patient.read')).body.access_token;
    const maria = patientIdFor(MARIA);
    expect((await fhir(`Patient/${maria}`, narrow)).status).toBe(200);
    const claims = await fhir(`ExplanationOfBenefit?patient=${maria}`, narrow);
    expect(claims.status).toBe(403);
    expect(claims.headers.get('www-authenticate')).toMatch(/^Bearer realm=".*", error="insufficient_scope"$/);
    // An _include reaches no further than the token's scope.
    const withPatient = (await backendToken(suite.hub.url, PROVIDER, 'system/ExplanationOfBenefit.read')).body.access_token;
    const included = await fhir(`ExplanationOfBenefit?patient=${maria}&_include=ExplanationOfBenefit:patient&_count=1`, withPatient);
    expect(included.status).toBe(200);
    expect(included.body.entry.some((e: any) => e.resource.resourceType === 'Patient')).toBe(false);

    const plan = (await backendToken(suite.hub.url, PLAN, 'system/Patient.read system/ExplanationOfBenefit.read')).body.access_token;
    expect((await fhir(`ExplanationOfBenefit?patient=${maria}`, plan)).status).toBe(403);
  });

  it('the CapabilityStatement says providers read Patient, Coverage and ExplanationOfBenefit of attributed members', async () => {
    const statement = (await (await fetch(`${suite.hub.fhirBase}/metadata`)).json()) as any;
    for (const type of ['Patient', 'Coverage', 'ExplanationOfBenefit']) {
      expect(statement.rest[0].resource.find((r: any) => r.type === type).documentation, type).toMatch(/provider organization, for a member attributed to its Group/);
    }
    expect(statement.rest[0].resource.find((r: any) => r.type === 'Group').documentation).toMatch(/Patient, Coverage and ExplanationOfBenefit/);
  });
});
