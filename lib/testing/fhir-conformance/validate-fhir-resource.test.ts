import { describe, expect, it } from 'vitest';
import { carinBbPackage, packageExamples, packageResources } from './read-fhir-package';
import { validateFhirResource } from './validate-fhir-resource';

// The validator the conformance tests rely on, proven on the IG's own material: every official
// example passes, and each kind of fault it is there to catch is caught.

const examples = packageExamples(carinBbPackage());
const byReference = new Map(examples.map((r) => [`${r.resourceType}/${r.id}`, r]));
const resolve = (reference: string) => byReference.get(reference.split('/').slice(-2).join('/'));
const example = (id: string) => structuredClone(examples.find((r) => r.id === id)!);
const errorsOf = (resource: Record<string, any>) => validateFhirResource(resource, { resolve }).errors.map((e) => `${e.path} ${e.message}`);

describe('the FHIR validator of the conformance tests', () => {
  it('reads the whole CARIN BB 2.0.0 package', () => {
    expect(examples).toHaveLength(32);
    expect(packageResources(carinBbPackage(), 'StructureDefinition')).toHaveLength(11);
    expect(packageResources(carinBbPackage(), 'CapabilityStatement')).toHaveLength(1);
  });

  it('passes every official example against base R4 and the profile it declares', () => {
    const failing = examples.flatMap((resource) => errorsOf(resource).map((error) => `${resource.resourceType}/${resource.id}: ${error}`));
    expect(failing).toEqual([]);
  }, 120_000);

  it('fails a resource that breaks base R4', () => {
    const patient = example('Patient1');
    patient.birthDate = '1986-13-45';
    patient.favouriteColour = 'blue';
    const errors = errorsOf(patient);
    expect(errors.some((e) => /birthDate.*Invalid date/.test(e))).toBe(true);
    expect(errors.some((e) => /favouriteColour/.test(e))).toBe(true);
  });

  it('fails a missing required slice, a code outside a required value set, and a reference to a type the profile does not allow', () => {
    const pharmacy = example('EOBPharmacy1');
    pharmacy.adjudication = pharmacy.adjudication.filter((a: any) => a.category.coding[0].code !== 'benefitpaymentstatus');
    pharmacy.supportingInfo = pharmacy.supportingInfo.filter((s: any) => s.category.coding[0].code !== 'refillsauthorized');
    expect(errorsOf(pharmacy).join('\n')).toMatch(/adjudication:benefitpaymentstatus/);
    expect(errorsOf(pharmacy).join('\n')).toMatch(/supportingInfo:refillsAuthorized/);

    const oral = example('EOBOral1');
    // 'attending' is an institutional role, not one of C4BBClaimProfessionalAndNonClinicianCareTeamRole.
    oral.careTeam = [{ sequence: 1, provider: { reference: 'Practitioner/PractitionerDentalProvider1' }, role: { coding: [{ system: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole', code: 'attending' }] } }];
    oral.provider = { reference: 'Organization/ProviderOrganization1' };
    const oralErrors = errorsOf(oral).join('\n');
    expect(oralErrors).toMatch(/not in the required value set .*C4BBClaimProfessionalAndNonClinicianCareTeamRole/);
    expect(oralErrors).toMatch(/ExplanationOfBenefit\.provider points to Organization; .* allows C4BB-Practitioner/);
  });

  it('fails an invariant of the profile (evaluated by medplum, memberOf included) and a broken US Core extension', () => {
    const outpatient = example('EOBOutpatient1');
    // Amounts at neither the claim nor the line level break EOB-institutional-item-or-header-adjudication.
    const isAmount = (a: any) => a.amount !== undefined;
    outpatient.adjudication = outpatient.adjudication.filter((a: any) => !isAmount(a));
    for (const item of outpatient.item) item.adjudication = item.adjudication?.filter((a: any) => !isAmount(a));
    expect(errorsOf(outpatient).join('\n')).toMatch(/EOB-institutional-item-or-header-adjudication/);

    const patient = example('Patient1');
    patient.extension = [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race', extension: [{ url: 'text' }] }];
    expect(errorsOf(patient).join('\n')).toMatch(/extension/);
  });

  it('fails a resource that declares a profile it cannot be checked against', () => {
    const drug = { resourceType: 'MedicationKnowledge', meta: { profile: ['http://example.org/StructureDefinition/unknown'] }, status: 'active' };
    expect(errorsOf(drug).join('\n')).toMatch(/not at hand/);
  });
});
