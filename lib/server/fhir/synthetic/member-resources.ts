import 'server-only';

import type { CoveragePeriod } from './coverage-periods';
import { CARIN_BB_PROFILE_URLS, CODE_SYSTEMS, PAYER_IDENTIFIER_SYSTEMS, versionedProfile } from './fhir-canonicals';
import { PAYER_NAME, PAYER_ORGANIZATION_ID } from './provider-directory';
import { RECORD_VERSION, instantOnDate } from './record-instants';
import type { SyntheticMemberInput, SyntheticRecord } from './synthetic-record';

/** The member's Patient and Coverage resources. */

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
  const resource = {
    resourceType: 'Patient',
    id: input.patientId,
    meta: { versionId: RECORD_VERSION, lastUpdated, profile: [versionedProfile(CARIN_BB_PROFILE_URLS.patient)] },
    identifier: [memberIdentifier(input.memberId)],
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
      },
    ],
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
