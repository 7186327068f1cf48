import 'server-only';
import { appConfig } from '@/lib/server/config/app-config';
import { SEARCH_PARAMETERS, INCLUDES } from './search-parameters';

const CARIN_PROFILES: Record<string, string[]> = {
  Patient: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Patient'],
  Coverage: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Coverage'],
  ExplanationOfBenefit: [
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Inpatient-Institutional',
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Outpatient-Institutional',
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Professional-NonClinician',
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Pharmacy',
    'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Oral',
  ],
  Organization: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Organization'],
  Practitioner: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Practitioner'],
  MedicationKnowledge: ['http://hl7.org/fhir/us/davinci-drug-formulary/StructureDefinition/usdf-FormularyDrug'],
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
  'billable-period-start': 'date',
};

/** `GET /fhir/metadata`: what this server really supports, with the SMART security extension. */
export function capabilityStatement() {
  const { fhirBaseUrl, issuer } = appConfig();
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
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: `${issuer}/auth` },
                { url: 'token', valueUri: `${issuer}/token` },
                { url: 'revoke', valueUri: `${issuer}/token/revocation` },
                { url: 'introspect', valueUri: `${issuer}/token/introspection` },
              ],
            },
          ],
        },
        resource: Object.entries(SEARCH_PARAMETERS).map(([type, params]) => ({
          type,
          supportedProfile: CARIN_PROFILES[type],
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchInclude: type === 'ExplanationOfBenefit' ? Object.keys(INCLUDES) : undefined,
          searchParam: params
            .filter((p) => p !== '_include')
            .map((name) => ({ name, type: PARAMETER_TYPES[name] ?? 'token' })),
        })),
      },
    ],
  };
}
