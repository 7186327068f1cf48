import { and, desc, eq, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendClients, fhirResources } from '@/lib/db/schema';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { recordSharingChoice } from '@/lib/server/sharing/record-sharing-choice';
import { backendToken } from '@/lib/testing/backend-token';
import { suiteHub } from '@/lib/testing/suite-hub';

// A backend services token (a provider's, another plan's) reads the way a member's does: HEAD as
// GET without the body, vread of the one version, a read by id without naming the member; a
// resource it may not read is, to it, one that does not exist. And a missing scope is said as for a
// member's token: insufficient_scope.

const MARIA = '100000000001'; // attributed to Boston Community; behavioral-health claims
const LINH = '100000000005'; // attributed to no one
const PROVIDER = 'boston-community-provider-access';
const PLAN = 'harbor-health-plan-p2p';
const GROUP = 'pg-boston-community';
const ALL_READS = 'system/Group.read system/Patient.read system/Coverage.read system/ExplanationOfBenefit.read';

const suite = suiteHub({ dataDirPrefix: 'hub-backend-read-methods-', mailToDevOutbox: false });

async function call(path: string, token: string | null, init: RequestInit = {}) {
  const response = await fetch(`${suite.hub.fhirBase}/${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-encoding': 'identity', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

async function claimOf(memberId: string, sensitive = false): Promise<string> {
  const [row] = await suite.hub.db
    .select({ id: fhirResources.id })
    .from(fhirResources)
    .where(
      and(
        eq(fhirResources.patientId, patientIdFor(memberId)),
        eq(fhirResources.resourceType, 'ExplanationOfBenefit'),
        sensitive ? ne(fhirResources.sensitivity, 'none') : eq(fhirResources.sensitivity, 'none'),
      ),
    )
    .orderBy(desc(fhirResources.serviceDate))
    .limit(1);
  return row.id;
}

let provider: string;
let plan: string;
beforeAll(async () => {
  // The demo provider is registered for its Group and Patient; here also for claims and coverage.
  await suite.hub.db.update(backendClients).set({ scopes: ALL_READS }).where(eq(backendClients.clientId, PROVIDER));
  provider = (await backendToken(suite.hub.url, PROVIDER, ALL_READS)).body.access_token;
  plan = (await backendToken(suite.hub.url, PLAN, 'system/Patient.read system/ExplanationOfBenefit.read')).body.access_token;
});

describe('HEAD, vread and read by id with a backend token', () => {
  it('answers HEAD as GET, without the body: the Group, a read, a search', async () => {
    const maria = patientIdFor(MARIA);
    for (const path of [`Group/${GROUP}`, `Patient/${maria}`, `ExplanationOfBenefit?patient=${maria}&_count=2`, 'Group/pg-merrimack-family', `Patient/${patientIdFor(LINH)}`]) {
      const [head, full] = await Promise.all([call(path, provider, { method: 'HEAD' }), call(path, provider)]);
      expect(head.status, path).toBe(full.status);
      expect(head.headers.get('content-type'), path).toBe(full.headers.get('content-type'));
      expect(head.headers.get('etag'), path).toBe(full.headers.get('etag'));
      expect(head.text, path).toBe('');
    }
    expect((await call(`Group/${GROUP}`, provider)).status).toBe(200);
  });

  it('serves the one version of a resource by vread, with its ETag, and reads a claim by id without naming the member', async () => {
    const maria = patientIdFor(MARIA);
    const claim = await claimOf(MARIA);
    for (const path of [`Patient/${maria}`, `ExplanationOfBenefit/${claim}`]) {
      const read = await call(path, provider);
      expect(read.status, path).toBe(200);
      expect(read.headers.get('etag'), path).toBe('W/"1"');
      expect(read.headers.get('last-modified'), path).toBe(new Date(read.body!.meta.lastUpdated).toUTCString());
      const vread = await call(`${path}/_history/1`, provider);
      expect([vread.status, vread.text], path).toEqual([200, read.text]);
      expect((await call(`${path}/_history/1`, provider, { method: 'HEAD' })).status, path).toBe(200);
      expect((await call(`${path}/_history/2`, provider)).status, path).toBe(404);
    }
  });

  it('answers a resource of a member the client may not read exactly as one that does not exist', async () => {
    const notFound = async (path: string) => {
      const answer = await call(path, provider);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('www-authenticate'), path).toBeNull();
      // The same words, but for the id asked for.
      return JSON.stringify(answer.body).replace(path, '<path>');
    };
    const missing = await notFound('ExplanationOfBenefit/eob-no-such-claim');
    // Not attributed to this provider; a sensitive claim of an attributed member; a member who turned Provider Access off.
    expect(await notFound(`ExplanationOfBenefit/${await claimOf(LINH)}`)).toBe(missing);
    expect(await notFound(`ExplanationOfBenefit/${await claimOf(MARIA, true)}`)).toBe(missing);
    expect(await notFound(`Patient/${patientIdFor(LINH)}`)).toBe(await notFound('Patient/pt-no-such-member'));
    const claim = await claimOf(MARIA);
    await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'deny', by: { kind: 'member' } });
    try {
      expect(await notFound(`ExplanationOfBenefit/${claim}`)).toBe(missing);
      expect(await notFound(`ExplanationOfBenefit/${claim}/_history/1`)).toBe(await notFound('ExplanationOfBenefit/eob-no-such-claim/_history/1'));
    } finally {
      await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'permit', by: { kind: 'member' } });
    }
    // Another plan without a member match reads nothing by id either.
    expect((await call(`ExplanationOfBenefit/${claim}`, plan)).status).toBe(404);
  });
});

describe('what a backend token lacks, said as for a member\'s token', () => {
  it('a missing scope is 403 with WWW-Authenticate insufficient_scope; an opted-out member is a plain 403', async () => {
    const maria = patientIdFor(MARIA);
    const patientOnly = (await backendToken(suite.hub.url, PROVIDER, 'system/Patient.read')).body.access_token;
    for (const path of [`Coverage?patient=${maria}`, `ExplanationOfBenefit/${await claimOf(MARIA)}`, `Group/${GROUP}`]) {
      const refused = await call(path, patientOnly);
      expect(refused.status, path).toBe(403);
      expect(refused.body!.issue[0].code, path).toBe('forbidden');
      expect(refused.headers.get('www-authenticate'), path).toMatch(/^Bearer realm="[^"]+", error="insufficient_scope"$/);
    }
    const groupOnly = (await backendToken(suite.hub.url, PROVIDER, 'system/Group.read')).body.access_token;
    const match = await call('Patient/$member-match', groupOnly, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: '{"resourceType":"Parameters","parameter":[]}' });
    expect([match.status, match.headers.get('www-authenticate')]).toEqual([403, expect.stringMatching(/error="insufficient_scope"/)]);

    await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'deny', by: { kind: 'member' } });
    try {
      const optedOut = await call(`Coverage?patient=${maria}`, provider);
      expect([optedOut.status, optedOut.headers.get('www-authenticate')]).toEqual([403, null]);
    } finally {
      await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'permit', by: { kind: 'member' } });
    }
    const unmatched = await call(`ExplanationOfBenefit?patient=${maria}`, plan);
    expect([unmatched.status, unmatched.headers.get('www-authenticate')]).toEqual([403, null]);
  });
});
