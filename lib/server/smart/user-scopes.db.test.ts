import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, fhirResources } from '@/lib/db/schema';
import { requestedScopeFor } from '@/lib/server/connect/approve-connect-flow';
import type { ConnectFlow } from '@/lib/server/connect/connect-flow-state';
import { categoriesRequested, type DataCategory } from '@/lib/server/smart/smart-scopes';
import { standaloneLaunch } from '@/lib/testing/standalone-launch';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// CARIN BB asks servers for the `permission-user` capability and `user/*.read` scopes beside the
// patient ones. A member's own token with user/ scopes means that member's compartment, exactly as
// patient/ scopes do (SMART App Launch, patient-facing apps): never another member's record.

const MARIA = '100000000001';
const FATIMA = '100000000016';
// The scopes the Inferno CARIN BB test kit requests in its standalone launch.
const INFERNO_SCOPES = [
  'launch/patient openid fhirUser',
  'patient/ExplanationOfBenefit.read patient/Coverage.read patient/Patient.read patient/Organization.read patient/Practitioner.read',
  'user/ExplanationOfBenefit.read user/Coverage.read user/Patient.read user/Organization.read user/Practitioner.read',
].join(' ');

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());

async function get(path: string, token: string) {
  const response = await fetch(`${hub.fhirBase}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as any };
}

describe('user/ scopes for a member\'s own token', () => {
  it('grants every scope the CARIN BB test kit asks for, user/ ones as user/ ones', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA, scope: INFERNO_SCOPES });
    const granted = String(tokens.scope).split(' ');
    expect(granted).toEqual(expect.arrayContaining(INFERNO_SCOPES.split(' ')));
    expect(tokens.patient).toBe(patientIdFor(MARIA));
  });

  for (const scope of ['user/*.read', 'user/*.rs']) {
    it(`with only ${scope}, reads the member's own record and nothing of another member's`, async () => {
      const { tokens } = await hub.launch({ memberId: MARIA, scope: `launch/patient openid fhirUser ${scope}` });
      const token = tokens.access_token;
      expect(String(tokens.scope).split(' ')).toContain(scope);
      const maria = patientIdFor(MARIA);
      const fatima = patientIdFor(FATIMA);

      expect((await get(`Patient/${maria}`, token)).status).toBe(200);
      const claims = await get('ExplanationOfBenefit?_count=5', token);
      expect(claims.status).toBe(200);
      expect(claims.body.entry.length).toBeGreaterThan(0);
      expect(claims.body.entry.every((e: any) => e.resource.patient.reference === `Patient/${maria}`)).toBe(true);
      expect((await get('Coverage', token)).body.entry.every((e: any) => e.resource.beneficiary.reference === `Patient/${maria}`)).toBe(true);
      expect((await get('Organization?_id=org-masshealth', token)).body.entry).toHaveLength(1);

      // Another member's record does not exist for this token, whichever way it is asked for.
      expect((await get(`Patient/${fatima}`, token)).status).toBe(404);
      expect((await get(`Patient?_id=${fatima}`, token)).body.entry ?? []).toEqual([]);
      expect((await get(`ExplanationOfBenefit?patient=${fatima}`, token)).body.entry ?? []).toEqual([]);
      expect((await get(`Coverage?beneficiary=${fatima}`, token)).body.entry ?? []).toEqual([]);
      // Claim ids start with the patient id (generate-member-records.ts); this one exists, for Fatima.
      expect((await get(`ExplanationOfBenefit/${fatima}-eob-00001`, token)).status).toBe(404);
      const [fatimaClaim] = await hub.db
        .select({ id: fhirResources.id })
        .from(fhirResources)
        .where(and(eq(fhirResources.resourceType, 'ExplanationOfBenefit'), eq(fhirResources.id, `${fatima}-eob-00001`)));
      expect(fatimaClaim).toBeDefined();
    });
  }

  it('never reads more than the member approved, whatever the level', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA, scope: 'launch/patient openid user/*.read', categories: ['personal', 'coverage'] });
    expect(String(tokens.scope).split(' ').sort()).toEqual(['launch/patient', 'openid', 'user/Consent.read', 'user/Coverage.read', 'user/Patient.read']);
    expect((await get('ExplanationOfBenefit', tokens.access_token)).status).toBe(403);
  });
});

describe('SMART discovery', () => {
  it('advertises permission-user and user/ scopes, and the same management endpoint in both documents', async () => {
    const smart = await (await fetch(`${hub.fhirBase}/.well-known/smart-configuration`)).json();
    expect(smart.capabilities).toEqual(expect.arrayContaining(['permission-user', 'permission-patient', 'launch-standalone', 'context-standalone-patient', 'client-public', 'client-confidential-symmetric', 'sso-openid-connect', 'permission-offline']));
    expect(smart.scopes_supported).toEqual(expect.arrayContaining(['user/*.read', 'user/*.rs', 'patient/*.read']));
    const metadata = await (await fetch(`${hub.fhirBase}/metadata`)).json();
    const oauth = metadata.rest[0].security.extension.find((e: any) => e.url === 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
    const uri = (name: string) => oauth.extension.find((e: any) => e.url === name)?.valueUri;
    expect(uri('manage')).toBe(smart.management_endpoint);
    expect(uri('authorize')).toBe(smart.authorization_endpoint);
    expect(uri('token')).toBe(smart.token_endpoint);
    const eob = metadata.rest[0].resource.find((r: any) => r.type === 'ExplanationOfBenefit');
    expect(eob.supportedProfile).toContain('http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit');
    expect(eob.interaction.map((i: any) => i.code)).toEqual(expect.arrayContaining(['read', 'vread', 'search-type']));
  });
});

describe('a request beyond the app\'s registration', () => {
  it('offers and grants only the registered types when an app asks for patient/*.rs, and its token reads them', async () => {
    // Blue Button Explorer registered as MedTrack Rx is: four types, no providers and no Consent.
    const registered = 'launch/patient openid fhirUser offline_access patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs patient/MedicationKnowledge.rs';
    const [app] = await hub.db.select().from(apps).where(eq(apps.clientId, 'blue-button-explorer'));
    await hub.db.update(apps).set({ scopes: registered }).where(eq(apps.id, app.id));
    try {
      let offered: string[] = [];
      const { tokens } = await standaloneLaunch(hub.url, 'launch/patient openid fhirUser offline_access patient/*.rs', async (uid, browser) => {
        // What the consent page reads and offers (app/(member)/connect/[flowId]/approve/page.tsx).
        const requestedScope = await requestedScopeFor({ id: 'flow', appId: app.id, interactionUid: uid, entry: 'app', step: 'approve', state: {} as ConnectFlow['state'] });
        offered = categoriesRequested(requestedScope);
        const approved = await hub.approve({ uid, browser, memberId: MARIA, requestedScope, categories: offered as DataCategory[] });
        return approved.returnTo!;
      });
      expect(offered).toEqual(['personal', 'claims', 'drugs', 'coverage']);
      const granted = String(tokens.scope).split(' ');
      expect(granted).toEqual(expect.arrayContaining(['patient/Patient.rs', 'patient/Coverage.rs', 'patient/ExplanationOfBenefit.rs', 'patient/MedicationKnowledge.rs']));
      expect(granted.filter((s) => s.startsWith('patient/'))).toHaveLength(4);
      const token = tokens.access_token;
      expect((await get(`Patient/${patientIdFor(MARIA)}`, token)).status).toBe(200);
      expect((await get('ExplanationOfBenefit?_count=1', token)).status).toBe(200);
      expect((await get('Organization', token)).status).toBe(403);
    } finally {
      await hub.db.update(apps).set({ scopes: app.scopes }).where(eq(apps.id, app.id));
    }
  });
});

