import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, fhirResources } from '@/lib/db/schema';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { backendToken } from '@/lib/testing/backend-token';
import { linhSharesWithHarbor, memberMatchRequest } from '@/lib/testing/member-match-request';
import { suiteHub } from '@/lib/testing/suite-hub';
import { consentIdFor } from './consent-resources';
import { recordSharingChoice } from './record-sharing-choice';

const MARIA = '100000000001';
const LINH = '100000000005';
const EMMA = '100000000009';
const GROUP = 'pg-boston-community';
const PROVIDER = 'boston-community-provider-access';
const PLAN = 'harbor-health-plan-p2p';

const suite = suiteHub({ dataDirPrefix: 'hub-sharing-enforcement-', mailToDevOutbox: false });

async function fhir(pathAndQuery: string, token: string, init: RequestInit = {}) {
  const response = await fetch(`${suite.hub.fhirBase}/${pathAndQuery}`, { ...init, headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json', ...(init.headers ?? {}) } });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
const listed = (group: Record<string, any>) => (group.member ?? []).map((m: any) => m.entity.reference);

describe('Provider Access: GET /fhir/Group/<id> for a provider organization (SMART backend services)', () => {
  let token: string;
  beforeAll(async () => {
    const issued = await backendToken(suite.hub.url, PROVIDER, 'system/Group.read');
    expect(issued.status).toBe(200);
    expect(issued.body.scope).toBe('system/Group.read');
    token = issued.body.access_token;
  });

  it('refuses a client that cannot prove its key, and a request without a backend token', async () => {
    const otherKey = { ...(await import('@/lib/demo/fixtures/provider-access.json')).backendClients[1].demoPrivateJwk, kid: 'bchc-2026' };
    expect((await backendToken(suite.hub.url, PROVIDER, 'system/Group.read', { key: otherKey })).status).toBe(401);
    // SMART Backend Services: an assertion expires within five minutes and has a jti.
    const now = Math.floor(Date.now() / 1000);
    expect((await backendToken(suite.hub.url, PROVIDER, 'system/Group.read', { claims: { exp: now + 365 * 86_400 } })).status).toBe(401);
    expect((await backendToken(suite.hub.url, PROVIDER, 'system/Group.read', { claims: { exp: now + 3600 } })).status).toBe(401);
    expect((await backendToken(suite.hub.url, PROVIDER, 'system/Group.read', { claims: { jti: undefined } })).status).toBe(401);
    expect((await backendToken(suite.hub.url, PROVIDER, 'system/Group.read', { claims: { exp: now + 240 } })).status).toBe(200);
    // A scope it is not registered for is refused by name, not left out of a token with none.
    for (const scope of ['system/Organization.read', 'system/Group.read system/*.read', 'patient/*.read', '']) {
      const refused = await backendToken(suite.hub.url, PROVIDER, scope);
      expect([scope, refused.status, refused.body.error]).toEqual([scope, 400, 'invalid_scope']);
    }
    expect((await fhir(`Group/${GROUP}`, 'not-a-token')).status).toBe(401);
  });

  it('lists the attributed members, leaves out whoever turned Provider Access off at the moment of the request, and lists them again when they turn it back on', async () => {
    const maria = `Patient/${patientIdFor(MARIA)}`;
    const before = await fhir(`Group/${GROUP}`, token);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ resourceType: 'Group', type: 'person', actual: true });
    expect(listed(before.body)).toContain(maria);
    expect(listed(before.body)).toContain(`Patient/${patientIdFor(EMMA)}`);

    await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'deny', by: { kind: 'member' } });
    const off = await fhir(`Group/${GROUP}`, token);
    expect(listed(off.body)).not.toContain(maria);
    expect(off.body.quantity).toBe(before.body.quantity - 1);

    await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'permit', by: { kind: 'member' } });
    expect(listed((await fhir(`Group/${GROUP}`, token)).body)).toContain(maria);

    const [audit] = await suite.hub.db.select().from(auditEvents).where(eq(auditEvents.action, 'provider-access.group-read')).limit(1);
    expect(audit).toMatchObject({ actorKind: 'app', actorId: PROVIDER, memberId: null });
  });

  it('a provider reads only its own Group; another plan reads none', async () => {
    expect((await fhir('Group/pg-merrimack-family', token)).status).toBe(404);
    const plan = await backendToken(suite.hub.url, PLAN, 'system/Patient.read');
    expect((await fhir(`Group/${GROUP}`, plan.body.access_token)).status).toBe(403);
  });
});

