import 'server-only';
import { appConfig } from '@/lib/server/config/app-config';
import { CLIENT_AUTH_SIGNING_ALGS } from '@/lib/server/smart/create-provider';
import { IDENTITY_SCOPES, supportedResourceScopes, supportedSystemScopes } from '@/lib/server/smart/smart-scopes';

/**
 * SMART App Launch 2 discovery document (`/fhir/.well-known/smart-configuration`), with SMART Backend
 * Services' part: client_credentials with private_key_jwt, for provider organizations and other plans.
 */
export function smartConfiguration() {
  const { issuer, publicUrl } = appConfig();
  return {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    revocation_endpoint: `${issuer}/token/revocation`,
    introspection_endpoint: `${issuer}/token/introspection`,
    management_endpoint: `${publicUrl}/account`,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types_supported: ['code'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...CLIENT_AUTH_SIGNING_ALGS],
    scopes_supported: [...IDENTITY_SCOPES, ...supportedResourceScopes(), ...supportedSystemScopes()],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-ehr',
      'launch-standalone',
      'context-ehr-patient',
      'context-standalone-patient',
      'client-public',
      'client-confidential-symmetric',
      'client-confidential-asymmetric',
      'permission-offline',
      'permission-patient',
      // user/ scopes: for a member's own token, the same compartment as patient/ ones (smart-scopes.ts).
      'permission-user',
      'permission-v1',
      'permission-v2',
      'sso-openid-connect',
    ],
  };
}
