import { beforeAll, describe, expect, it } from 'vitest';
import { backendToken } from '@/lib/testing/backend-token';
import { linhSharesWithHarbor, memberMatchRequest as matchRequest } from '@/lib/testing/member-match-request';
import { suiteHub } from '@/lib/testing/suite-hub';

const LINH = '100000000005';
const PLAN = 'harbor-health-plan-p2p';

const suite = suiteHub({ dataDirPrefix: 'hub-member-match-limits-', mailToDevOutbox: false });

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
    await linhSharesWithHarbor();
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

  it('takes one member ID per request: a block of guesses with the real one among them is refused, never matched', async () => {
    const guesses = Array.from({ length: 200 }, (_, i) => ({ value: String(200000000000 + i) }));
    const block = await match(token, matchRequest({ identifier: [...guesses, { value: LINH }] }));
    expect([block.status, issue(block.text).code]).toEqual([422, 'processing']);
    expect(issue(block.text).diagnostics).toMatch(/one member ID/);
    const two = await match(token, matchRequest({ identifier: [{ value: LINH }], subscriberId: '100000000001' }));
    expect([two.status, issue(two.text).code]).toEqual([422, 'processing']);
  });

  it('needs the given name, family name and birth date, and says which is missing', async () => {
    const noGiven = await match(token, matchRequest({ name: { family: 'Nguyen' } }));
    expect([noGiven.status, issue(noGiven.text).code]).toEqual([422, 'required']);
    expect(issue(noGiven.text).diagnostics).toMatch(/given name/);
    const noFamily = await match(token, matchRequest({ name: { given: ['Linh'] } }));
    expect([noFamily.status, issue(noFamily.text).code]).toEqual([422, 'required']);
    expect(issue(noFamily.text).diagnostics).toMatch(/family name/);
    expect(issue(noFamily.text).diagnostics).not.toMatch(/given name/);
    const noBirthDate = await match(token, matchRequest({ birthDate: null }));
    expect([noBirthDate.status, issue(noBirthDate.text).code]).toEqual([422, 'required']);
    expect(issue(noBirthDate.text).diagnostics).toMatch(/birth date/);
  });

  it('answers a wrong given name for a real member byte for byte as it answers a member who does not exist', async () => {
    const wrongGiven = await match(token, matchRequest({ name: { family: 'Nguyen', given: ['Lan'] } }));
    const unknown = await match(token, matchRequest({ identifier: [{ value: '199999999999' }] }));
    expect(wrongGiven.status).toBe(422);
    expect(issue(wrongGiven.text).code).toBe('not-found');
    expect(wrongGiven.text).toBe(unknown.text);
    expect(unknown.status).toBe(422);
  });
});
