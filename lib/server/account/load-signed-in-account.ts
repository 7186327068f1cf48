import 'server-only';
import { readHubSession, type HubSession } from '@/lib/server/auth/hub-session';
import { accountViewerOf, loadAccountScope, type AccountScope } from './account-scope';

/** The signed-in member's or representative's account scope from this request's session, or null. */
export async function loadSignedInAccount(): Promise<{ session: HubSession; scope: AccountScope } | null> {
  const session = await readHubSession();
  const viewer = accountViewerOf(session);
  if (!session || !viewer) return null;
  const scope = await loadAccountScope(viewer);
  return scope ? { session, scope } : null;
}
