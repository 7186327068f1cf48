import 'server-only';
import Provider, { errors, interactionPolicy, type AccessToken, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '@/lib/db/client';
import { clientSecretMatches } from '@/lib/server/apps/client-secret-matches';
import { SESSION_LIFETIMES } from '@/lib/server/auth/session-lifetimes';
import { appConfig } from '@/lib/server/config/app-config';
import { findActiveConsentGrant } from '@/lib/server/consent/find-active-consent-grant';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { log } from '@/lib/server/log/logger';
import { hubSessionCheck, tieProviderSessionsToHubSessions } from './hub-login';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@/lib/server/errors/database-unavailable';
import { renderProviderError } from './render-provider-error';
import { DrizzleOidcAdapter } from './oidc-adapter';
import { loadCookieKeys, loadSigningKeys } from './signing-keys';
import { IDENTITY_SCOPES, readableResourceTypes, supportedResourceScopes, systemScopeWithinRegistration } from './smart-scopes';

/** SMART Backend Services: a backend client's assertion lives five minutes at most. */
const CLIENT_ASSERTION_LIFETIME_SECONDS = 5 * 60;
/** How far a backend client's clock may run ahead of ours. */
const CLIENT_ASSERTION_CLOCK_SKEW_SECONDS = 60;

/** The algorithms a backend client may sign its assertion with: SMART Backend Services' RS384 and ES384 first. */
export const CLIENT_AUTH_SIGNING_ALGS = ['RS384', 'ES384', 'RS256', 'ES256', 'PS256'] as const;

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** SMART backend services: at most five minutes, as the SMART Backend Services guide recommends. */
export const BACKEND_TOKEN_TTL_SECONDS = 5 * 60;
const REFRESH_TOKEN_MAX_TTL_SECONDS = 366 * 24 * 60 * 60;

/**
 * The payer's SMART on FHIR authorization server: node-oidc-provider configured for SMART App
 * Launch 2 (PKCE S256 only, `aud`/`launch` parameters, v1 and v2 patient scopes, opaque access
 * tokens bound to a consent grant, refresh tokens only with offline_access, rotated on use).
 */
export async function createSmartProvider(db: Db): Promise<Provider> {
  const config = appConfig();
  const fhirBase = config.fhirBaseUrl;
  const [jwks, cookieKeys] = await Promise.all([loadSigningKeys(db), loadCookieKeys(db)]);
  const resourceScopes = supportedResourceScopes();
  const policy = interactionPolicy.base();
  policy.get('login')!.checks.add(hubSessionCheck);

  const configuration: Configuration = {
    adapter: DrizzleOidcAdapter,
    jwks,
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true },
      short: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true },
    },
    // Not `profile`: a name in the ID token would reach an app whatever data the member chose to
    // share (the Patient resource is theirs to withhold). Not `online_access`: no refresh token
    // here ends with the session. Both are ignored when asked for, never refused (IDENTITY_SCOPES).
    scopes: [...IDENTITY_SCOPES],
    claims: {
      openid: ['sub'],
      fhirUser: ['fhirUser'],
    },
    // SMART apps read fhirUser from the id_token itself.
    conformIdTokenClaims: false,
    extraParams: {
      aud(_ctx, value) {
        // SMART App Launch: the app must name the FHIR server it means to call; a missing or wrong
        // one gets no token (a token must never be sent to a server the member did not see named).
        if (value === undefined || value === '') throw new errors.InvalidRequest('aud is required: the FHIR base URL the app will call');
        if (value.replace(/\/+$/, '') !== fhirBase) throw new errors.InvalidRequest('aud does not name this FHIR server');
      },
      launch: null,
    },
    extraClientMetadata: { properties: ['urn:consent-hub:resource-scopes'] },
    pkce: { required: () => true },
    // private_key_jwt: SMART backend services (a provider organization, another health plan; issue 15).
    clientAuthMethods: ['none', 'client_secret_basic', 'private_key_jwt'],
    enabledJWA: { clientAuthSigningAlgValues: [...CLIENT_AUTH_SIGNING_ALGS] },
    // SMART Backend Services: an assertion's exp is no more than five minutes after now, so a
    // leaked one dies soon (the provider itself requires exp and jti, refuses a jti twice, and has
    // checked the signature before this runs). iat is optional there; when present it may not be
    // in the future, nor more than five minutes before exp (one made long ago to be used now).
    async assertJwtClientAuthClaimsAndHeader(_ctx, claims) {
      const now = Math.floor(Date.now() / 1000);
      const { exp, iat } = claims as { exp?: number; iat?: number };
      if (typeof exp === 'number' && exp > now + CLIENT_ASSERTION_LIFETIME_SECONDS + CLIENT_ASSERTION_CLOCK_SKEW_SECONDS) {
        throw clientAssertionRefused('the client_assertion JWT must expire no more than five minutes from now (SMART Backend Services)');
      }
      if (typeof iat === 'number' && iat > now + CLIENT_ASSERTION_CLOCK_SKEW_SECONDS) {
        throw clientAssertionRefused('the client_assertion JWT has an iat in the future: check the clock of the system that signs it');
      }
      if (typeof iat === 'number' && typeof exp === 'number' && exp - iat > CLIENT_ASSERTION_LIFETIME_SECONDS) {
        throw clientAssertionRefused('the client_assertion JWT must expire no more than five minutes after its iat (SMART Backend Services)');
      }
    },
    responseTypes: ['code'],
    rotateRefreshToken: true,
    allowOmittingSingleRegisteredRedirectUri: false,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      dPoP: { enabled: false },
      introspection: {
        enabled: true,
        // Only the app that holds a token may ask about it: another app would learn who it belongs to.
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      revocation: {
        enabled: true,
        // An app may revoke only its own tokens; anyone else's is answered like an unknown token.
        // Revoking any token of a grant ends the member's consent ("revoked by the app"), and it
        // ends here, before the provider would delete the token: the consent, every token of its
        // grant (this one too) and the provider's grant, with the audit row, in one statement. If
        // that cannot be written (the database away), the app gets 503 with its token still
        // standing for a retry, never a 200 that leaves the consent active with no token left to
        // revoke it by. Then the provider is told not to go on (false): it would only delete the
        // same rows again, in five more statements (the token, each kind of token of the grant,
        // the grant). Its answer is the same 200 either way (RFC 7009 2.2).
        allowedPolicy: async (_ctx, client, token) => {
          if (token.clientId !== client.clientId) return false;
          if ((token.kind === 'AccessToken' || token.kind === 'RefreshToken') && token.grantId) {
            await revokeConsentGrant({ grantId: token.grantId, by: { kind: 'app', id: client.clientId }, reason: 'revoked-by-app' });
            return false;
          }
          return true;
        },
      },
      // Off: every access token is bound to the FHIR server (resourceIndicators), so none could call
      // userinfo; SMART apps read fhirUser from the ID token.
      userinfo: { enabled: false },
      // Signing out happens at the hub (/account), which ends the provider's sessions too. The
      // provider's own logout would show an English-only page of its own and end every connection
      // without offline_access as if the app had revoked it, under the name of whichever app asked.
      rpInitiatedLogout: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBase,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resourceIndicator, client) => {
          if (resourceIndicator.replace(/\/+$/, '') !== fhirBase) throw new errors.InvalidTarget();
          if (client.grantTypeAllowed('client_credentials')) {
            // A backend client gets the system/ scopes it asks for within its registration, in the
            // form it asked (v1 or v2: systemScopeWithinRegistration), and only those.
            const system = String(client.metadata()['urn:consent-hub:resource-scopes'] ?? '').split(/\s+/).filter((s) => s.startsWith('system/'));
            const backend = { audience: fhirBase, accessTokenFormat: 'opaque', accessTokenTTL: BACKEND_TOKEN_TTL_SECONDS } as const;
            if (ctx.oidc.params?.grant_type !== 'client_credentials') return { ...backend, scope: system.join(' ') };
            const asked = String(ctx.oidc.params.scope ?? '').split(/\s+/).filter(Boolean);
            // A scope it is not registered for is refused by name (RFC 6749 §5.2), not left out of a token with none.
            const refused = asked.filter((scope) => !systemScopeWithinRegistration(scope, system));
            if (asked.length === 0 || refused.length) throw new errors.InvalidScope(asked.length ? 'requested scope is not allowed for this client' : 'a scope is required', refused.join(' '));
            return { ...backend, scope: asked.join(' ') };
          }
          const registered = readableResourceTypes(String(client.metadata()['urn:consent-hub:resource-scopes'] ?? ''));
          const allowed = resourceScopes.filter((scope) => [...readableResourceTypes(scope)].every((t) => registered.has(t)));
          return { scope: allowed.join(' '), audience: fhirBase, accessTokenFormat: 'opaque', accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS };
        },
      },
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      // The provider's login mirrors a member's or representative's hub session (hub-login.ts) and
      // never outlives it; this is only the backstop for a session nobody uses again.
      Session: Math.max(SESSION_LIFETIMES.member.absoluteSeconds, SESSION_LIFETIMES.representative.absoluteSeconds),
      Grant: 60 * 60,
      // A refresh token never outlives the member's approval.
      RefreshToken: (ctx) => {
        const grantExp = ctx?.oidc?.entities?.Grant?.exp;
        if (!grantExp) return REFRESH_TOKEN_MAX_TTL_SECONDS;
        return Math.max(1, Math.min(REFRESH_TOKEN_MAX_TTL_SECONDS, grantExp - Math.floor(Date.now() / 1000)));
      },
    },
    // Revoking any token of a grant, the access token too, ends the whole approval (oidc-provider
    // keeps the grant when only an access token is revoked); the consent record follows below.
    revokeGrantPolicy: () => true,
    issueRefreshToken: async (_ctx, client, code) => issuesRefreshToken(client, code.scopes),
    // Stored with each opaque access token: the token response's patient and scope (below) and
    // introspection's patient, fhirUser and scope (SMART App Launch 2, "Token Introspection").
    extraTokenClaims: async (ctx, token) => (token.kind === 'AccessToken' ? smartTokenContext(ctx, token, fhirBase) : undefined),
    async findAccount(_ctx, sub) {
      // sub is 'Patient/<id>' for a member, 'RelatedPerson/<id>' for a representative.
      if (!/^(Patient|RelatedPerson)\/[A-Za-z0-9\-.]{1,64}$/.test(sub)) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, fhirUser: `${fhirBase}/${sub}` };
        },
      };
    },
    async loadExistingGrant(ctx) {
      // Reuse an earlier approval in this browser only while the member's consent is still in force.
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (!grantId) return undefined;
      if (!(await findActiveConsentGrant(grantId))) return undefined;
      return ctx.oidc.provider.Grant.find(grantId);
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `/consent/${interaction.uid}`,
    },
    clientBasedCORS(_ctx, origin, client) {
      return client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false;
    },
    renderError: renderProviderError,
    discovery: { service_documentation: `${config.publicUrl}/developers` },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = true;
  // A rotated client secret keeps working for its grace period beside the new one (issue 12).
  (provider.Client.prototype as unknown as { compareClientSecret(presented: string): Promise<boolean> }).compareClientSecret = function (
    this: { clientId: string },
    presented: string,
  ) {
    return clientSecretMatches(this.clientId, presented);
  };

  tieProviderSessionsToHubSessions(provider);
  // The database away (restarting, full, read-only): "try again" with 503 and Retry-After, not a 500.
  provider.on('server_error', (ctx, error) => {
    if (isDatabaseUnavailable(error)) ctx.state.databaseUnavailable = true;
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.status !== 500 || !ctx.state.databaseUnavailable) return;
    ctx.status = 503;
    ctx.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    const body = ctx.body as { error?: string; error_description?: string } | undefined;
    if (body && typeof body === 'object' && body.error === 'server_error') {
      ctx.body = { error: 'temporarily_unavailable', error_description: `Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.` };
    }
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.status === 200) addSmartContext(ctx as KoaContextWithOIDC);
  });

  // A revoked grant ends the member's consent too ("revoked by the app": a replayed rotated refresh
  // token), and the response waits for that record: a new authorization right after must find no
  // approval to reuse. A revocation request ends it in allowedPolicy above, with every token of the
  // grant, and the provider stops there: this event does not come for it.
  const consentRevocations = new WeakMap<object, Promise<unknown>[]>();
  provider.on('grant.revoked', (ctx, grantId) => {
    const recorded = revokeConsentGrant({ grantId, by: { kind: 'app', id: ctx.oidc.client?.clientId ?? null }, reason: 'revoked-by-app' }).catch((error: unknown) => {
      log.error('oauth.revocation-not-recorded', { error });
    });
    consentRevocations.set(ctx, [...(consentRevocations.get(ctx) ?? []), recorded]);
  });
  provider.use(async (ctx, next) => {
    await next();
    await Promise.all(consentRevocations.get(ctx) ?? []);
  });

  return provider;
}

