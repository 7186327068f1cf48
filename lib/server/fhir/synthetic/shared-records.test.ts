import 'server-only';

import { describe, expect, it } from 'vitest';

import { COVERED_DRUGS } from './clinical-vocabulary';
import { CARIN_BB_PROFILE_URLS, versionedProfile } from './fhir-canonicals';
import { PAYER_ORGANIZATION_ID } from './provider-directory';
import { generateSharedRecords } from './shared-records';

interface Identified {
  identifier?: { type: { coding: { code: string }[] }; value: string }[];
  meta: { profile: string[] };
  name?: unknown;
}

describe('generateSharedRecords', () => {
  const records = generateSharedRecords();
  const ofType = (type: string) => records.filter((r) => r.resourceType === type);

  it('holds a small fixed directory: organizations, practitioners and covered drugs', () => {
    expect(ofType('Organization').length).toBeGreaterThanOrEqual(10);
    expect(ofType('Practitioner')).toHaveLength(20);
    expect(ofType('MedicationKnowledge')).toHaveLength(COVERED_DRUGS.length);
    expect(COVERED_DRUGS.length).toBeGreaterThanOrEqual(30);
    for (const record of records) {
      expect(record.patientId).toBeNull();
      expect(record.sensitivity).toBe('none');
    }
  });

  it('includes MassHealth as a payer organization with a payer identifier', () => {
    const payer = records.find((r) => r.id === PAYER_ORGANIZATION_ID)!;
    const resource = payer.resource as Identified & { name: string; type: { coding: { code: string }[] }[] };
    expect(resource.name).toBe('MassHealth');
    expect(resource.type[0].coding[0].code).toBe('pay');
    expect(resource.identifier![0].type.coding[0].code).toBe('payerid');
    expect(resource.identifier![0].value).toBeTruthy();
  });

  it('puts each resource in its category with its profile', () => {
    for (const record of ofType('Organization')) {
      expect(record.category).toBe('providers');
      expect((record.resource as Identified).meta.profile).toEqual([versionedProfile(CARIN_BB_PROFILE_URLS.organization)]);
    }
    for (const record of ofType('Practitioner')) {
      expect(record.category).toBe('providers');
      const resource = record.resource as Identified;
      expect(resource.meta.profile).toEqual([versionedProfile(CARIN_BB_PROFILE_URLS.practitioner)]);
      expect(resource.identifier![0].type.coding[0].code).toBe('NPI');
    }
    for (const record of ofType('MedicationKnowledge')) {
      expect(record.category).toBe('drugs');
      // Base R4 only: the Da Vinci formulary profile needs plan and tier data this API does not hold.
      expect((record.resource as Identified).meta.profile).toBeUndefined();
    }
  });
});
