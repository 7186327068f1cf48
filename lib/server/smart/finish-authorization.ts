import 'server-only';
import type Provider from 'oidc-provider';
import { appConfig } from '@/lib/server/config/app-config';
import { AppError } from '@/lib/server/errors/app-error';
import { IDENTITY_SCOPES } from './smart-scopes';

/** The OAuth subject: a member signs in as their Patient, a representative as a RelatedPerson. */
export function accountIdFor(approver: { patientId: string } | { relatedPersonId: string }): string {
  return 'patientId' in approver ? `Patient/${approver.patientId}` : `RelatedPerson/${approver.relatedPersonId}`;
}

/**
 * Mirrors a consent grant into the provider's own Grant, under the same id, so that every code
 * and token carries the consent grant's id and dies with it.
 */
export async function saveProviderGrant(
  provider: Provider,
  input: { grantId: string; accountId: string; clientId: string; scopes: string; expiresAt: Date },
): Promise<void> {
  const parts = input.scopes.split(/\s+/).filter(Boolean);
  const identity = parts.filter((s) => (IDENTITY_SCOPES as readonly string[]).includes(s));
  const resource = parts.filter((s) => !identity.includes(s));
  // The typings omit `jti`, but BaseModel takes it: the provider grant shares the consent grant's id.
  const ttl = Math.max(1, Math.floor((input.expiresAt.getTime() - Date.now()) / 1000));
  // `expiresIn` sets the grant's lifetime (save() ignores a ttl argument); refresh tokens are
  // capped to it (ttl.RefreshToken), so nothing outlives the member's approval.
  const grant = new provider.Grant({ jti: input.grantId, accountId: input.accountId, clientId: input.clientId, expiresIn: ttl } as ConstructorParameters<typeof provider.Grant>[0]);
  if (identity.length) grant.addOIDCScope(identity.join(' '));
  if (resource.length) grant.addResourceScope(appConfig().fhirBaseUrl, resource.join(' '));
  await grant.save();
}

export interface PendingAuthorization {
  uid: string;
  clientId: string;
  scope: string;
  launch: string | null;
  redirectUri: string;
  returnTo: string;
}

export async function findPendingAuthorization(provider: Provider, uid: string): Promise<PendingAuthorization | null> {
  const interaction = await provider.Interaction.find(uid);
  if (!interaction) return null;
  const params = interaction.params as Record<string, string | undefined>;
  return {
    uid,
    clientId: String(params.client_id),
    scope: params.scope ?? '',
    launch: params.launch ?? null,
    redirectUri: String(params.redirect_uri),
    returnTo: interaction.returnTo,
  };
}

/**
 * Completes the provider's interaction with the member's decision and returns the URL that
 * resumes the authorization (the provider then redirects to the app with a code). The request's
 * scope is narrowed to exactly what was granted, so the token carries no more than that.
 */
export async function finishAuthorization(
  provider: Provider,
  input: { uid: string; clientId: string; accountId: string; grantId: string; scopes: string },
): Promise<string> {
  const interaction = await provider.Interaction.find(input.uid);
  if (!interaction) throw new AppError('flow-expired', 'errors.flowExpired');
  if (interaction.params.client_id !== input.clientId) throw new AppError('client-mismatch', 'errors.flowExpired');
  const requested = new Set(String(interaction.params.scope ?? '').split(/\s+/));
  const granted = input.scopes.split(/\s+/).filter(Boolean);
  // Keep only what the app asked for among identity scopes; resource scopes are the approved set.
  interaction.params.scope = granted
    .filter((s) => !(IDENTITY_SCOPES as readonly string[]).includes(s) || requested.has(s))
    .join(' ');
  // A transient login (a browser-session cookie): the provider's login lasts no longer than the hub
  // session behind it, and hub-login.ts checks that session on every authorization request.
  // The login is the person verified in this browser now, which hub-login.ts checks again at the resume.
  return saveResult(interaction, { login: { accountId: input.accountId, remember: false }, consent: { grantId: input.grantId } });
}

/**
 * Ends the provider's interaction with `access_denied` (RFC 6749 4.1.2.1): resuming it (the URL
 * returned) sends the browser to the app's redirect URI with the error. Null when the interaction
 * has expired.
 */
export async function denyAuthorization(provider: Provider, uid: string, description: string): Promise<string | null> {
  const interaction = await provider.Interaction.find(uid);
  return interaction ? saveResult(interaction, { error: 'access_denied', error_description: description }) : null;
}

/**
 * Saves the member's decision on the interaction for the rest of its lifetime and returns the URL
 * that resumes it. The request may have started under a provider session that is gone by now: a
 * member who proves who they are again on the identity step (or someone else who does in this
 * browser) gets a new hub session, and the provider sessions of the one it replaces end with it
 * (hub-session.ts). The provider would then refuse the resume ("interaction session and
 * authentication session mismatch") after the member had decided. The resume stays bound to this
 * browser by the provider's resume cookie; the session it started under adds nothing.
 */
async function saveResult(interaction: InstanceType<Provider['Interaction']>, result: InstanceType<Provider['Interaction']>['result']): Promise<string> {
  interaction.result = result;
  delete interaction.session;
  await interaction.save(Math.max(1, (interaction.exp ?? 0) - Math.floor(Date.now() / 1000)));
  return interaction.returnTo;
}
