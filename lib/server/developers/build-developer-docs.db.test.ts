import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';
import { buildDeveloperDocs } from './build-developer-docs';
import { FHIRCLIENT_SCRIPT_URL, writeFhirclientExample } from './write-fhirclient-example';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());

const getJson = async (path: string) => (await (await fetch(`${hub.fhirBase}${path}`)).json()) as Record<string, any>;

describe('the developer documentation', () => {
  it('says what the running server serves: its SMART configuration and every resource and search parameter of its CapabilityStatement', async () => {
    const docs = buildDeveloperDocs();
    const smart = await getJson('/.well-known/smart-configuration');
    const metadata = await getJson('/metadata');
    expect(docs.fhirBase).toBe(hub.fhirBase);
    expect(docs.smart).toEqual(smart);
    expect([...docs.scopes.identity, ...docs.scopes.v2, ...docs.scopes.v1, ...docs.scopes.system].sort()).toEqual([...smart.scopes_supported].sort());
    expect(docs.scopes.identity).toEqual(['openid', 'fhirUser', 'offline_access', 'launch', 'launch/patient']);
    expect(docs.scopes.v1).toEqual(expect.arrayContaining(['patient/*.read', 'user/*.read']));
    expect(docs.scopes.v2).toEqual(expect.arrayContaining(['patient/ExplanationOfBenefit.rs', 'user/ExplanationOfBenefit.rs']));
    expect(docs.scopes.system).toEqual(expect.arrayContaining(['system/Group.read', 'system/Patient.read']));
    const served = metadata.rest[0].resource.filter((r: any) => r.searchParam).map((r: any) => ({ type: r.type, searchParams: r.searchParam, profiles: r.supportedProfile ?? [], includes: r.searchInclude ?? [] }));
    expect(docs.resources).toEqual(served);
    expect(docs.resources.map((r) => r.type)).toEqual(['Patient', 'Coverage', 'ExplanationOfBenefit', 'Organization', 'Practitioner', 'MedicationKnowledge', 'Consent']);
  });

  it('lists the demo members as sandbox patients in demo mode only, with dates resolved on today', async () => {
    const docs = buildDeveloperDocs();
    expect(docs.sandboxPatients?.find((p) => p.memberId === '100000000001')).toMatchObject({ name: 'Maria Santos', birthDate: '1984-03-12', zip: '02119' });
    for (const p of docs.sandboxPatients ?? []) expect(p.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    process.env.DEMO_DATA = '0';
    try {
      expect(buildDeveloperDocs().sandboxPatients).toBeNull();
    } finally {
      delete process.env.DEMO_DATA;
    }
  });
});

describe('writeFhirclientExample', () => {
  it('fills in the app’s client, redirect URI and scopes, and asks for claims when it may', () => {
    const page = writeFhirclientExample({
      fhirBase: 'https://payer.example/fhir',
      clientId: 'health-journal-1a2b3c',
      redirectUri: 'http://127.0.0.1:8080/',
      scopes: ['openid', 'fhirUser', 'offline_access', 'patient/Patient.rs', 'patient/ExplanationOfBenefit.rs'],
    });
    expect(page).toContain(`<script src="${FHIRCLIENT_SCRIPT_URL}"></script>`);
    expect(page).toContain('iss: "https://payer.example/fhir"');
    expect(page).toContain('clientId: "health-journal-1a2b3c"');
    expect(page).toContain('redirectUri: "http://127.0.0.1:8080/"');
    // A browser app starts standalone and keeps no refresh token.
    expect(page).toContain('scope: "launch/patient openid fhirUser patient/Patient.rs patient/ExplanationOfBenefit.rs"');
    expect(page).toContain('pkceMode: "required"');
    expect(page).toContain('client.request(`ExplanationOfBenefit?patient=${client.patient.id}`');
  });

  it('reads the first kind of data registered when claims are not among them', () => {
    const page = writeFhirclientExample({ fhirBase: 'https://payer.example/fhir', clientId: 'c', redirectUri: 'https://app.example/cb', scopes: ['patient/Coverage.rs'] });
    expect(page).toContain('client.request(`Coverage?patient=${client.patient.id}`');
  });
});
