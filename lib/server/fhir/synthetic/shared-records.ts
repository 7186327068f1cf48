import 'server-only';

import { COVERED_DRUGS, type CoveredDrug } from './clinical-vocabulary';
import {
  CARIN_BB_PROFILE_URLS,
  CODE_SYSTEMS,
  PAYER_IDENTIFIER_SYSTEMS,
  versionedProfile,
} from './fhir-canonicals';
import {
  DIRECTORY_ORGANIZATIONS,
  DIRECTORY_PRACTITIONERS,
  PAYER_ID,
  type DirectoryOrganization,
  type DirectoryPractitioner,
  type PostalAddress,
} from './provider-directory';
import { RECORD_VERSION } from './record-instants';
import type { SyntheticRecord } from './synthetic-record';

/**
 * The shared directory is fixed reference data, so it carries one fixed modification instant
 * (rather than a clock reading) and stays byte-identical across runs.
 */
export const SHARED_DIRECTORY_LAST_UPDATED = '2024-01-02T09:00:00Z';

export function medicationKnowledgeId(rxnorm: string): string {
  return `drug-rxnorm-${rxnorm}`;
}

/** Organizations, practitioners and covered outpatient drugs shared by every member's claims. */
export function generateSharedRecords(): SyntheticRecord[] {
  return [
    ...DIRECTORY_ORGANIZATIONS.map(organizationRecord),
    ...DIRECTORY_PRACTITIONERS.map(practitionerRecord),
    ...COVERED_DRUGS.map(medicationKnowledgeRecord),
  ];
}

function sharedRecord(
  resourceType: SyntheticRecord['resourceType'],
  id: string,
  category: SyntheticRecord['category'],
  resource: object,
): SyntheticRecord {
  return {
    resourceType,
    id,
    patientId: null,
    lastUpdated: SHARED_DIRECTORY_LAST_UPDATED,
    serviceDate: null,
    billableStart: null,
    billableEnd: null,
    itemServiceDates: null,
    eobType: null,
    sensitivity: 'none',
    category,
    resource,
  };
}

function npiIdentifier(npi: string) {
  return {
    type: { coding: [{ system: CODE_SYSTEMS.identifierType, code: 'NPI', display: 'National provider identifier' }] },
    system: CODE_SYSTEMS.usNpi,
    value: npi,
  };
}

/** A provider's tax id (EIN), fictional: the 99 prefix is not one the IRS assigns. */
function taxIdentifier(npi: string) {
  return {
    type: { coding: [{ system: CODE_SYSTEMS.identifierType, code: 'TAX', display: 'Tax ID number' }] },
    system: CODE_SYSTEMS.usEin,
    value: `99-${npi.slice(3, 10)}`,
  };
}

function workAddress(address: PostalAddress) {
  return {
    use: 'work',
    type: 'physical',
    line: [address.line],
    city: address.city,
    state: address.state,
    postalCode: address.zip,
    country: 'US',
  };
}

function organizationRecord(org: DirectoryOrganization): SyntheticRecord {
  const isPayer = org.kind === 'payer';
  const identifier = isPayer
    ? [
        {
          type: { coding: [{ system: CODE_SYSTEMS.c4bbIdentifierType, code: 'payerid', display: 'Payer ID' }] },
          system: PAYER_IDENTIFIER_SYSTEMS.payerId,
          value: PAYER_ID,
        },
      ]
    : [npiIdentifier(org.npi as string), taxIdentifier(org.npi as string)];
  const resource = {
    resourceType: 'Organization',
    id: org.id,
    meta: { versionId: RECORD_VERSION, lastUpdated: SHARED_DIRECTORY_LAST_UPDATED, profile: [versionedProfile(CARIN_BB_PROFILE_URLS.organization)] },
    identifier,
    active: true,
    type: [
      {
        coding: [
          isPayer
            ? { system: CODE_SYSTEMS.organizationType, code: 'pay', display: 'Payer' }
            : { system: CODE_SYSTEMS.organizationType, code: 'prov', display: 'Healthcare Provider' },
        ],
      },
    ],
    name: org.name,
    ...(isPayer ? { alias: ['Massachusetts Medicaid'] } : {}),
    telecom: [{ system: 'phone', value: org.phone, use: 'work' }],
    address: [workAddress(org.address)],
  };
  return sharedRecord('Organization', org.id, 'providers', resource);
}

function practitionerRecord(practitioner: DirectoryPractitioner): SyntheticRecord {
  const resource = {
    resourceType: 'Practitioner',
    id: practitioner.id,
    meta: { versionId: RECORD_VERSION, lastUpdated: SHARED_DIRECTORY_LAST_UPDATED, profile: [versionedProfile(CARIN_BB_PROFILE_URLS.practitioner)] },
    // Dentists and optometrists here bill under their own tax id as well as their practice's.
    identifier: ['dentistry', 'optometry'].includes(practitioner.role) ? [npiIdentifier(practitioner.npi), taxIdentifier(practitioner.npi)] : [npiIdentifier(practitioner.npi)],
    active: true,
    name: [
      {
        use: 'official',
        family: practitioner.family,
        given: [practitioner.given],
        suffix: [practitioner.credential],
        text: `${practitioner.given} ${practitioner.family}, ${practitioner.credential}`,
      },
    ],
    gender: practitioner.gender,
    qualification: [{ code: { coding: [practitioner.taxonomy], text: practitioner.taxonomy.display } }],
  };
  return sharedRecord('Practitioner', practitioner.id, 'providers', resource);
}

function medicationKnowledgeRecord(drug: CoveredDrug): SyntheticRecord {
  const id = medicationKnowledgeId(drug.rxnorm);
  const resource = {
    resourceType: 'MedicationKnowledge',
    id,
    meta: { versionId: RECORD_VERSION, lastUpdated: SHARED_DIRECTORY_LAST_UPDATED },
    code: {
      coding: [
        { system: CODE_SYSTEMS.rxnorm, code: drug.rxnorm, display: drug.name },
        { system: CODE_SYSTEMS.ndc, code: drug.ndc, display: drug.name },
      ],
      text: drug.name,
    },
    status: 'active',
    doseForm: { text: drug.doseForm },
    ...(drug.brandName ? { synonym: [drug.brandName] } : {}),
    productType: [{ text: drug.drugClass }],
  };
  return sharedRecord('MedicationKnowledge', id, 'drugs', resource);
}
