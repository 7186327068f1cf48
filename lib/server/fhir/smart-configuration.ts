import 'server-only';
import { appConfig } from '@/lib/server/config/app-config';
import { IDENTITY_SCOPES, supportedResourceScopes } from '@/lib/server/smart/smart-scopes';

/** SMART App Launch 2 discovery document (`/fhir/.well-known/smart-configuration`). */
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
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic'],
    scopes_supported: [...IDENTITY_SCOPES, ...supportedResourceScopes()],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-ehr',
      'launch-standalone',
      'context-ehr-patient',
      'context-standalone-patient',
      'client-public',
      'client-confidential-symmetric',
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
