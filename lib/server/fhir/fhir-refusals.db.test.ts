import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// What a refusal says, and with which status: a client acts on both (401: get a new token; 403:
// this token will never do).

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