describe('the member\'s Consent resources through the Patient Access API', () => {
  it('reads and searches them by patient, category and the PDex parameters, only the member\'s own', async () => {
    const { tokens } = await suite.hub.launch({ memberId: MARIA, scope: 'launch/patient openid patient/Consent.rs patient/Patient.rs' });
    const token = String(tokens.access_token);
    const patient = patientIdFor(MARIA);
    await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'deny', by: { kind: 'member' } });
    const search = await fhir(`Consent?patient=${patient}&category=provider-access`, token);
    expect(search.status).toBe(200);
    expect(search.body.entry.map((e: any) => e.resource.provision.type)).toEqual(['deny']);
    const id = consentIdFor('provider_access', patient);
    expect((await fhir(`Consent/${id}`, token)).body.meta.profile).toEqual(['http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-provider-consent']);
    const count = async (query: string) => ((await fhir(`Consent?${query}`, token)).body.entry ?? []).length;
    expect(await count('provision-type=deny')).toBe(1);
    expect(await count('provision-type=permit')).toBe(0);
    expect(await count('provision-action=http://terminology.hl7.org/CodeSystem/consentaction|disclose')).toBe(1);
    expect(await count('provider-access=true')).toBe(1);
    expect(await count('category=http://hl7.org/fhir/us/davinci-pdex/CodeSystem/pdex-consent-api-purpose|payer-to-payer')).toBe(0);
    // Another member's Consent is not found.
    await recordSharingChoice({ memberId: EMMA, kind: 'provider_access', decision: 'deny', by: { kind: 'member' } });
    expect((await fhir(`Consent/${consentIdFor('provider_access', patientIdFor(EMMA))}`, token)).status).toBe(404);
    expect(await count(`patient=${patientIdFor(EMMA)}`)).toBe(0);
    await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'permit', by: { kind: 'member' } });
  });

  it('the CapabilityStatement and SMART configuration list Consent and its searches', async () => {
    const statement = (await (await fetch(`${suite.hub.fhirBase}/metadata`)).json()) as any;
    const consent = statement.rest[0].resource.find((r: any) => r.type === 'Consent');
    expect(consent.searchParam.map((p: any) => p.name)).toEqual(expect.arrayContaining(['patient', 'category', 'provision-type', 'provision-action', 'provider-access']));
    // The Provider Access Group and Payer-to-Payer $member-match are discoverable too.
    expect(statement.rest[0].resource.find((r: any) => r.type === 'Group')).toMatchObject({ interaction: [{ code: 'read' }] });
    const patient = statement.rest[0].resource.find((r: any) => r.type === 'Patient');
    expect(patient.operation).toEqual([expect.objectContaining({ name: 'member-match', definition: 'http://hl7.org/fhir/us/davinci-hrex/OperationDefinition/member-match' })]);
    const smart = (await (await fetch(`${suite.hub.fhirBase}/.well-known/smart-configuration`)).json()) as any;
    expect(smart.scopes_supported).toContain('patient/Consent.rs');
  });
});

