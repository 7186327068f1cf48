import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// What a refusal says, and with which status: a client acts on both (401: get a new token; 403:
// this token will never do; 501: this server will never do).

const MARIA = '100000000001';
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());

async function call(path: string, token: string | null, init: RequestInit = {}) {
  const response = await fetch(`${hub.fhirBase}/${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const issue = (body: any) => body.issue?.[0] ?? {};
const warnings = (bundle: any): string[] =>
  (bundle.entry ?? []).filter((e: any) => e.search.mode === 'outcome').flatMap((e: any) => e.resource.issue.map((i: any) => i.diagnostics));

describe('a 403 says whose choice it was', () => {
  it('a type outside the token\'s scope is the scope\'s doing, not the member\'s', async () => {
    // The app asked for claims and the Patient only; the member approved everything it asked (the
    // consent page offers only those categories), or, through the test's door, every category.
    for (const categories of [['personal', 'claims'] as const, undefined]) {
      const { tokens } = await hub.launch({ memberId: MARIA, categories: categories && [...categories], scope: 'launch/patient openid fhirUser patient/ExplanationOfBenefit.s patient/Patient.r' });
      const token = String(tokens.access_token);
      const coverage = await call('Coverage', token);
      expect(coverage.status).toBe(403);
      expect(issue(coverage.body)).toMatchObject({ code: 'forbidden', diagnostics: 'This access token\'s scope does not include Coverage.' });
      expect(coverage.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);

      const claims = await call('ExplanationOfBenefit?_include=ExplanationOfBenefit:provider&_count=5', token);
      expect(claims.status).toBe(200);
      expect(warnings(claims.body).join(' ')).toContain('this access token\'s scope does not include Organization');
      expect(warnings(claims.body).join(' ')).not.toContain('the member did not share');
    }
  });

  it('a category the member left out is still the member\'s choice', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA, categories: ['personal', 'claims'] });
    const token = String(tokens.access_token);
    const coverage = await call('Coverage', token);
    expect(coverage.status).toBe(403);
    expect(issue(coverage.body).diagnostics).toBe('The member did not approve sharing Coverage with this app.');
    const claims = await call('ExplanationOfBenefit?_include=ExplanationOfBenefit:provider&_count=5', token);
    expect(warnings(claims.body).join(' ')).toContain('the member did not share Organization with this app');
  });
});

describe('a member\'s token on an endpoint for backend services', () => {
  it('is refused with 403 insufficient_scope, not 401 (the token is valid, only of the wrong kind)', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    const token = String(tokens.access_token);
    const group = await call('Group/pg-boston-community', token);
    const match = await call('Patient/$member-match', token, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: '{"resourceType":"Parameters"}' });
    for (const answer of [group, match]) {
      expect(answer.status).toBe(403);
      expect(issue(answer.body).code).toBe('forbidden');
      expect(issue(answer.body).diagnostics).toMatch(/SMART backend services/);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer .*error="insufficient_scope"/);
    }
  });

  it('still answers 401 to no token or a dead one', async () => {
    for (const token of [null, 'not-a-token']) {
      const group = await call('Group/pg-boston-community', token);
      expect(group.status).toBe(401);
      expect(issue(group.body).code).toBe('login');
    }
  });
});

describe('an operation this server does not support', () => {
  it('is 501 not-supported, not 404 not-found', async () => {
    const { tokens } = await hub.launch({ memberId: MARIA });
    const token = String(tokens.access_token);
    for (const path of ['Patient/$everything', '$export', 'Patient/$export', 'Group/pg-boston-community/$export', `Patient/pt-1/$everything`, 'ExplanationOfBenefit/$validate']) {
      for (const auth of [token, null]) {
        const answer = await call(path, auth);
        expect(answer.status, path).toBe(501);
        expect(issue(answer.body).code, path).toBe('not-supported');
        expect(issue(answer.body).diagnostics, path).toContain(`$${path.split('$')[1]}`);
      }
    }
    // An unknown resource type or id is still not found.
    expect((await call('Observation', token)).status).toBe(404);
    expect((await call('Patient/no-such-patient', token)).status).toBe(404);
  });
});
