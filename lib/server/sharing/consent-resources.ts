import 'server-only';
import { addDays, addYears, type CalendarDate } from '@/lib/calendar';
import type { OtherPayer, SharingKind } from '@/lib/db/schema';
import { PAYER_NAME, PAYER_ORGANIZATION_ID } from '@/lib/server/fhir/synthetic';

export const PDEX_PROVIDER_CONSENT_PROFILE = 'http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-provider-consent';
export const HREX_CONSENT_PROFILE = 'http://hl7.org/fhir/us/davinci-hrex/StructureDefinition/hrex-consent';
export const PDEX_PROVIDER_ACCESS_USE_CASE = 'http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-provider-access-use-case';
export const PDEX_CONSENT_API_PURPOSE = 'http://hl7.org/fhir/us/davinci-pdex/CodeSystem/pdex-consent-api-purpose';
export const HREX_POLICY = {
  regular: 'http://hl7.org/fhir/us/davinci-hrex/StructureDefinition-hrex-consent.html#regular',
  sensitive: 'http://hl7.org/fhir/us/davinci-hrex/StructureDefinition-hrex-consent.html#sensitive',
} as const;
/** Where the hub's own records of a choice are named (the HRex `sourceReference` points at one). */
export const SHARING_CHOICE_SYSTEM = 'urn:consent-hub:sharing-choice';
/** How long a Payer-to-Payer permission is recorded for (HRex requires an end): the rule's five-year look-back. */
export const PAYER_TO_PAYER_YEARS = 5;

const CONSENT_SCOPE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] };
const DISCLOSURE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IDSCL' }] };
const PERFORMER_ROLE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'performer' }] };
const RECIPIENT_ROLE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };
const DISCLOSE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'disclose', display: 'Disclose' }] };
const PAYER = { reference: `Organization/${PAYER_ORGANIZATION_ID}`, display: PAYER_NAME };

export interface ConsentSource {
  choiceId: string;
  version: number;
  kind: SharingKind;
  decision: 'permit' | 'deny';
  policy: 'regular' | 'sensitive' | null;
  otherPayers: OtherPayer[];
  patientId: string;
  /** Who made the choice: the member (`Patient/…`) or their representative (`RelatedPerson/…`); staff record a caller's own choice. */
  performer: string;
  /** The day the choice was made (payer's calendar). */
  start: string;
  lastUpdated: string;
}

/** The FHIR id of a member's Consent of one kind: one per kind, the choice in force. */
export const consentIdFor = (kind: SharingKind, patientId: string) => `${kind === 'provider_access' ? 'pa' : 'p2p'}-${patientId}`;

/**
 * The Consent in force for one kind of choice: Provider Access as Da Vinci PDex's provider consent
 * (deny = opted out, permit = opted back in), a Payer-to-Payer permission as Da Vinci HRex's Consent
 * (always permit, `#regular` or `#sensitive`). A withdrawn Payer-to-Payer permission has no Consent:
 * HRex only ever expresses a permit.
 */
export function buildConsentResource(source: ConsentSource): Record<string, unknown> | null {
  const common = {
    resourceType: 'Consent',
    id: consentIdFor(source.kind, source.patientId),
    meta: { versionId: String(source.version), lastUpdated: source.lastUpdated, profile: [] as string[] },
    status: 'active',
    scope: CONSENT_SCOPE,
  };
  const patient = { reference: `Patient/${source.patientId}` };
  const performer = [{ reference: source.performer }];
  if (source.kind === 'provider_access') {
    return {
      ...common,
      meta: { ...common.meta, profile: [PDEX_PROVIDER_CONSENT_PROFILE] },
      category: [DISCLOSURE, { coding: [{ system: PDEX_CONSENT_API_PURPOSE, code: 'provider-access' }] }],
      patient,
      dateTime: source.lastUpdated,
      performer,
      organization: [PAYER],
      policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentpolicycodes', code: 'cric', display: 'Common Rule Informed Consent' }] },
      provision: {
        type: source.decision,
        period: { start: source.start },
        actor: [{ role: PERFORMER_ROLE, reference: PAYER }],
        action: [{ ...DISCLOSE, extension: [{ url: PDEX_PROVIDER_ACCESS_USE_CASE, valueBoolean: true }] }],
      },
    };
  }
  if (source.decision !== 'permit') return null;
  return {
    ...common,
    meta: { ...common.meta, profile: [HREX_CONSENT_PROFILE] },
    category: [DISCLOSURE, { coding: [{ system: PDEX_CONSENT_API_PURPOSE, code: 'payer-to-payer' }] }],
    patient,
    dateTime: source.lastUpdated,
    performer,
    organization: [PAYER],
    sourceReference: { identifier: { system: SHARING_CHOICE_SYSTEM, value: source.choiceId }, display: 'Choice recorded in the member portal' },
    policy: [{ uri: HREX_POLICY[source.policy ?? 'regular'] }],
    provision: {
      type: 'permit',
      period: { start: source.start, end: addDays(addYears(source.start as CalendarDate, PAYER_TO_PAYER_YEARS), -1) },
      actor: [
        { role: PERFORMER_ROLE, reference: PAYER },
        ...source.otherPayers.map((p) => ({
          role: RECIPIENT_ROLE,
          // The plan by name only: the member's ID there stays in the payer's own record.
          reference: { display: p.name },
        })),
      ],
      action: [DISCLOSE],
    },
  };
}