/**
 * invalid_client that says which rule the assertion broke: the provider's own says only "client
 * authentication failed". Safe to tell: the hook runs after the signature is verified, so only the
 * key's holder reads it.
 */
function clientAssertionRefused(description: string) {
  return Object.assign(new errors.InvalidClientAuth(description), { error_description: description });
}

/** Refresh tokens come only with offline_access, to a client registered for them. */
function issuesRefreshToken(client: { grantTypeAllowed(type: string): boolean }, scopes: Set<string>): boolean {
  return client.grantTypeAllowed('refresh_token') && scopes.has('offline_access');
}

// A type, not an interface: the provider stores it as an object of any keys.
type SmartTokenContext = {
  /** The member's Patient id. */
  patient: string;
  /** Who signed in, when the ID token issued beside this access token names them. */
  fhirUser?: string;
  /** The whole granted scope, as the token response states it: identity scopes and resource scopes. */
  scope: string;
};

/**
 * An access token's SMART context, as it is issued from a code or a refresh token: oidc-provider
 * gives the token only its resource scopes, so the identity scopes the code or refresh token carries
 * are added, offline_access only when a refresh token comes in the same response.
 */
async function smartTokenContext(ctx: KoaContextWithOIDC | undefined, token: AccessToken, fhirBase: string): Promise<SmartTokenContext | undefined> {
  if (!ctx?.oidc || !token.grantId || !token.accountId) return undefined;
  const grant = await findActiveConsentGrant(token.grantId);
  if (!grant) return undefined;
  const { AuthorizationCode: code, RefreshToken: refreshToken } = ctx.oidc.entities;
  const refreshScope = ctx.oidc.params?.grant_type === 'refresh_token' && ctx.oidc.params.scope ? ctx.oidc.requestParamScopes : refreshToken?.scopes;
  const asked = code ? code.scopes : refreshScope;
  if (!asked) return undefined;
  // A refresh always answers with a new refresh token (rotateRefreshToken).
  const withRefreshToken = code ? issuesRefreshToken(ctx.oidc.client!, code.scopes) : true;
  const identity = [...asked].filter((s) => (IDENTITY_SCOPES as readonly string[]).includes(s) && (s !== 'offline_access' || withRefreshToken));
  const idTokenNamesUser = identity.includes('openid') && identity.includes('fhirUser');
  return {
    patient: grant.patientId,
    ...(idTokenNamesUser ? { fhirUser: `${fhirBase}/${token.accountId}` } : {}),
    scope: [...new Set([...identity, ...String(token.scope ?? '').split(' ')])].filter(Boolean).join(' '),
  };
}

/**
 * The token response and the introspection answer carry the access token's SMART context (SMART
 * clients read the granted scope and patient from the token response; fhirclient only refreshes when
 * the scope lists offline_access). Introspection has put the stored patient and fhirUser in already,
 * but its scope is the token's own resource scopes: the whole granted scope replaces it.
 */
function addSmartContext(ctx: KoaContextWithOIDC) {
  const body = ctx.body as Record<string, unknown> | undefined;
  const context = ctx.oidc?.entities.AccessToken?.extra as SmartTokenContext | undefined;
  if (!body || !context?.scope) return;
  if (ctx.oidc.route === 'token' && body.access_token) Object.assign(body, { patient: context.patient, scope: context.scope });
  if (ctx.oidc.route === 'introspection' && body.active === true) body.scope = context.scope;
}
