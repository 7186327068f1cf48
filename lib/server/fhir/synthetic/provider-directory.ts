import 'server-only';

import type { CodedConcept, ProviderRole } from './clinical-vocabulary';
import { CODE_SYSTEMS } from './fhir-canonicals';
import { npiFromBase } from './npi';

/**
 * The fixed, fictional directory of organizations and practitioners that every member's claims
 * point at. It is shared (not per member) because a real payer's provider data is shared too:
 * many members see the same clinic, and an app that reads two members sees one Organization.
 */

export type OrganizationKind =
  | 'payer'
  | 'primary-care'
  | 'hospital'
  | 'pharmacy'
  | 'dental'
  | 'vision'
  | 'laboratory'
  | 'behavioral-health'
  | 'substance-use-treatment';

export interface PostalAddress {
  readonly line: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
}

export interface DirectoryOrganization {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganizationKind;
  /** Type 2 (organization) NPI; the payer has none. */
  readonly npi: string | null;
  readonly address: PostalAddress;
  readonly phone: string;
}

export interface DirectoryPractitioner {
  readonly id: string;
  readonly given: string;
  readonly family: string;
  readonly credential: string;
  readonly gender: 'female' | 'male';
  readonly role: ProviderRole;
  /** NUCC Health Care Provider Taxonomy. */
  readonly taxonomy: CodedConcept;
  /** The organization that bills for this practitioner's services. */
  readonly organizationId: string;
  readonly npi: string;
}

/** The payer itself: the insurer on every EOB and the payor on every Coverage. */
export const PAYER_ORGANIZATION_ID = 'org-masshealth';
export const PAYER_NAME = 'MassHealth';
/** The payer's identifier (C4BB payerid slice). */
export const PAYER_ID = 'MASSHEALTH';

/**
 * Deterministic NPI bases. The multiplier is coprime with the modulus, so distinct indexes give
 * distinct numbers; individuals and organizations use disjoint index ranges.
 */
function directoryNpi(index: number): string {
  const body = 10_000_000 + ((index * 7_654_321 + 1_234_567) % 90_000_000);
  return npiFromBase(`1${body}`);
}

const organization = (
  index: number,
  fields: Omit<DirectoryOrganization, 'npi'>,
): DirectoryOrganization => ({ ...fields, npi: fields.kind === 'payer' ? null : directoryNpi(1_000 + index) });

export const DIRECTORY_ORGANIZATIONS: readonly DirectoryOrganization[] = [
  organization(0, {
    id: PAYER_ORGANIZATION_ID,
    name: PAYER_NAME,
    kind: 'payer',
    address: { line: 'One Ashburton Place', city: 'Boston', state: 'MA', zip: '02108' },
    phone: '1-800-841-2900',
  }),
  organization(1, {
    id: 'org-harbor-street-chc',
    name: 'Harbor Street Community Health Center',
    kind: 'primary-care',
    address: { line: '410 Harbor St', city: 'Boston', state: 'MA', zip: '02127' },
    phone: '617-555-0140',
  }),
  organization(2, {
    id: 'org-merrimack-family-practice',
    name: 'Merrimack Valley Family Practice',
    kind: 'primary-care',
    address: { line: '88 Central St', city: 'Lowell', state: 'MA', zip: '01852' },
    phone: '978-555-0141',
  }),
  organization(3, {
    id: 'org-commonwealth-general',
    name: 'Commonwealth General Hospital',
    kind: 'hospital',
    address: { line: '1 Commonwealth Way', city: 'Boston', state: 'MA', zip: '02118' },
    phone: '617-555-0142',
  }),
  organization(4, {
    id: 'org-pioneer-valley-medical',
    name: 'Pioneer Valley Medical Center',
    kind: 'hospital',
    address: { line: '250 Chestnut St', city: 'Springfield', state: 'MA', zip: '01199' },
    phone: '413-555-0143',
  }),
  organization(5, {
    id: 'org-elm-street-pharmacy',
    name: 'Elm Street Pharmacy',
    kind: 'pharmacy',
    address: { line: '19 Elm St', city: 'Worcester', state: 'MA', zip: '01609' },
    phone: '508-555-0144',
  }),
  organization(6, {
    id: 'org-harborside-pharmacy',
    name: 'Harborside Pharmacy',
    kind: 'pharmacy',
    address: { line: '302 Dudley St', city: 'Boston', state: 'MA', zip: '02119' },
    phone: '617-555-0145',
  }),
  organization(7, {
    id: 'org-bright-smile-dental',
    name: 'Bright Smile Dental Group',
    kind: 'dental',
    address: { line: '75 Washington St', city: 'Brockton', state: 'MA', zip: '02301' },
    phone: '508-555-0146',
  }),
  organization(8, {
    id: 'org-clearview-eye-care',
    name: 'ClearView Eye Care',
    kind: 'vision',
    address: { line: '12 Pleasant St', city: 'Worcester', state: 'MA', zip: '01604' },
    phone: '508-555-0147',
  }),
  organization(9, {
    id: 'org-northeast-reference-lab',
    name: 'Northeast Reference Laboratory',
    kind: 'laboratory',
    address: { line: '600 Technology Dr', city: 'Marlborough', state: 'MA', zip: '01752' },
    phone: '508-555-0148',
  }),
  organization(10, {
    id: 'org-riverside-counseling',
    name: 'Riverside Counseling Associates',
    kind: 'behavioral-health',
    address: { line: '45 River St', city: 'Cambridge', state: 'MA', zip: '02139' },
    phone: '617-555-0149',
  }),
  organization(11, {
    id: 'org-new-path-recovery',
    name: 'New Path Recovery Center',
    kind: 'substance-use-treatment',
    address: { line: '9 Canal St', city: 'Lawrence', state: 'MA', zip: '01840' },
    phone: '978-555-0150',
  }),
];

