import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirResources, members } from '@/lib/db/schema';
import { structureDefinition, validateFhirResource, type ValidationResult } from '@/lib/testing/fhir-conformance/validate-fhir-resource';
import { mustSupportElements } from '@/lib/testing/fhir-conformance/walk-profile';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// CARIN Blue Button 2.0.0 conformance as an outside tester checks it: every demo member connects
// an app through the real SMART flow (all data categories, sensitive claims included), and every
// resource the API then serves (Patient, Coverage, every ExplanationOfBenefit kind, the
// Organizations and Practitioners they point to, the drugs) is validated against base R4 and the
// profile it declares, with the IG's own StructureDefinitions (lib/testing/fhir-conformance: what
// the validator checks and its limits are written there). Members the API refuses (not yet
// eligible, past their year, deceased) are served nothing; their stored resources, the JSON the API
// would send, are validated too, so that no demo data escapes.

type Resource = Record<string, any>;

let hub: TestHub;
const served = new Map<string, Resource>();
const servedBy = new Map<string, Set<string>>();
const storedOnly = new Map<string, Resource>();
const results = new Map<string, ValidationResult>();
const refusedMembers: string[] = [];

async function getJson(url: string, token: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
  return { status: response.status, body: await response.json() };
}

/** Every resource a search serves, page after page (matches and includes). */
async function searchAll(path: string, token: string): Promise<Resource[]> {
  const out: Resource[] = [];
  let url: string | undefined = `${hub.fhirBase}/${path}`;
  while (url) {
    const { status, body } = await getJson(url, token);
    expect(status, url).toBe(200);
    out.push(...(body.entry ?? []).filter((e: any) => e.search?.mode !== 'outcome').map((e: any) => e.resource));
    url = body.link?.find((l: any) => l.relation === 'next')?.url;
  }
  return out;
}

const key = (r: Resource) => `${r.resourceType}/${r.id}`;
const resolve = (reference: string) => {
  const k = reference.split('/').slice(-2).join('/');
  return served.get(k) ?? storedOnly.get(k);
};

beforeAll(async () => {
  hub = await startTestHub();
  const everyone = await hub.db.select({ memberId: members.memberId, patientId: members.patientId }).from(members).orderBy(members.memberId);
  for (const member of everyone) {
    const { tokens } = await hub.launch({ memberId: member.memberId, includeSensitive: true });
    const token = tokens.access_token;
    const patient = await getJson(`${hub.fhirBase}/Patient/${member.patientId}`, token);
    if (patient.status === 403) {
      refusedMembers.push(member.memberId);
      const rows = await hub.db.select({ resource: fhirResources.resource }).from(fhirResources).where(eq(fhirResources.patientId, member.patientId));
      for (const row of rows) {
        const resource = JSON.parse(row.resource) as Resource;
        storedOnly.set(key(resource), resource);
      }
      continue;
    }
    expect(patient.status).toBe(200);
    const resources = [
      patient.body,
      ...(await searchAll(`Coverage?patient=${member.patientId}&_include=Coverage:payor`, token)),
      ...(await searchAll(`ExplanationOfBenefit?patient=${member.patientId}&_count=200&_include=ExplanationOfBenefit:*`, token)),
      ...(await searchAll('Organization?_count=200', token)),
      ...(await searchAll('Practitioner?_count=200', token)),
      ...(await searchAll('MedicationKnowledge?_count=200', token)),
    ];
    for (const resource of resources) {
      served.set(key(resource), resource);
      if (!servedBy.has(member.memberId)) servedBy.set(member.memberId, new Set());
      servedBy.get(member.memberId)!.add(key(resource));
    }
  }
  for (const [k, resource] of [...served, ...storedOnly]) results.set(k, validateFhirResource(resource, { resolve }));
}, 600_000);
afterAll(async () => hub?.close());

