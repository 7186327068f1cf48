import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { findActiveConsentGrant } from '@/lib/server/consent/find-active-consent-grant';
import { finishAuthorization, findPendingAuthorization } from '@/lib/server/smart/finish-authorization';
import { getProvider } from '@/lib/server/smart/provider-instance';
import { grantedResourceScopes, IDENTITY_SCOPES, scopeWithinRegistration, type DataCategory } from '@/lib/server/smart/smart-scopes';
import { startConnectFlow } from './connect-flow-store';
import { redeemPortalLaunch } from './portal-launch';

export type AuthorizationEntry = { kind: 'flow'; flowId: string } | { kind: 'resume'; url: string } | { kind: 'expired' };

/**
 * An app sent the member to the authorization endpoint and the provider hands over to the hub.
 * A portal launch the member already approved in this browser finishes at once; anything else
 * starts (or resumes) the six-step flow with the app already chosen.
 */
export async function beginAppAuthorization(uid: string, browserKey: string, locale: string): Promise<AuthorizationEntry> {
  const provider = getProvider();
  const pending = await findPendingAuthorization(provider, uid);
  if (!pending) return { kind: 'expired' };
  const db = await getDb();
  const [app] = await db.select().from(apps).where(eq(apps.clientId, pending.clientId));
  if (!app || app.status !== 'approved') return { kind: 'expired' };

  if (pending.launch) {
    const grantId = await redeemPortalLaunch(pending.launch, browserKey);
    const grant = grantId ? await findActiveConsentGrant(grantId) : null;
    if (grant && grant.appId === app.id) {
      // What this request asks for, within what the member approved in the hub.
      const requested = pending.scope.split(/\s+/);
      const identity = grant.scopes.split(' ').filter((s) => (IDENTITY_SCOPES as readonly string[]).includes(s) && requested.includes(s));
      // The categories are the member's approval; the request can only narrow them.
      const resource = grantedResourceScopes(scopeWithinRegistration(pending.scope, app.scopes), grant.categories as DataCategory[]);
      const scopes = [...identity, ...resource];
      const url = await finishAuthorization(provider, {
        uid,
        clientId: app.clientId,
        accountId: grant.accountId,
        grantId: grant.id,
        scopes: scopes.join(' '),
      });
      return { kind: 'resume', url };
    }
  }
  const flowId = await startConnectFlow({ appId: app.id, entry: 'app', interactionUid: uid, browserKey, locale });
  return { kind: 'flow', flowId };
}
