import 'server-only';
import { endHubSession, readHubSession } from '@/lib/server/auth/hub-session';
import { accountViewerOf } from './account-scope';
import { clearPendingSignIn } from './pending-sign-in';
import { recordSessionEvent } from './record-session-event';

/**
 * "Sign out" of the account: the session record and every authorization-server session under it
 * end on the server (a copy of the cookie opens nothing), a half-done sign-in is forgotten, and
 * the member's or representative's audit trail says so.
 */
export async function signOutOfAccount(requestId: string | null): Promise<void> {
  const viewer = accountViewerOf(await readHubSession());
  await endHubSession();
  await clearPendingSignIn();
  if (viewer) await recordSessionEvent(viewer, 'account.signed-out', requestId);
}
