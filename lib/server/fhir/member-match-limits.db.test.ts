import { beforeAll, describe, expect, it } from 'vitest';
import { backendToken } from '@/lib/testing/backend-token';
import { suiteHub } from '@/lib/testing/suite-hub';
import { HREX_POLICY } from '@/lib/server/sharing/consent-resources';
import { recordSharingChoice } from '@/lib/server/sharing/record-sharing-choice';

const LINH = '100000000005';
const PLAN = 'harbor-health-plan-p2p';

const suite = suiteHub({ dataDirPrefix: 'hub-member-match-limits-', mailToDevOutbox: false });

interface MatchRequestOptions {
  name?: { family?: string; given?: string[] };
  birthDate?: string | null;
  identifier?: { value: string }[];
  subscriberId?: string;
}

/** An HRex $member-match request for Linh Nguyen, with the parts a test changes. */
function matchRequest({ name = { family: 'Nguyen', given: ['Linh'] }, birthDate = '1988-01-25', identifier = [{ value: LINH }], subscriberId }: MatchRequestOptions = {}) {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'MemberPatient', resource: { resourceType: 'Patient', id: '1', name: [name], ...(birthDate === null ? {} : { birthDate }) } },
      {
        name: 'CoverageToMatch',
        resource: { resourceType: 'Coverage', status: 'draft', identifier, ...(subscriberId ? { subscriberId } : {}), beneficiary: { reference: 'Patient/1' }, payor: [{ display: 'MassHealth' }] },
      },
      { name: 'CoverageToLink', resource: { resourceType: 'Coverage', status: 'active', identifier: [{ value: 'HHP-1001' }], beneficiary: { reference: 'Patient/1' }, payor: [{ display: 'Harbor Health Plan' }] } },
      {
        name: 'Consent',
        resource: {
          resourceType: 'Consent',
          status: 'active',
          scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IDSCL' }] }],
          patient: { reference: 'Patient/1' },
          performer: [{ reference: 'Patient/1' }],
          policy: [{ uri: HREX_POLICY.regular }],
          provision: { type: 'permit', period: { start: '2020-01-01', end: '2099-01-01' } },
        },
      },
    ],
  };
}

async function match(token: string, body: unknown) {
  const response = await fetch(`${suite.hub.fhirBase}/Patient/$member-match`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json', 'content-type': 'application/fhir+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text(), wwwAuthenticate: response.headers.get('www-authenticate') };
}
/** The first issue of an OperationOutcome answer; none (a match answered) fails the assertions after it, not the test's code. */
const issue = (text: string) => ((JSON.parse(text) as { issue?: { code?: string; diagnostics?: string }[] }).issue ?? [{}])[0];

describe('$member-match: what a plan may ask, and how much', () => {
  let token: string;
  beforeAll(async () => {
    token = (await backendToken(suite.hub.url, PLAN, 'system/Patient.read system/Coverage.read')).body.access_token;
    await recordSharingChoice({
      memberId: LINH,
      kind: 'payer_to_payer',
      decision: 'permit',
      policy: 'regular',
      otherPayers: [{ name: 'Harbor Health Plan', memberId: 'HHP-1001', relation: 'concurrent' }],
      by: { kind: 'member' },
    });
  });

  it('matches Linh on her full name, birth date and one member ID (the request every other case here changes)', async () => {
    expect((await match(token, matchRequest())).status).toBe(200);
    // The same ID as identifier and subscriberId is still one member ID.
    expect((await match(token, matchRequest({ subscriberId: LINH }))).status).toBe(200);
  });

  it('needs system/Patient read in the token: a token for Coverage alone is refused with insufficient_scope', async () => {
    const coverageOnly = await backendToken(suite.hub.url, PLAN, 'system/Coverage.read');
    expect(coverageOnly.status).toBe(200);
    const refused = await match(coverageOnly.body.access_token, matchRequest());
    expect([refused.status, issue(refused.text).code]).toEqual([403, 'forbidden']);
    expect(refused.wwwAuthenticate).toMatch(/error="insufficient_scope"/);
  });
});
