import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// Finding 6 of issue 10: bad bytes in any FHIR parameter (NUL, other control characters, broken
// percent-encoding, lone surrogates inside a paging cursor, overlong values) are the client's
// mistake: a 400 OperationOutcome, never a 500.

const MARIA = '100000000001';
let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub();
  ({ tokens: { access_token: token } } = await hub.launch({ memberId: MARIA, scope: 'launch/patient openid patient/*.rs' }));
}, 120_000);
afterAll(async () => hub?.close());

const cursorOf = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(`${hub.fhirBase}/${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('bad bytes in FHIR parameters', () => {
  const queries = [
    'Patient?_id=%00',
    'Patient?identifier=%00',
    'ExplanationOfBenefit?identifier=a%00b',
    'ExplanationOfBenefit?_id=%01',
    'ExplanationOfBenefit?type=%00',
    'Coverage?patient=%00',
    'Coverage?beneficiary=Patient/%00',
    'ExplanationOfBenefit?service-date=2020%00',
    'ExplanationOfBenefit?_lastUpdated=ge2020-01-01T00:00:00%00',
    'MedicationKnowledge?code=%00',
    'ExplanationOfBenefit?_include=%00',
    'ExplanationOfBenefit?%00=1',
    'ExplanationOfBenefit?_count=%00',
    'ExplanationOfBenefit?_summary=%00',
    // Broken UTF-8: a lone continuation byte, an overlong NUL, an encoded lone surrogate, a bare %.
    'Patient?_id=%80',
    'Patient?identifier=%C0%80',
    'Patient?identifier=%ED%A0%80',
    'Patient?identifier=%E0%A4%A',
    // Overlong values.
    `Patient?identifier=${'a'.repeat(5000)}`,
    `ExplanationOfBenefit?_id=${'a,'.repeat(3000)}`,
    // Cursors holding NUL, a lone surrogate, a day that does not exist, something else entirely.
    `ExplanationOfBenefit?_cursor=${cursorOf({ d: '2020-01-01', i: 'a\u0000b' })}`,
    `ExplanationOfBenefit?_cursor=${cursorOf('{"d":null,"i":"\\ud800"}')}`,
    `Coverage?_cursor=${cursorOf({ d: null, i: '\u0000' })}`,
    `ExplanationOfBenefit?_cursor=${cursorOf({ d: '2020-13-45', i: 'x' })}`,
    `ExplanationOfBenefit?_cursor=${cursorOf({ d: '2020-01-01', i: 'x'.repeat(500) })}`,
    'ExplanationOfBenefit?_cursor=%00',
  ];
  for (const query of queries) {
    it(`answers ${query.slice(0, 80)} with a 400 OperationOutcome`, async () => {
      const { status, body } = await get(query);
      expect(status).toBe(400);
      expect(body.resourceType).toBe('OperationOutcome');
    });
  }

  it('reads the same rules in a POST _search body', async () => {
    for (const form of ['_id=%00', 'identifier=%C0%80', `identifier=${'b'.repeat(5000)}`]) {
      const { status, body } = await get('ExplanationOfBenefit/_search', { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(status, form).toBe(400);
      expect(body.resourceType).toBe('OperationOutcome');
    }
  });

  it('answers a read by an id holding bad bytes with a 404, not a 500', async () => {
    for (const path of ['Patient/%00', 'ExplanationOfBenefit/a%00b', 'Patient/%ED%A0%80', 'Patient/x/_history/%00']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('still serves good parameters, tabs and all, and still answers an unknown id with nothing', async () => {
    expect((await get('Patient?_id=not-a-patient')).body.entry).toEqual([]);
    expect((await get('Patient?identifier=%09')).status).toBe(200);
    expect((await get('ExplanationOfBenefit?identifier=caf%C3%A9')).status).toBe(200);
  });
});

describe('bad bytes at the authorization server and the pages', () => {
  it('answers 400 before the authorization server or a page reads them', async () => {
    for (const path of ['/oauth/auth?client_id=%00&response_type=code', '/oauth/auth?client_id=blue-button-explorer&state=%C0%80', '/account/connections/%00', '/apps?q=a%00']) {
      const response = await fetch(`${hub.url}${path}`, { redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.status, path).toBe(400);
    }
  });
});
