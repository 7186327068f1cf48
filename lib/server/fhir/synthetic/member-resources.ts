import 'server-only';

import type { CoveragePeriod } from './coverage-periods';
import { CARIN_BB_PROFILE_URLS, CODE_SYSTEMS, PAYER_IDENTIFIER_SYSTEMS, versionedProfile } from './fhir-canonicals';
import { PAYER_NAME, PAYER_ORGANIZATION_ID } from './provider-directory';
import { RECORD_VERSION, instantOnDate } from './record-instants';
import { SeededRandom } from './seeded-random';

const MEDICAID_GROUP = { value: 'MASSHEALTH-STANDARD', name: 'MassHealth Standard' };
import type { SyntheticMemberInput, SyntheticRecord } from './synthetic-record';

/** The member's Patient and Coverage resources. */

const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';
const CDC_RACE_ETHNICITY = 'urn:oid:2.16.840.1.113883.6.238';
const OMB_RACE = [
  { code: '2106-3', display: 'White' },
  { code: '2054-5', display: 'Black or African American' },
  { code: '2028-9', display: 'Asian' },
  { code: '1002-5', display: 'American Indian or Alaska Native' },
  { code: '2076-8', display: 'Native Hawaiian or Other Pacific Islander' },
] as const;
const OMB_ETHNICITY = [
  { code: '2135-2', display: 'Hispanic or Latino' },
  { code: '2186-5', display: 'Not Hispanic or Latino' },
] as const;

/**
 * Race, ethnicity and birth sex as US Core records them, and the member's preferred language.
 * Enrollment forms leave race and ethnicity optional: about one member in five has none on file.
 * A stream of its own keeps the claims' random choices as they were.
 */
function demographics(input: SyntheticMemberInput) {
  const random = SeededRandom.fromText(`synthetic-demographics:${input.memberId}`);
  const declared = random.chance(0.8);
  const race = random.pick(OMB_RACE);
  const ethnicity = random.pick(OMB_ETHNICITY);
  const spanish = random.chance(0.25);
  const extension: object[] = [];
  if (declared) {
    extension.push(
      {
        url: `${US_CORE}/us-core-race`,
        extension: [{ url: 'ombCategory', valueCoding: { system: CDC_RACE_ETHNICITY, ...race } }, { url: 'text', valueString: race.display }],
      },
      {
        url: `${US_CORE}/us-core-ethnicity`,
        extension: [{ url: 'ombCategory', valueCoding: { system: CDC_RACE_ETHNICITY, ...ethnicity } }, { url: 'text', valueString: ethnicity.display }],
      },
    );
  }
  const birthSex = input.sex === 'female' ? 'F' : input.sex === 'male' ? 'M' : 'UNK';
  extension.push({ url: `${US_CORE}/us-core-birthsex`, valueCode: birthSex });
  const language = spanish ? { code: 'es', display: 'Spanish' } : { code: 'en', display: 'English' };
  return {
    extension,
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', ...language }], text: language.display }, preferred: true }],
  };
}

/** The payer's member number for life, across plans and re-enrollments (CARIN's unique member id). */
function uniqueMemberIdentifier(memberId: string) {
  return {
    type: { coding: [{ system: CODE_SYSTEMS.c4bbIdentifierType, code: 'um', display: 'Unique Member ID' }] },
    system: PAYER_IDENTIFIER_SYSTEMS.uniqueMemberId,
    value: `U${memberId}`,
  };
}

function memberIdentifier(memberId: string) {
  return {
    type: { coding: [{ system: CODE_SYSTEMS.identifierType, code: 'MB', display: 'Member Number' }] },
    system: PAYER_IDENTIFIER_SYSTEMS.memberId,
    value: memberId,
  };
}

function latestDateUpTo(dates: readonly (string | null)[], today: string): string {
  let latest = '';
  for (const date of dates) if (date !== null && date <= today && date > latest) latest = date;
  return latest || today;
}

