import { HREX_POLICY } from '@/lib/server/sharing/consent-resources';
import { recordSharingChoice } from '@/lib/server/sharing/record-sharing-choice';

/** Linh Nguyen (lib/demo/fixtures/members.json): no provider; Harbor Health Plan may match her once she opts in. */
const LINH = '100000000005';

export interface MemberMatchRequestOptions {
  /** The HRex Consent's policy: everything (`sensitive`) or all but sensitive data (`regular`). */
  policy?: 'regular' | 'sensitive';
  /** The Consent's provision type; `deny` is refused. */
  consentType?: string;
  name?: { family?: string; given?: string[] };
  /** null leaves the birth date out. */
  birthDate?: string | null;
  /** CoverageToMatch's identifiers (the member ID at MassHealth). */
  identifier?: { value: string }[];
  subscriberId?: string;
}

/**
 * An HRex `$member-match` request from Harbor Health Plan for Linh Nguyen, with the parts a test
 * changes: MemberPatient, CoverageToMatch (MassHealth), CoverageToLink (Harbor) and the Consent.
 */
export function memberMatchRequest({
  policy = 'regular',
  consentType = 'permit',
  name = { family: 'Nguyen', given: ['Linh'] },
  birthDate = '1988-01-25',
  identifier = [{ value: LINH }],
  subscriberId,
}: MemberMatchRequestOptions = {}) {
  const member = { reference: 'Patient/1' };
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'MemberPatient', resource: { resourceType: 'Patient', id: '1', name: [name], ...(birthDate === null ? {} : { birthDate }) } },
      {
        name: 'CoverageToMatch',
        resource: { resourceType: 'Coverage', status: 'draft', identifier, ...(subscriberId ? { subscriberId } : {}), beneficiary: member, payor: [{ display: 'MassHealth' }] },
      },
      { name: 'CoverageToLink', resource: { resourceType: 'Coverage', status: 'active', identifier: [{ value: 'HHP-1001' }], beneficiary: member, payor: [{ display: 'Harbor Health Plan' }] } },
      {
        name: 'Consent',
        resource: {
          resourceType: 'Consent',
          status: 'active',
          scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IDSCL' }] }],
          patient: member,
          performer: [member],
          sourceReference: { reference: 'http://example.org/DocumentReference/consent-1' },
          policy: [{ uri: HREX_POLICY[policy] }],
          provision: { type: consentType, period: { start: '2026-01-01', end: '2031-01-01' }, actor: [], action: [] },
        },
      },
    ],
  };
}

/**
 * Linh's own Payer-to-Payer choice naming Harbor Health Plan (her member ID there, a concurrent
 * plan), the opt-in `memberMatchRequest` needs to match: all but sensitive data (`regular`) or
 * everything (`sensitive`).
 */
export function linhSharesWithHarbor(policy: 'regular' | 'sensitive' = 'regular') {
  return recordSharingChoice({
    memberId: LINH,
    kind: 'payer_to_payer',
    decision: 'permit',
    policy,
    otherPayers: [{ name: 'Harbor Health Plan', memberId: 'HHP-1001', relation: 'concurrent' }],
    by: { kind: 'member' },
  });
}