describe('Payer-to-Payer: POST /fhir/Patient/$member-match as the old payer', () => {
  let token: string;
  const linhPatient = patientIdFor(LINH);
  const sensitiveId = 'eob-test-linh-sensitive';
  beforeAll(async () => {
    token = (await backendToken(suite.hub.url, PLAN, 'system/Patient.read system/ExplanationOfBenefit.read')).body.access_token;
    // A behavioral-health claim on file for Linh, inside her enrolled days of the last five years: a
    // copy of her newest claim (asked for by name: which row comes first otherwise is the plan's choice).
    const [eob] = await suite.hub.db
      .select()
      .from(fhirResources)
      .where(and(eq(fhirResources.patientId, linhPatient), eq(fhirResources.resourceType, 'ExplanationOfBenefit')))
      .orderBy(desc(fhirResources.serviceDate))
      .limit(1);
    await suite.hub.db.insert(fhirResources).values({ ...eob, id: sensitiveId, sensitivity: 'behavioral-health', resource: eob.resource.replace(`"id":"${eob.id}"`, `"id":"${sensitiveId}"`) });
  });

  const today = new Date().toISOString().slice(0, 10);
  const matchRequest = (policy: 'regular' | 'sensitive', overrides: { birthDate?: string; consentType?: string } = {}) => memberMatchRequest({ policy, ...overrides });
  const match = (body: unknown) => fhir('Patient/$member-match', token, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/fhir+json' } });
  const claimIds = async () => ((await fhir(`ExplanationOfBenefit?patient=${linhPatient}&_count=200`, token)).body.entry ?? []).map((e: any) => e.resource.id);

  it('refuses before Linh opts in: 422 with an OperationOutcome, and no data', async () => {
    expect(today >= '2026-01-01').toBe(true);
    const refused = await match(matchRequest('regular'));
    expect(refused.status).toBe(422);
    expect(refused.body.resourceType).toBe('OperationOutcome');
    // The same answer as for no member at all: a plan cannot learn who is a member by asking.
    const nobody = await match(matchRequest('regular', { birthDate: '1988-01-26' }));
    expect([nobody.status, nobody.body.issue]).toEqual([422, refused.body.issue]);
    expect(refused.body.issue[0].code).toBe('not-found');
    expect((await fhir(`ExplanationOfBenefit?patient=${linhPatient}`, token)).status).toBe(403);
  });

  it('needs the member ID on the coverage to match: a name and birth date alone are not enough', async () => {
    const noId = matchRequest('regular');
    noId.parameter = noId.parameter.filter((p) => p.name !== 'CoverageToMatch');
    const refused = await match(noId);
    expect([refused.status, refused.body.issue[0].code]).toEqual([422, 'required']);
    const wrongId = matchRequest('regular');
    (wrongId.parameter[1].resource as { identifier: { value: string }[] }).identifier = [{ value: '100000000001' }];
    expect((await match(wrongId)).body.issue[0].code).toBe('not-found');
  });

  it('with #regular on file: finds her, and no sensitive claim is released; after she withdraws, the same request is refused', async () => {
    await linhSharesWithHarbor();
    const found = await match(matchRequest('sensitive'));
    expect(found.status).toBe(200);
    expect(found.body.parameter.find((p: any) => p.name === 'MemberIdentifier').valueIdentifier.value).toBe(LINH);
    expect(found.body.parameter.find((p: any) => p.name === 'MemberId').valueReference.reference).toBe(`Patient/${linhPatient}`);
    const ids = await claimIds();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(sensitiveId);

    await recordSharingChoice({ memberId: LINH, kind: 'payer_to_payer', decision: 'deny', by: { kind: 'member' } });
    const refused = await match(matchRequest('sensitive'));
    expect(refused.status).toBe(422);
    expect((await fhir(`ExplanationOfBenefit?patient=${linhPatient}`, token)).status).toBe(403);
  });

  it('#sensitive from both sides releases sensitive claims too; a bad Consent or no match is refused with 422', async () => {
    await linhSharesWithHarbor('sensitive');
    // A new choice asks for a new match: the match made under her earlier choice no longer reads.
    expect((await fhir(`ExplanationOfBenefit?patient=${linhPatient}`, token)).status).toBe(403);
    // Her choice says #sensitive, the plan's Consent #regular: no sensitive claim goes.
    expect((await match(matchRequest('regular'))).status).toBe(200);
    const regularIds = await claimIds();
    expect(regularIds.length).toBeGreaterThan(0);
    expect(regularIds).not.toContain(sensitiveId);
    // Both say #sensitive: it goes.
    expect((await match(matchRequest('sensitive'))).status).toBe(200);
    expect(await claimIds()).toContain(sensitiveId);
    const deny = await match(matchRequest('sensitive', { consentType: 'deny' }));
    expect([deny.status, deny.body.issue[0].code]).toEqual([422, 'processing']);
    const nobody = await match(matchRequest('regular', { birthDate: '1988-01-26' }));
    expect([nobody.status, nobody.body.issue[0].code]).toEqual([422, 'not-found']);
    const noConsent = matchRequest('regular');
    noConsent.parameter = noConsent.parameter.filter((p) => p.name !== 'Consent');
    expect((await match(noConsent)).status).toBe(422);
    // A provider organization may not ask.
    const provider = (await backendToken(suite.hub.url, PROVIDER, 'system/Group.read')).body.access_token;
    expect((await fhir('Patient/$member-match', provider, { method: 'POST', body: JSON.stringify(matchRequest('regular')) })).status).toBe(403);
  });
});