export function patientRecord(input: SyntheticMemberInput): SyntheticRecord {
  // The demographic record last changed when enrollment last changed (or at death).
  const changed = latestDateUpTo(
    [...input.spans.flatMap((span) => [span.start, span.end]), input.deceasedDate],
    input.today,
  );
  const lastUpdated = instantOnDate(changed, input.today, 7 * 3600);
  const { extension, communication } = demographics(input);
  const firstEnrolled = input.spans.map((span) => span.start).sort()[0];
  const resource = {
    resourceType: 'Patient',
    id: input.patientId,
    meta: { versionId: RECORD_VERSION, lastUpdated, profile: [versionedProfile(CARIN_BB_PROFILE_URLS.patient)] },
    extension,
    identifier: [memberIdentifier(input.memberId), uniqueMemberIdentifier(input.memberId)],
    active: true,
    name: [{ use: 'official', family: input.family, given: [input.given], text: `${input.given} ${input.family}` }],
    telecom: [
      { system: 'phone', value: input.phone, use: 'home' },
      { system: 'email', value: input.email },
    ],
    gender: input.sex,
    birthDate: input.birthDate,
    ...(input.deceasedDate !== null ? { deceasedDateTime: input.deceasedDate } : {}),
    address: [
      {
        use: 'home',
        type: 'physical',
        line: [input.address.line],
        city: input.address.city,
        state: input.address.state,
        postalCode: input.address.zip,
        country: 'US',
        // On file since enrollment (the demo has no address history).
        ...(firstEnrolled ? { period: { start: firstEnrolled } } : {}),
      },
    ],
    communication,
  };
  return {
    resourceType: 'Patient',
    id: input.patientId,
    patientId: input.patientId,
    lastUpdated,
    serviceDate: null,
    billableStart: null,
    billableEnd: null,
    itemServiceDates: null,
    eobType: null,
    sensitivity: 'none',
    category: 'patient',
    resource,
  };
}

export function coverageRecord(input: SyntheticMemberInput, period: CoveragePeriod): SyntheticRecord {
  const changed = latestDateUpTo([period.start, period.end], input.today);
  const lastUpdated = instantOnDate(changed, input.today, 8 * 3600);
  const patient = { reference: `Patient/${input.patientId}` };
  const resource = {
    resourceType: 'Coverage',
    id: period.coverageId,
    meta: { versionId: RECORD_VERSION, lastUpdated, profile: [versionedProfile(CARIN_BB_PROFILE_URLS.coverage)] },
    identifier: [memberIdentifier(input.memberId)],
    status: 'active',
    type: { coding: [{ system: CODE_SYSTEMS.sourceOfPayment, code: '2', display: 'MEDICAID' }], text: 'Medicaid' },
    subscriber: patient,
    subscriberId: input.memberId,
    beneficiary: patient,
    relationship: { coding: [{ system: CODE_SYSTEMS.subscriberRelationship, code: 'self', display: 'Self' }] },
    period: period.end === null ? { start: period.start } : { start: period.start, end: period.end },
    payor: [{ reference: `Organization/${PAYER_ORGANIZATION_ID}`, display: PAYER_NAME }],
    class: [
      {
        // Medicaid has no employer group: the group is the coverage program the member is in.
        type: { coding: [{ system: CODE_SYSTEMS.coverageClass, code: 'group', display: 'Group' }] },
        value: MEDICAID_GROUP.value,
        name: MEDICAID_GROUP.name,
      },
      {
        type: { coding: [{ system: CODE_SYSTEMS.coverageClass, code: 'plan', display: 'Plan' }] },
        value: period.planKey,
        name: period.plan.name,
      },
    ],
  };
  return {
    resourceType: 'Coverage',
    id: period.coverageId,
    patientId: input.patientId,
    lastUpdated,
    serviceDate: null,
    billableStart: null,
    billableEnd: null,
    itemServiceDates: null,
    eobType: null,
    sensitivity: 'none',
    category: 'coverage',
    resource,
  };
}