describe('CARIN Blue Button 2.0.0 conformance of everything the API serves', () => {
  it('serves the demo members every kind of resource, through a real standalone launch', () => {
    // Members refused by the eligibility rules: not yet seven days (…002, …003), past their year
    // (…007), deceased (…008).
    expect(refusedMembers).toEqual(['100000000002', '100000000003', '100000000007', '100000000008']);
    const profiles = new Set([...served.values()].map((r) => r.meta?.profile?.[0]?.split('|')[0] ?? r.resourceType));
    expect([...profiles].sort()).toEqual([
      'MedicationKnowledge',
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Coverage',
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Inpatient-Institutional',
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Oral',
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Outpatient-Institutional',
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Pharmacy',
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Professional-NonClinician',
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Organization',
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Patient',
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Practitioner',
    ]);
    // Each member who may connect got at least their Patient, a Coverage and claims.
    for (const [memberId, keys] of servedBy) {
      const types = new Set([...keys].map((k) => k.split('/')[0]));
      expect([...types].sort(), memberId).toEqual(expect.arrayContaining(['Coverage', 'Patient']));
    }
  });

  it('finds no error in any resource, against base R4 and the declared CARIN BB profile', () => {
    const errors = [...results].flatMap(([k, result]) => result.errors.map((e) => `${k} [${e.source}] ${e.path}: ${e.message}`));
    console.log(`[conformance] ${served.size} resources served and ${storedOnly.size} stored for refused members validated, ${errors.length} errors`);
    expect(errors).toEqual([]);
    expect(served.size).toBeGreaterThan(1000);
  });

  it('fails a deliberately broken copy of a served claim', () => {
    const pharmacy = structuredClone([...served.values()].find((r) => r.type?.coding?.[0]?.code === 'pharmacy')!);
    pharmacy.adjudication = [];
    pharmacy.careTeam[0].role.coding[0].code = 'performing';
    pharmacy.insurance[0].coverage.reference = 'Patient/elsewhere';
    const errors = validateFhirResource(pharmacy, { resolve }).errors.map((e) => `${e.path} ${e.message}`).join('\n');
    expect(errors).toMatch(/adjudication:benefitpaymentstatus/);
    expect(errors).toMatch(/not in the required value set .*C4BBClaimPharmacyTeamRole/);
    expect(errors).toMatch(/insurance\.coverage points to Patient/);
  });

  /**
   * Must-support elements the demo data does not carry yet, each with its reason. The list must
   * shrink, never grow: an element missing and not listed fails, and so does one listed that the
   * data now carries.
   */
  const KNOWN_GAPS: Record<string, string> = {
    // A state Medicaid agency has no NAIC company code (NAIC codes identify commercial insurers).
    'C4BB-Organization: Organization.identifier:naiccode': 'not held by a Medicaid payer',
    // Ambulance transport claims (CARIN's transportation supporting info) are not generated yet.
    ...Object.fromEntries(
      ['patientweight', 'ambulancetransportreason', 'transportationdistance', 'roudtrippurpose', 'stretcherpurpose', 'pickuplocation', 'dropofflocation'].map((slice) => [
        `C4BB-ExplanationOfBenefit-Professional-NonClinician: ExplanationOfBenefit.supportingInfo:${slice}`,
        'no ambulance claims yet',
      ]),
    ),
    // Rejected fills and compound prescriptions are not generated yet.
    ...Object.fromEntries(
      [
        'item.adjudication:rejectreason', 'item.adjudication:rejectreason.category', 'item.adjudication:rejectreason.reason',
        'item.detail', 'item.detail.productOrService', 'item.detail.quantity',
      ].map((path) => [`C4BB-ExplanationOfBenefit-Pharmacy: ExplanationOfBenefit.${path}`, 'no rejected or compound fills yet']),
    ),
    // Orthodontic, prosthetic and tooth-history details of dental claims are not generated yet.
    ...Object.fromEntries(
      [
        'supportingInfo:orthodontics', 'supportingInfo:orthodontics.category', 'supportingInfo:orthodontics.value[x]',
        'supportingInfo:prosthesis', 'supportingInfo:prosthesis.category', 'supportingInfo:prosthesis.value[x]',
        'supportingInfo:additionalbodysite', 'supportingInfo:additionalbodysite.sequence', 'supportingInfo:additionalbodysite.category', 'supportingInfo:additionalbodysite.code',
        'supportingInfo:missingtoothnumber', 'supportingInfo:missingtoothnumber.category', 'supportingInfo:missingtoothnumber.code',
        'item.informationSequence', 'item.modifier',
      ].map((path) => [`C4BB-ExplanationOfBenefit-Oral: ExplanationOfBenefit.${path}`, 'no orthodontic, prosthetic or missing-tooth dental claims yet']),
    ),
    // Stays here are billed by revenue code only; modifiers qualify HCPCS/CPT lines.
    'C4BB-ExplanationOfBenefit-Inpatient-Institutional: ExplanationOfBenefit.item.modifier': 'stays bill revenue codes, which take no modifier',
  };

  it('carries every must-support element of every CARIN BB profile at least once across the demo members, but for the listed gaps', () => {
    const present = new Map<string, Set<string>>();
    for (const [k, result] of results) {
      const resource = served.get(k) ?? storedOnly.get(k)!;
      const profile = resource.meta?.profile?.[0]?.split('|')[0];
      if (!profile) continue;
      if (!present.has(profile)) present.set(profile, new Set());
      result.present.forEach((id) => present.get(profile)!.add(id));
    }
    const missing = [...present].flatMap(([profile, seen]) =>
      mustSupportElements(structureDefinition(profile)!)
        .filter((id) => !seen.has(id))
        .map((id) => `${profile.split('/').pop()}: ${id}`),
    );
    expect(missing.sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  });
});