const taxonomy = (code: string, display: string): CodedConcept => ({ system: CODE_SYSTEMS.nuccTaxonomy, code, display });

const TAXONOMIES = {
  familyMedicine: taxonomy('207Q00000X', 'Family Medicine Physician'),
  internalMedicine: taxonomy('207R00000X', 'Internal Medicine Physician'),
  familyNursePractitioner: taxonomy('363LF0000X', 'Family Nurse Practitioner'),
  pediatrics: taxonomy('208000000X', 'Pediatrics Physician'),
  emergencyMedicine: taxonomy('207P00000X', 'Emergency Medicine Physician'),
  hospitalist: taxonomy('208M00000X', 'Hospitalist Physician'),
  surgery: taxonomy('208600000X', 'Surgery Physician'),
  pathology: taxonomy('207ZP0102X', 'Anatomic Pathology & Clinical Pathology Physician'),
  psychiatry: taxonomy('2084P0800X', 'Psychiatry Physician'),
  clinicalSocialWorker: taxonomy('1041C0700X', 'Clinical Social Worker'),
  addictionMedicine: taxonomy('207RA0401X', 'Addiction Medicine (Internal Medicine) Physician'),
  addictionCounselor: taxonomy('101YA0400X', 'Addiction (Substance Use Disorder) Counselor'),
  generalDentist: taxonomy('1223G0001X', 'General Practice Dentist'),
  optometrist: taxonomy('152W00000X', 'Optometrist'),
} as const;

const practitioner = (index: number, fields: Omit<DirectoryPractitioner, 'npi'>): DirectoryPractitioner => ({
  ...fields,
  npi: directoryNpi(index),
});

