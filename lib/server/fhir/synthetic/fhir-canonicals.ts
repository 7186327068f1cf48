import 'server-only';

/**
 * Profile canonicals, code systems and identifier namespaces used by the synthetic payer data.
 *
 * CARIN Blue Button version: 2.0.0 is the version that CMS-0057-F names for the Patient Access
 * API (45 CFR 170.215), so the resources claim it; its canonicals carry the version because
 * CARIN asks servers to state it in meta.profile.
 */

export const CARIN_BB_VERSION = '2.0.0';

const CARIN_BB_BASE = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition';

/** Unversioned CARIN BB profile canonicals (what `_profile` searches compare against). */
export const CARIN_BB_PROFILE_URLS = {
  patient: `${CARIN_BB_BASE}/C4BB-Patient`,
  coverage: `${CARIN_BB_BASE}/C4BB-Coverage`,
  organization: `${CARIN_BB_BASE}/C4BB-Organization`,
  practitioner: `${CARIN_BB_BASE}/C4BB-Practitioner`,
  inpatientInstitutional: `${CARIN_BB_BASE}/C4BB-ExplanationOfBenefit-Inpatient-Institutional`,
  outpatientInstitutional: `${CARIN_BB_BASE}/C4BB-ExplanationOfBenefit-Outpatient-Institutional`,
  /** Professional claims and vision claims (vision is this profile with type `vision`). */
  professionalNonClinician: `${CARIN_BB_BASE}/C4BB-ExplanationOfBenefit-Professional-NonClinician`,
  pharmacy: `${CARIN_BB_BASE}/C4BB-ExplanationOfBenefit-Pharmacy`,
  oral: `${CARIN_BB_BASE}/C4BB-ExplanationOfBenefit-Oral`,
} as const;

export function versionedProfile(url: string): string {
  return `${url}|${CARIN_BB_VERSION}`;
}

/**
 * The covered outpatient drugs claim no profile beyond base R4 MedicationKnowledge. CARIN BB has
 * no drug profile, and Da Vinci's US Drug Formulary FormularyDrug describes one drug in one plan's
 * formulary (its PlanID and DrugTierID extensions are required, with prior authorization, step
 * therapy and quantity limits): data of the separate, public Payer Drug Formulary API, which this
 * hub does not offer. A tier invented for the demo would tell apps something untrue, and a
 * profile the tests cannot check would be a claim nobody proved.
 */
export const MEDICATION_KNOWLEDGE_PROFILE_URL = 'http://hl7.org/fhir/StructureDefinition/MedicationKnowledge';

export const CODE_SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd10pcs: 'http://www.cms.gov/Medicare/Coding/ICD10',
  cpt: 'http://www.ama-assn.org/go/cpt',
  /** CPT and HCPCS modifiers share the CPT system. */
  cptModifier: 'http://www.ama-assn.org/go/cpt',
  claimAdjustmentReason: 'https://x12.org/codes/claim-adjustment-reason-codes',
  relatedClaimRelationship: 'http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship',
  presentOnAdmission: 'https://www.nubc.org/CodeSystem/PresentOnAdmissionIndicator',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  cdt: 'http://www.ada.org/cdt',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  revenueCode: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  typeOfBill: 'https://www.nubc.org/CodeSystem/TypeOfBill',
  pointOfOrigin: 'https://www.nubc.org/CodeSystem/PointOfOrigin',
  admissionType: 'https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitOrVisit',
  dischargeStatus: 'https://www.nubc.org/CodeSystem/PatDischargeStatus',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  toothNumber: 'http://terminology.hl7.org/CodeSystem/ADAUniversalToothDesignationSystem',
  nuccTaxonomy: 'http://nucc.org/provider-taxonomy',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  institutionalSubType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBInstitutionalClaimSubType',
  hl7Adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  c4bbAdjudication: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication',
  c4bbAdjudicationDiscriminator: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator',
  c4bbPayerAdjudicationStatus: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBPayerAdjudicationStatus',
  c4bbSupportingInfoType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBSupportingInfoType',
  c4bbIdentifierType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBIdentifierType',
  c4bbClaimCareTeamRole: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole',
  c4bbClaimDiagnosisType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimDiagnosisType',
  c4bbClaimProcedureType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimProcedureType',
  careTeamRole: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole',
  diagnosisType: 'http://terminology.hl7.org/CodeSystem/ex-diagnosistype',
  payeeType: 'http://terminology.hl7.org/CodeSystem/payeetype',
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  ncpdpDispensedAsWritten: 'http://terminology.hl7.org/CodeSystem/NCPDPDispensedAsWrittenOrProductSelectionCode',
  ncpdpBrandGeneric: 'http://terminology.hl7.org/CodeSystem/NCPDPBrandGenericIndicator',
  ncpdpPrescriptionOrigin: 'http://terminology.hl7.org/CodeSystem/NCPDPPrescriptionOriginCode',
  ncpdpCompound: 'http://terminology.hl7.org/CodeSystem/NCPDPCompoundCode',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  /** Source of Payment Typology (PHIN VADS), the payer-type code US Core uses for Coverage.type. */
  sourceOfPayment: 'https://nahdo.org/sopt',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  usNpi: 'http://hl7.org/fhir/sid/us-npi',
  /** US Employer Identification Number (tax id). */
  usEin: 'urn:oid:2.16.840.1.113883.4.4',
} as const;

/**
 * Namespaces for identifiers this payer assigns. The demo payer has no registered URIs of its
 * own, so they sit under a reserved example domain.
 */
export const PAYER_IDENTIFIER_SYSTEMS = {
  memberId: 'https://masshealth.example/fhir/sid/member-id',
  uniqueMemberId: 'https://masshealth.example/fhir/sid/unique-member-id',
  claimId: 'https://masshealth.example/fhir/sid/claim-id',
  payerId: 'https://masshealth.example/fhir/sid/payer-id',
  patientAccount: 'https://masshealth.example/fhir/sid/patient-account',
} as const;
