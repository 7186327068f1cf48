import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { apps, members } from '@/lib/db/schema';
import { approveConnection } from '@/lib/server/consent/approve-connection';
import { grantExpiresAt, type GrantDuration } from '@/lib/server/consent/grant-duration';
import { loadDemoData } from '@/lib/server/demo/load-demo-data';
import { answerClientErrors } from '@/lib/server/http/answer-client-errors';
import { routeRequests } from '@/lib/server/http/route-request';
import { createSmartProvider } from '@/lib/server/smart/create-provider';
import { findPendingAuthorization } from '@/lib/server/smart/finish-authorization';
import { setProvider } from '@/lib/server/smart/provider-instance';
import { DATA_CATEGORIES, scopeWithinRegistration, type DataCategory } from '@/lib/server/smart/smart-scopes';
import { openTestDatabase } from './test-database';
import { CookieJar } from './cookie-jar';
import { standaloneLaunch } from './standalone-launch';
import { endSessionRecord } from '@/lib/server/auth/end-hub-sessions';
import { decodeHubSessionToken, encodeHubSessionToken } from '@/lib/server/auth/hub-session-token';
import { sessionCookieName } from '@/lib/server/auth/session-cookie';
import { createSessionRecord } from '@/lib/server/auth/session-record';

/**
 * The authorization server and FHIR API on a loopback port, over a fresh demo database, without
 * the Next.js UI: tests stand in for the member's decision through the same domain function the
 * consent pages call.
 */
export async function startTestHub(options: { database?: Awaited<ReturnType<typeof openTestDatabase>>; publicUrl?: string } = {}) {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const ownUrl = `http://127.0.0.1:${port}`;
  // Instances behind one load balancer share one public URL (the issuer); each still listens on its own port.
  const publicUrl = options.publicUrl ?? `http://localhost:${port}`;
  process.env.PUBLIC_URL = publicUrl;
  process.env.PORT = String(port);
  const database = options.database ?? (await openTestDatabase());
  if (!options.database) await loadDemoData(database.db);
  const provider = await createSmartProvider(database.db);
  setProvider(provider);
  server.on('request', routeRequests({ provider, publicUrl }));
  answerClientErrors(server);

  async function approve(options: {
    uid: string | null;
    memberId: string;
    appId?: string;
    categories?: DataCategory[];
    includeSensitive?: boolean;
    duration?: GrantDuration;
    requestedScope?: string;
    requestKey?: string;
    /** The browser the member approves in: they are signed in to the hub there, as the consent pages require. */
    browser?: CookieJar;
  }) {
    if (options.browser) await signIn(options.browser, options.memberId);
    const [member] = await database.db.select().from(members).where(eq(members.memberId, options.memberId));
    const pending = options.uid ? await findPendingAuthorization(provider, options.uid) : null;
    const clientId = pending?.clientId ?? options.appId ?? 'blue-button-explorer';
    const [app] = await database.db.select().from(apps).where(eq(apps.clientId, clientId));
    return approveConnection({
      provider,
      interactionUid: options.uid,
      member: { memberId: member.memberId, patientId: member.patientId },
      approvedBy: { kind: 'member' },
      app: { id: app.id, clientId: app.clientId },
      // As the consent page reads it (requestedScopeFor): the request within the app's registration.
      requestedScope: options.requestedScope ?? (pending ? scopeWithinRegistration(pending.scope, app.scopes) : app.scopes),
      categories: options.categories ?? [...DATA_CATEGORIES],
      includeSensitive: options.includeSensitive ?? false,
      duration: options.duration ?? '90d',
      dataWindowStart: '2016-01-01',
      expiresAt: grantExpiresAt(options.duration ?? '90d', new Date()),
      requestKey: options.requestKey ?? crypto.randomUUID(),
    });
  }

  /**
   * A whole standalone launch as the sample app's browser would make it, with openid-client:
   * authorize (PKCE S256), the member's approval, the resumed redirect, the code exchange.
   */
  async function launch(options: Omit<Parameters<typeof approve>[0], 'uid' | 'requestedScope' | 'browser'> & { scope?: string }) {
    let grant: Awaited<ReturnType<typeof approve>>['grant'] | undefined;
    const launched = await standaloneLaunch(publicUrl, options.scope, async (uid, browser) => {
      const approved = await approve({ ...options, uid, browser });
      grant = approved.grant;
      return approved.returnTo!;
    });
    return { ...launched, grant: grant! };
  }

  /** The status of one FHIR call with this token (the body is read and dropped). */
  async function fhirStatus(path: string, token: string): Promise<number> {
    const response = await fetch(`${publicUrl}/fhir/${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
    await response.arrayBuffer();
    return response.status;
  }

  /** The member proves who they are in this browser, as the hub's email-code step does: a hub session starts. */
  async function signIn(browser: CookieJar, memberId: string) {
    const session = { kind: 'member' as const, memberId, verifiedAt: Date.now() };
    browser.set(sessionCookieName(), await encodeHubSessionToken({ sid: await createSessionRecord(session), session }));
  }
  /** "Sign out" in this browser, as the account page's button does it. */
  async function signOut(browser: CookieJar) {
    const token = await decodeHubSessionToken(browser.value(sessionCookieName()));
    if (token) await endSessionRecord(token.sid);
    browser.delete(sessionCookieName());
  }

  return {
    url: publicUrl,
    signIn,
    signOut,
    /** Where this instance itself listens (differs from url when several share one public URL). */
    ownUrl,
    fhirBase: `${publicUrl}/fhir`,
    issuer: `${publicUrl}/oauth`,
    provider,
    database,
    db: database.db,
    approve,
    launch,
    fhirStatus,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.database) await database.close();
    },
  };
}

export type TestHub = Awaited<ReturnType<typeof startTestHub>>;

export { CookieJar };