export const DIRECTORY_PRACTITIONERS: readonly DirectoryPractitioner[] = [
  practitioner(1, { id: 'prac-ana-ferreira', given: 'Ana', family: 'Ferreira', credential: 'MD', gender: 'female', role: 'primary-care', taxonomy: TAXONOMIES.familyMedicine, organizationId: 'org-harbor-street-chc' }),
  practitioner(2, { id: 'prac-david-okafor', given: 'David', family: 'Okafor', credential: 'MD', gender: 'male', role: 'primary-care', taxonomy: TAXONOMIES.internalMedicine, organizationId: 'org-harbor-street-chc' }),
  practitioner(3, { id: 'prac-rachel-goldberg', given: 'Rachel', family: 'Goldberg', credential: 'NP', gender: 'female', role: 'primary-care', taxonomy: TAXONOMIES.familyNursePractitioner, organizationId: 'org-merrimack-family-practice' }),
  practitioner(4, { id: 'prac-thomas-brennan', given: 'Thomas', family: 'Brennan', credential: 'MD', gender: 'male', role: 'primary-care', taxonomy: TAXONOMIES.familyMedicine, organizationId: 'org-merrimack-family-practice' }),
  practitioner(5, { id: 'prac-priya-raman', given: 'Priya', family: 'Raman', credential: 'MD', gender: 'female', role: 'pediatrics', taxonomy: TAXONOMIES.pediatrics, organizationId: 'org-harbor-street-chc' }),
  practitioner(6, { id: 'prac-miguel-alvarez', given: 'Miguel', family: 'Alvarez', credential: 'MD', gender: 'male', role: 'pediatrics', taxonomy: TAXONOMIES.pediatrics, organizationId: 'org-merrimack-family-practice' }),
  practitioner(7, { id: 'prac-sarah-lindqvist', given: 'Sarah', family: 'Lindqvist', credential: 'MD', gender: 'female', role: 'emergency-medicine', taxonomy: TAXONOMIES.emergencyMedicine, organizationId: 'org-commonwealth-general' }),
  practitioner(8, { id: 'prac-kwame-mensah', given: 'Kwame', family: 'Mensah', credential: 'MD', gender: 'male', role: 'emergency-medicine', taxonomy: TAXONOMIES.emergencyMedicine, organizationId: 'org-pioneer-valley-medical' }),
  practitioner(9, { id: 'prac-elena-petrova', given: 'Elena', family: 'Petrova', credential: 'MD', gender: 'female', role: 'hospital-medicine', taxonomy: TAXONOMIES.hospitalist, organizationId: 'org-commonwealth-general' }),
  practitioner(10, { id: 'prac-james-oconnell', given: 'James', family: "O'Connell", credential: 'MD', gender: 'male', role: 'hospital-medicine', taxonomy: TAXONOMIES.hospitalist, organizationId: 'org-pioneer-valley-medical' }),
  practitioner(11, { id: 'prac-hannah-weiss', given: 'Hannah', family: 'Weiss', credential: 'MD', gender: 'female', role: 'surgery', taxonomy: TAXONOMIES.surgery, organizationId: 'org-commonwealth-general' }),
  practitioner(12, { id: 'prac-marcus-bell', given: 'Marcus', family: 'Bell', credential: 'MD', gender: 'male', role: 'surgery', taxonomy: TAXONOMIES.surgery, organizationId: 'org-pioneer-valley-medical' }),
  practitioner(13, { id: 'prac-grace-kim', given: 'Grace', family: 'Kim', credential: 'MD', gender: 'female', role: 'pathology', taxonomy: TAXONOMIES.pathology, organizationId: 'org-northeast-reference-lab' }),
  practitioner(14, { id: 'prac-daniel-rosen', given: 'Daniel', family: 'Rosen', credential: 'MD', gender: 'male', role: 'psychiatry', taxonomy: TAXONOMIES.psychiatry, organizationId: 'org-riverside-counseling' }),
  practitioner(15, { id: 'prac-maya-thompson', given: 'Maya', family: 'Thompson', credential: 'LICSW', gender: 'female', role: 'psychotherapy', taxonomy: TAXONOMIES.clinicalSocialWorker, organizationId: 'org-riverside-counseling' }),
  practitioner(16, { id: 'prac-luis-ortega', given: 'Luis', family: 'Ortega', credential: 'MD', gender: 'male', role: 'addiction-medicine', taxonomy: TAXONOMIES.addictionMedicine, organizationId: 'org-harbor-street-chc' }),
  practitioner(17, { id: 'prac-keisha-williams', given: 'Keisha', family: 'Williams', credential: 'LADC', gender: 'female', role: 'addiction-counseling', taxonomy: TAXONOMIES.addictionCounselor, organizationId: 'org-new-path-recovery' }),
  practitioner(18, { id: 'prac-robert-chen', given: 'Robert', family: 'Chen', credential: 'DMD', gender: 'male', role: 'dentistry', taxonomy: TAXONOMIES.generalDentist, organizationId: 'org-bright-smile-dental' }),
  practitioner(19, { id: 'prac-fatou-diallo', given: 'Fatou', family: 'Diallo', credential: 'DDS', gender: 'female', role: 'dentistry', taxonomy: TAXONOMIES.generalDentist, organizationId: 'org-bright-smile-dental' }),
  practitioner(20, { id: 'prac-olivia-martin', given: 'Olivia', family: 'Martin', credential: 'OD', gender: 'female', role: 'optometry', taxonomy: TAXONOMIES.optometrist, organizationId: 'org-clearview-eye-care' }),
];

const ORGANIZATIONS_BY_ID = new Map(DIRECTORY_ORGANIZATIONS.map((o) => [o.id, o]));

export function directoryOrganization(id: string): DirectoryOrganization {
  const found = ORGANIZATIONS_BY_ID.get(id);
  if (!found) throw new Error(`No organization "${id}" in the provider directory`);
  return found;
}

export function organizationsOfKind(kind: OrganizationKind): readonly DirectoryOrganization[] {
  return DIRECTORY_ORGANIZATIONS.filter((o) => o.kind === kind);
}

export function practitionersInRole(role: ProviderRole): readonly DirectoryPractitioner[] {
  return DIRECTORY_PRACTITIONERS.filter((p) => p.role === role);
}
