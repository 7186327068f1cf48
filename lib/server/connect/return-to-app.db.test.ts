import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, auditEvents } from '@/lib/db/schema';
import type { ConnectFlow } from '@/lib/server/connect/connect-flow-state';
import { CookieJar } from '@/lib/testing/cookie-jar';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';
import { returnToAppUnconnected, unconnectedReturnUrl } from './return-to-app';

// "Go back to the app" (connect/[flowId]/return): the app's authorization request ends with
// access_denied, the app learns nothing about why, and the trail records why.

const PATRICIA = '100000000007';
const REDIRECT_URI = 'http://127.0.0.1:8765/callback';
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(async () => hub?.close());

/** An app's authorization request in a browser: the interaction's uid, as the consent page gets it. */
async function appAsks(browser: CookieJar, state: string): Promise<string> {
  const url = new URL(`${hub.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: 'blue-button-explorer',
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'launch/patient openid fhirUser patient/*.rs',
    state,
    aud: hub.fhirBase,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  const answer = await browser.get(url.href);
  expect(answer.status).toBe(303);
  return answer.headers.get('location')!.split('/').pop()!;
}

async function flowFor(uid: string): Promise<ConnectFlow> {
  const [app] = await hub.db.select().from(apps).where(eq(apps.clientId, 'blue-button-explorer'));
  return { id: 'flow-1', appId: app.id, interactionUid: uid, entry: 'app', step: 'approve', state: { subject: { kind: 'member', id: PATRICIA } } as ConnectFlow['state'] };
}

describe('returning to the app unconnected', () => {
  it('sends the app access_denied with its state and a description that says nothing about the member, and records why', async () => {
    const browser = new CookieJar();
    const uid = await appAsks(browser, 'state-1');
    const flow = await flowFor(uid);
    expect(await unconnectedReturnUrl(flow)).toBeNull();

    expect(await returnToAppUnconnected(flow, { memberId: PATRICIA, reason: 'ended-over-a-year' })).toBe(true);
    const url = await unconnectedReturnUrl(flow);
    expect(url).toMatch(new RegExp(`/oauth/auth/${uid}$`));
    const resumed = await browser.get(url!);
    expect(resumed.status).toBe(303);
    const callback = new URL(resumed.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(Object.fromEntries(callback.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'The connection was not made.',
      state: 'state-1',
      iss: hub.issuer,
    });

    const [row] = await hub.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'authorization.not-connected'), eq(auditEvents.memberId, PATRICIA)));
    expect(row).toMatchObject({ actorKind: 'member', actorId: PATRICIA, appId: flow.appId, details: { reason: 'ended-over-a-year' } });
    // The request is used up: nothing to go back to a second time.
    expect(await unconnectedReturnUrl(flow)).toBeNull();
  });

  it('does nothing for a flow from the gallery or a request that has expired', async () => {
    const flow = await flowFor('no-such-interaction-uid');
    expect(await returnToAppUnconnected(flow, { memberId: PATRICIA, reason: 'declined' })).toBe(false);
    expect(await returnToAppUnconnected({ ...flow, interactionUid: null, entry: 'gallery' }, { memberId: PATRICIA, reason: 'declined' })).toBe(false);
  });
});
