import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type Provider from 'oidc-provider';
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { preparedStatements } from '@/lib/db/prepared-statements';
import { hubSessions, members, representatives } from '@/lib/db/schema';
import { decodeHubSessionToken } from '@/lib/server/auth/hub-session-token';
import { sessionCookieName } from '@/lib/server/auth/session-cookie';
import { linkProviderSession, livePlaceholders, liveValues } from '@/lib/server/auth/session-record';

type KoaContext = Parameters<Parameters<Provider['use']>[0]>[0];

/** The person signed in to the hub in this request's browser, as an OAuth subject, with their session's id. */
interface HubAccount {
  sid: string;
  accountId: string;
}

// Read once per request: the middleware, the login check and the link after it share the answer.
const accounts = new WeakMap<object, Promise<HubAccount | null>>();

function hubAccountOf(ctx: KoaContext): Promise<HubAccount | null> {
  let account = accounts.get(ctx);
  if (!account) accounts.set(ctx, (account = findHubAccount(ctx.cookies.get(sessionCookieName(), { signed: false }))));
  return account;
}

// Read on every authorization request (prepared-statements.ts).
const statements = preparedStatements((db) => ({
  account: db
    .select({
      accountId: sql<string | null>`case ${hubSessions.kind}
        when 'member' then 'Patient/' || ${members.patientId}
        when 'representative' then 'RelatedPerson/' || ${representatives.relatedPersonId} end`,
    })
    .from(hubSessions)
    .leftJoin(members, and(eq(hubSessions.kind, 'member'), eq(members.memberId, hubSessions.subjectId)))
    .leftJoin(representatives, and(eq(hubSessions.kind, 'representative'), eq(representatives.repId, hubSessions.subjectId)))
    .where(livePlaceholders())
    .limit(1)
    .prepare('find_hub_account'),
}));

async function findHubAccount(cookie: string | undefined): Promise<HubAccount | null> {
  const token = await decodeHubSessionToken(cookie);
  if (!token || token.session.kind === 'staff') return null;
  const [row] = await (await statements()).account.execute(liveValues(token.sid));
  return row?.accountId ? { sid: token.sid, accountId: row.accountId } : null;
}

const AUTHORIZATION_PATH = /^\/auth(\/[\w-]+)?$/;

/**
 * The login prompt's own check: the provider's login stands only for the person signed in to the
 * hub in this browser right now. Otherwise a login is required: an app asking with prompt=none
 * gets `login_required`, any other request goes through the consent pages (and their identity
 * check). At the end of an interaction it also refuses a login the hub session does not back.
 */
export const hubSessionCheck = new interactionPolicy.Check(
  'hub_session',
  'the End-User is not signed in to the consent hub in this browser',
  'login_required',
  async (ctx) => {
    const accountId = (ctx as KoaContextWithOIDC).oidc.session?.accountId;
    if (!accountId) return interactionPolicy.Check.REQUEST_PROMPT;
    return (await hubAccountOf(ctx))?.accountId === accountId ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
  },
);

/**
 * Keeps the provider's sessions tied to hub sessions, on every authorization request and resume:
 * before it, a provider session whose person is not the one signed in to the hub here (signed out,
 * timed out, someone else now) is ended on the server; after it, the provider session that now
 * holds the hub's person is listed on the hub session, so that signing out ends it too.
 */
export function tieProviderSessionsToHubSessions(provider: Provider): void {
  provider.use(async (ctx, next) => {
    if (!AUTHORIZATION_PATH.test(ctx.path)) return next();
    const session = await provider.Session.get(ctx as unknown as KoaContextWithOIDC);
    if (session.accountId && session.accountId !== (await hubAccountOf(ctx))?.accountId) await session.destroy();
    await next();
    const after = (ctx as KoaContextWithOIDC).oidc?.session;
    const hub = after?.accountId ? await hubAccountOf(ctx) : null;
    if (after && hub && hub.accountId === after.accountId && !(after as { destroyed?: boolean }).destroyed) {
      await linkProviderSession(hub.sid, after.jti);
    }
  });
}
