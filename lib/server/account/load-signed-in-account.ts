import 'server-only';
import { readHubSession, readHubSessionAsActivity, type HubSession } from '@/lib/server/auth/hub-session';
import { accountViewerOf, loadAccountScope, type AccountScope } from './account-scope';

/**
 * The signed-in member's or representative's account scope from this request's session, or null.
 * A page or action of the account is activity: the session's idle time starts again. The live
 * polling of the account's JSON routes passes `activity: false`, so an open tab alone never keeps
 * a session going.
 */
export async function loadSignedInAccount({ activity = true }: { activity?: boolean } = {}): Promise<{ session: HubSession; scope: AccountScope } | null> {
  const session = await (activity ? readHubSessionAsActivity() : readHubSession());
  const viewer = accountViewerOf(session);
  if (!session || !viewer) return null;
  const scope = await loadAccountScope(viewer);
  return scope ? { session, scope } : null;
}
