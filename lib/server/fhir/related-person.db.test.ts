import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, auditEvents, authorities, members, representatives } from '@/lib/db/schema';
import { encodeHubSessionToken } from '@/lib/server/auth/hub-session-token';
import { createSessionRecord } from '@/lib/server/auth/session-record';
import { sessionCookieName } from '@/lib/server/auth/session-cookie';
import { approveConnection } from '@/lib/server/consent/approve-connection';
import { grantExpiresAt } from '@/lib/server/consent/grant-duration';
import { patientIdFor, relatedPersonIdFor } from '@/lib/server/members/fhir-ids';
import { findPendingAuthorization } from '@/lib/server/smart/finish-authorization';
import { DATA_CATEGORIES, scopeWithinRegistration } from '@/lib/server/smart/smart-scopes';
import { standaloneLaunch } from '@/lib/testing/standalone-launch';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// SMART App Launch: `fhirUser` is the URL of the signed-in user's resource, which the app may read.
// For a representative that is their RelatedPerson, served to the tokens of the approvals they made
// for that member, and to no one else.

const MARIA = '100000000001';
const EMMA = '100000000009'; // Giulia Rossi (R-0002) is her parent
const LUCAS = '100000000011'; // Thomas Liu (R-0004) is his legal guardian
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());

/** A standalone launch in which the representative signs in to the hub and approves for the member. */
async function launchAsRepresentative(repId: string, memberId: string, scope = 'launch/patient openid fhirUser patient/*.rs') {
  const [authority] = await hub.db.select().from(authorities).where(and(eq(authorities.repId, repId), eq(authorities.memberId, memberId)));
  const [rep] = await hub.db.select().from(representatives).where(eq(representatives.repId, repId));
  const [member] = await hub.db.select().from(members).where(eq(members.memberId, memberId));
  const [app] = await hub.db.select().from(apps).where(eq(apps.clientId, 'blue-button-explorer'));
  return standaloneLaunch(hub.url, scope, async (uid, browser) => {
    const session = { kind: 'representative' as const, repId, verifiedAt: Date.now() };
    browser.set(sessionCookieName(), await encodeHubSessionToken({ sid: await createSessionRecord(session), session }));
    const pending = await findPendingAuthorization(hub.provider, uid);
    const { returnTo } = await approveConnection({
      provider: hub.provider,
      interactionUid: uid,
      member: { memberId, patientId: member.patientId },
      approvedBy: { kind: 'representative', repId, authorityId: authority.id, authorityType: authority.type, relatedPersonId: rep.relatedPersonId },
      app: { id: app.id, clientId: app.clientId },
      requestedScope: scopeWithinRegistration(pending!.scope, app.scopes),
      categories: [...DATA_CATEGORIES],
      includeSensitive: false,
      duration: '90d',
      dataWindowStart: '2016-01-01',
      expiresAt: grantExpiresAt('90d', new Date()),
      requestKey: crypto.randomUUID(),
    });
    return returnTo!;
  });
}

