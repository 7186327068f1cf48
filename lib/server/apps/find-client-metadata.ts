import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { ClientMetadata } from 'oidc-provider';
import { preparedStatements } from '@/lib/db/prepared-statements';
import { apps, backendClients } from '@/lib/db/schema';
import { isNativeRedirectUri } from '@/lib/schemas/redirect-uri';
import { IDENTITY_SCOPES } from '@/lib/server/smart/smart-scopes';

// The provider looks its client up on every request of an OAuth exchange (prepared-statements.ts).
const statements = preparedStatements((db) => ({
  app: db
    .select()
    .from(apps)
    .where(and(eq(apps.clientId, sql.placeholder('clientId')), eq(apps.status, 'approved')))
    .limit(1)
    .prepare('find_client_app'),
  backendClient: db
    .select()
    .from(backendClients)
    .where(and(eq(backendClients.clientId, sql.placeholder('clientId')), eq(backendClients.status, 'active')))
    .limit(1)
    .prepare('find_backend_client'),
}));

/** The OAuth client of an app, only while the payer has it approved (else it does not exist). */
export async function findClientMetadata(clientId: string): Promise<ClientMetadata | null> {
  const [app] = await (await statements()).app.execute({ clientId });
  if (!app) return findBackendClientMetadata(clientId);
  const registered = app.scopes.split(/\s+/);
  const identityScopes = registered.filter((s) => (IDENTITY_SCOPES as readonly string[]).includes(s));
  // A portal launch (`launch`) is open to every app with a launch URL.
  if (app.launchUrl && !identityScopes.includes('launch')) identityScopes.push('launch');
  const confidential = app.clientType === 'confidential';
  return {
    client_id: app.clientId,
    client_name: app.name,
    redirect_uris: app.redirectUris,
    // A redirect URI in the app's own scheme (com.example.app:/cb) makes it a native app, whose
    // URIs the provider checks by RFC 8252's rules; a web app's may only be http(s).
    application_type: app.redirectUris.some(isNativeRedirectUri) ? 'native' : 'web',
    grant_types: registered.includes('offline_access') ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: confidential ? 'client_secret_basic' : 'none',
    ...(confidential && app.clientSecretHash ? { client_secret: app.clientSecretHash } : {}),
    scope: identityScopes.join(' '),
    'urn:consent-hub:resource-scopes': registered.filter((s) => /^(patient|user)\//.test(s)).join(' '),
  };
}

/**
 * A SMART backend services client (issue 15: a provider organization, or another health plan):
 * client_credentials only, authenticated with a JWT signed by a key in its registered JWKS.
 * Only while active: a disabled one does not exist.
 */
async function findBackendClientMetadata(clientId: string): Promise<ClientMetadata | null> {
  const [client] = await (await statements()).backendClient.execute({ clientId });
  if (!client) return null;
  return {
    client_id: client.clientId,
    client_name: client.name,
    redirect_uris: [],
    grant_types: ['client_credentials'],
    response_types: [],
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: client.jwks as ClientMetadata['jwks'],
    'urn:consent-hub:resource-scopes': client.scopes,
  };
}
