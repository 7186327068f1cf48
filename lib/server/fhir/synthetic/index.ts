import 'server-only';

/**
 * Deterministic synthetic payer data for the Patient Access API: a member's Patient, Coverage
 * and ExplanationOfBenefit history (CARIN Blue Button), and the shared directory of
 * organizations, practitioners and covered outpatient drugs those claims refer to.
 */
export { generateMemberRecords, memberResourcePrefix, FHIR_ID_PATTERN } from './generate-member-records';
export { generateSharedRecords, medicationKnowledgeId, SHARED_DIRECTORY_LAST_UPDATED } from './shared-records';
export { DEMO_CLAIM_PROFILES } from './claim-profile';
export { PAYER_ORGANIZATION_ID, PAYER_NAME, PAYER_ID } from './provider-directory';
export { isValidNpi } from './npi';
export {
  CARIN_BB_VERSION,
  CARIN_BB_PROFILE_URLS,
  MEDICATION_KNOWLEDGE_PROFILE_URL,
  CODE_SYSTEMS,
  PAYER_IDENTIFIER_SYSTEMS,
  versionedProfile,
} from './fhir-canonicals';
export type {
  ClaimProfile,
  DataCategory,
  EnrollmentSpan,
  EobType,
  PlanDescription,
  Sensitivity,
  Sex,
  SyntheticMemberInput,
  SyntheticRecord,
  SyntheticResourceType,
} from './synthetic-record';
