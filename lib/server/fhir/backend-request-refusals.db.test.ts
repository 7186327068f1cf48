import { beforeAll, describe, expect, it } from 'vitest';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { backendToken } from '@/lib/testing/backend-token';
import { suiteHub } from '@/lib/testing/suite-hub';

// What the API does not do is refused for what it is, not as something missing or malformed:
// 415 and 413 for a $member-match body it does not read, 501 for history, which it does not keep.

const MARIA = '100000000001';
const PROVIDER = 'boston-community-provider-access';
const PLAN = 'harbor-health-plan-p2p';
const GROUP = 'pg-boston-community';

const suite = suiteHub({ dataDirPrefix: 'hub-backend-request-refusals-', mailToDevOutbox: false });

async function call(path: string, token: string | null, init: RequestInit = {}) {
  const response = await fetch(`${suite.hub.fhirBase}/${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

let provider: string;
let plan: string;
beforeAll(async () => {
  provider = (await backendToken(suite.hub.url, PROVIDER, 'system/Group.read system/Patient.read')).body.access_token;
  plan = (await backendToken(suite.hub.url, PLAN, 'system/Patient.read')).body.access_token;
});

describe('$member-match refuses a body it cannot read for what it is', () => {
  const parameters = JSON.stringify({ resourceType: 'Parameters', parameter: [] });
  const match = (body: string, headers: Record<string, string>) => call('Patient/$member-match', plan, { method: 'POST', body, headers });

  it('415 for a body that is not FHIR JSON or is compressed, 413 for one too long; JSON with a charset is read', async () => {
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/fhir+xml', 'application/x-www-form-urlencoded']) {
      const refused = await match(parameters, { 'content-type': type });
      expect([type, refused.status, refused.body.issue[0].code]).toEqual([type, 415, 'not-supported']);
    }
    const gzip = await match(parameters, { 'content-type': 'application/fhir+json', 'content-encoding': 'gzip' });
    expect([gzip.status, gzip.body.issue[0].code]).toEqual([415, 'not-supported']);
    const long = JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'x', valueString: 'a'.repeat(70_000) }] });
    const tooLong = await match(long, { 'content-type': 'application/fhir+json' });
    expect([tooLong.status, tooLong.body.issue[0].code]).toEqual([413, 'too-costly']);
    for (const type of ['application/fhir+json; charset=utf-8', 'application/json', 'Application/FHIR+JSON', 'application/fhir+json; fhirVersion=4.0']) {
      // Read, and found wanting as Parameters (no MemberPatient): the type was not the problem.
      expect([type, (await match(parameters, { 'content-type': type })).status]).toEqual([type, 422]);
    }
    expect((await match(parameters, { 'content-type': 'application/fhir+json', 'content-encoding': 'identity' })).status).toBe(422);
  });
});

describe('history', () => {
  it('is 501 not-supported, of the server, a type or a resource, for any token or none', async () => {
    const maria = patientIdFor(MARIA);
    for (const path of ['_history', 'Patient/_history', 'ExplanationOfBenefit/_history', `Patient/${maria}/_history`, `Group/${GROUP}/_history`]) {
      for (const token of [provider, null]) {
        const answer = await call(path, token);
        expect([path, answer.status, answer.body.issue[0].code]).toEqual([path, 501, 'not-supported']);
      }
    }
  });
});
