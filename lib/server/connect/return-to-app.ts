import 'server-only';
import { getDb } from '@/lib/db/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { denyAuthorization } from '@/lib/server/smart/finish-authorization';
import { getProvider } from '@/lib/server/smart/provider-instance';
import type { ConnectFlow } from './connect-flow-state';

/** What the app reads in its redirect: the same for every reason, so it learns nothing about the member. */
const NOT_CONNECTED = 'The connection was not made.';

/**
 * An app sent the member here and it is not connected: the hub may not connect it (step 4's
 * answer) or the member chose not to. The provider's interaction ends with `access_denied`
 * (denyAuthorization), so that resuming it (unconnectedReturnUrl) sends the member back to the
 * app's redirect URI with the error, and the app stops waiting. False when the app's request has expired
 * (there is nothing to go back to). Recorded in the audit trail with the reason, which the app is
 * never told.
 */
export async function returnToAppUnconnected(flow: ConnectFlow, subject: { memberId: string; reason: string }): Promise<boolean> {
  if (!flow.interactionUid || !(await denyAuthorization(getProvider(), flow.interactionUid, NOT_CONNECTED))) return false;
  const actor =
    flow.state.subject?.kind === 'representative' ? ({ kind: 'representative', id: flow.state.subject.id } as const) : ({ kind: 'member', id: subject.memberId } as const);
  await recordAuditEvent(await getDb(), { actor, action: 'authorization.not-connected', memberId: subject.memberId, appId: flow.appId, details: { reason: subject.reason } });
  return true;
}

/**
 * The URL that takes the member back to the app after returnToAppUnconnected, or null when there
 * is none: the app's request has expired, or it holds no such answer (nobody chose to go back).
 */
export async function unconnectedReturnUrl(flow: ConnectFlow): Promise<string | null> {
  if (!flow.interactionUid) return null;
  const interaction = await getProvider().Interaction.find(flow.interactionUid);
  return interaction?.result?.error === 'access_denied' ? interaction.returnTo : null;
}