async function get(url: string, token: string) {
  const response = await fetch(url.startsWith('http') ? url : `${hub.fhirBase}/${url}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('a representative\'s fhirUser', () => {
  it('is a RelatedPerson the app can read with the same token: the member\'s, the authority\'s kind and dates, the name', async () => {
    const { tokens } = await launchAsRepresentative('R-0002', EMMA);
    const fhirUser = tokens.claims()?.fhirUser as string;
    const giulia = relatedPersonIdFor('R-0002');
    expect(fhirUser).toBe(`${hub.fhirBase}/RelatedPerson/${giulia}`);
    const read = await get(fhirUser, String(tokens.access_token));
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const [authority] = await hub.db.select().from(authorities).where(and(eq(authorities.repId, 'R-0002'), eq(authorities.memberId, EMMA)));
    expect(read.body).toMatchObject({
      resourceType: 'RelatedPerson',
      id: giulia,
      active: true,
      patient: { reference: `Patient/${patientIdFor(EMMA)}` },
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'PRN', display: 'parent' }], text: 'Parent' }],
      name: [{ given: ['Giulia'], family: 'Rossi' }],
    });
    // A parent's authority ends the day before the child turns 18, with no end on file.
    const [emma] = await hub.db.select().from(members).where(eq(members.memberId, EMMA));
    const eighteenth = `${Number(emma.birthDate.slice(0, 4)) + 18}${emma.birthDate.slice(4)}`;
    expect(read.body.period.start).toBe(authority.start);
    expect(read.body.period.end < eighteenth).toBe(true);
    expect(read.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
  });

  it('codes a legal guardian as one', async () => {
    const { tokens } = await launchAsRepresentative('R-0004', LUCAS);
    const read = await get(tokens.claims()?.fhirUser as string, String(tokens.access_token));
    expect(read.status).toBe(200);
    expect(read.body.relationship[0].coding[0]).toMatchObject({ code: 'GUARD' });
    expect(read.body.patient.reference).toBe(`Patient/${patientIdFor(LUCAS)}`);
  });

  it('is served to no one else: another representative\'s token, the member\'s own, an unknown id', async () => {
    const thomas = String((await launchAsRepresentative('R-0004', LUCAS)).tokens.access_token);
    const maria = String((await hub.launch({ memberId: MARIA })).tokens.access_token);
    const giulia = String((await launchAsRepresentative('R-0002', EMMA)).tokens.access_token);
    for (const [path, token] of [
      [`RelatedPerson/${relatedPersonIdFor('R-0002')}`, thomas],
      [`RelatedPerson/${relatedPersonIdFor('R-0002')}`, maria],
      [`RelatedPerson/${relatedPersonIdFor('R-0004')}`, giulia],
      ['RelatedPerson/rp-unknown', giulia],
    ] as const) {
      const answer = await get(path, token);
      expect(answer.status, `${path}`).toBe(404);
      expect(answer.body.issue[0].code).toBe('not-found');
    }
    expect((await get(`RelatedPerson/${relatedPersonIdFor('R-0002')}`, 'not-a-token')).status).toBe(401);
    // Reading the signed-in user's resource is what the `fhirUser` scope grants (SMART App Launch).
    const withoutFhirUser = String((await launchAsRepresentative('R-0002', EMMA, 'launch/patient openid patient/*.rs')).tokens.access_token);
    const refused = await get(`RelatedPerson/${relatedPersonIdFor('R-0002')}`, withoutFhirUser);
    expect(refused.status).toBe(403);
    expect(refused.body.issue[0].diagnostics).toBe('This access token\'s scope does not include fhirUser.');
  });

  it('has one version, as every resource here: meta.versionId 1, ETag and Last-Modified, vread of _history/1', async () => {
    const { tokens } = await launchAsRepresentative('R-0002', EMMA);
    const token = String(tokens.access_token);
    const path = `RelatedPerson/${relatedPersonIdFor('R-0002')}`;
    const read = await get(path, token);
    expect(read.body.meta.versionId).toBe('1');
    const [rep] = await hub.db.select().from(representatives).where(eq(representatives.repId, 'R-0002'));
    // No end recorded for Giulia's authority: when she was recorded, the same at every read.
    expect(read.body.meta.lastUpdated).toBe(rep.createdAt.toISOString());
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect(read.headers.get('last-modified')).toBe(rep.createdAt.toUTCString());
    const vread = await get(`${path}/_history/1`, token);
    expect([vread.status, vread.body]).toEqual([200, read.body]);
    expect(vread.headers.get('etag')).toBe('W/"1"');
    expect((await get(`${path}/_history/2`, token)).status).toBe(404);
    expect((await get(`RelatedPerson/${relatedPersonIdFor('R-0004')}/_history/1`, token)).status).toBe(404);
    // Staff recording the authority's end is its last change (the audit row of record-authority-end.ts).
    const [authority] = await hub.db.select().from(authorities).where(and(eq(authorities.repId, 'R-0002'), eq(authorities.memberId, EMMA)));
    const [ended] = await hub.db
      .insert(auditEvents)
      .values({ actorKind: 'staff', actorId: 'test', action: 'representative.authority-end-recorded', memberId: EMMA, details: { repId: 'R-0002', authorityId: authority.id } })
      .returning();
    expect((await get(path, token)).body.meta.lastUpdated).toBe(ended.at!.toISOString());
  });

  it('is listed in the CapabilityStatement, read and vread only', async () => {
    const statement = (await (await fetch(`${hub.fhirBase}/metadata`)).json()) as any;
    expect(statement.rest[0].resource.find((r: any) => r.type === 'RelatedPerson')).toMatchObject({ interaction: [{ code: 'read' }, { code: 'vread' }], versioning: 'versioned' });
    const { tokens } = await launchAsRepresentative('R-0002', EMMA);
    const search = await get('RelatedPerson', String(tokens.access_token));
    expect(search.status).toBe(501);
    expect(search.body.issue[0].code).toBe('not-supported');
  });
});
