import 'server-only';
import { appConfig } from '@/lib/server/config/app-config';
import { MEDICATION_KNOWLEDGE_PROFILE_URL } from './synthetic';
import { INCLUDES, SEARCH_PARAMETERS, WILDCARD_INCLUDES } from './search-parameters';
import { smartConfiguration } from './smart-configuration';
import { HREX_CONSENT_PROFILE, PDEX_PROVIDER_CONSENT_PROFILE } from '@/lib/server/sharing/consent-resources';

/** The profiles each served type's resources declare (CARIN BB 2.0.0), in supportedProfile. */
const CARIN_PROFILES: Record<string, string[]> = {
  Patient: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Patient'],
  Coverage: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Coverage'],
  ExplanationOfBenefit: [
    // The parent profile every claim type's profile derives from, as CARIN's own statement lists it.
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit',
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Inpatient-Institutional',
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Outpatient-Institutional',
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Professional-NonClinician',
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Pharmacy',
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Oral',
  ],
  Organization: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Organization'],
  Practitioner: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Practitioner'],
  // Provider Access opt-out (Da Vinci PDex) and Payer-to-Payer permission (Da Vinci HRex).
  Consent: [PDEX_PROVIDER_CONSENT_PROFILE, HREX_CONSENT_PROFILE],
};

/** The covered drugs claim base R4 only (see MEDICATION_KNOWLEDGE_PROFILE_URL for why). */
const BASE_PROFILES: Record<string, string> = {
  MedicationKnowledge: MEDICATION_KNOWLEDGE_PROFILE_URL,
};

const PARAMETER_TYPES: Record<string, string> = {
  _id: 'token',
  _lastUpdated: 'date',
  identifier: 'token',
  patient: 'reference',
  beneficiary: 'reference',
  type: 'token',
  code: 'token',
  'service-date': 'date',
  'service-start-date': 'date',
  'billable-period-start': 'date',
  category: 'token',
  'provision-type': 'token',
  'provision-action': 'token',
  'provider-access': 'token',
};

/**
 * Payer-to-Payer (CMS-0057-F): another health plan's system, signed in with SMART backend services
 * (system/Patient.read), asks for a member with an HRex Consent; the member's choice decides.
 */
const OPERATIONS: Record<string, { name: string; definition: string; documentation: string }[]> = {
  Patient: [
    {
      name: 'member-match',
      definition: 'http://hl7.org/fhir/us/davinci-hrex/OperationDefinition/member-match',
      documentation: 'POST only, by another health plan (SMART backend services, system/Patient.read). Matches only with a current permit from the member; #regular leaves out sensitive claims.',
    },
  ],
};

/**
 * What SMART backend services clients read besides a member's apps (CMS-0057-F), each with the
 * type's system/ scope: another health plan (Payer-to-Payer) and a provider organization (Provider
 * Access) read Patient, Coverage and ExplanationOfBenefit of a member who allows it.
 */
const BACKEND_READS =
  'Also read by SMART backend services clients with system/<type>.read: another health plan, for a member it matched ($member-match) under the member\'s Payer-to-Payer permission (five years, sensitive claims only under #sensitive); a provider organization, for a member attributed to its Group today who has not turned Provider Access off (from 2016-01-01, never sensitive claims). Search with patient=<id>; a read by id of any other member\'s resource is not found.';
const BACKEND_READ_DOCUMENTATION: Partial<Record<string, string>> = { Patient: BACKEND_READS, Coverage: BACKEND_READS, ExplanationOfBenefit: BACKEND_READS };

/** A representative's `fhirUser` (base R4: CARIN BB's RelatedPerson profile is for the subscriber, not an approver). */
const REPRESENTATIVE = {
  type: 'RelatedPerson',
  interaction: [{ code: 'read' }, { code: 'vread' }],
  versioning: 'versioned',
  readHistory: false,
  conditionalRead: 'not-supported',
  documentation:
    'The fhirUser of a representative\'s id_token: read by id (and vread of its one version, _history/1), with the fhirUser scope, by the tokens of the approvals that representative made for the member. No other RelatedPerson is served.',
};

/** Provider Access (CMS-0057-F): a provider organization reads its own attribution Group. */
const PROVIDER_ACCESS_GROUP = {
  type: 'Group',
  interaction: [{ code: 'read' }],
  documentation:
    'Provider Access: a provider organization (SMART backend services, system/Group.read) reads its own Group of attributed members; members who turned Provider Access off are left out at the moment of each request. It then reads the Patient, Coverage and ExplanationOfBenefit of those members (system/<type>.read).',
};

const SMART_OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

/** `GET /fhir/metadata`: what this server really supports, with the SMART security extension. */
export function capabilityStatement() {
  const { fhirBaseUrl } = appConfig();
  // One source for the endpoints, so discovery through either document finds the same ones.
  const smart = smartConfiguration();
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-23',
    kind: 'instance',
    publisher: 'Consent hub (demo payer)',
    software: { name: 'consent-hub', version: '0.1.0' },
    implementation: { description: 'Patient Access API (CMS-9115-F, CMS-0057-F)', url: fhirBaseUrl },
    fhirVersion: '4.0.1',
    format: ['json'],
    instantiates: ['http://hl7.org/fhir/us/carin-bb/CapabilityStatement/c4bb'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          extension: [
            {
              url: SMART_OAUTH_URIS,
              extension: [
                { url: 'authorize', valueUri: smart.authorization_endpoint },
                { url: 'token', valueUri: smart.token_endpoint },
                { url: 'revoke', valueUri: smart.revocation_endpoint },
                { url: 'introspect', valueUri: smart.introspection_endpoint },
                // Where the member sees and stops each app's access.
                { url: 'manage', valueUri: smart.management_endpoint },
              ],
            },
          ],
        },
        resource: [
          ...Object.entries(SEARCH_PARAMETERS).map(([type, params]) => ({
          type,
          profile: BASE_PROFILES[type],
          supportedProfile: CARIN_PROFILES[type],
          interaction: [{ code: 'read' }, { code: 'vread' }, { code: 'search-type' }],
          // Each resource has one version (meta.versionId); there is no history to list.
          versioning: 'versioned',
          readHistory: false,
          conditionalRead: 'not-supported',
          searchInclude: searchIncludes(type),
          searchParam: params
            .filter((p) => p !== '_include')
            .map((name) => ({ name, type: PARAMETER_TYPES[name] ?? 'token' })),
          operation: OPERATIONS[type],
          documentation: BACKEND_READ_DOCUMENTATION[type],
        })),
          REPRESENTATIVE,
          PROVIDER_ACCESS_GROUP,
        ],
        // `ExplanationOfBenefit:coverage` with `_include:iterate=Coverage:payor`, as CARIN BB's statement suggests.
        documentation: 'ExplanationOfBenefit searches also take _include:iterate=Coverage:payor.',
      },
    ],
  };
}

function searchIncludes(type: string): string[] | undefined {
  const includes = [
    ...Object.entries(INCLUDES).filter(([, include]) => include.from === type).map(([name]) => name),
    ...WILDCARD_INCLUDES.filter((name) => name.startsWith(`${type}:`)),
  ];
  return includes.length ? includes : undefined;
}
