import type { NextRequest } from 'next/server';
import { browserKey } from '@/lib/server/auth/browser-key';
import { readHubSession } from '@/lib/server/auth/hub-session';
import { checkMemberAccess } from '@/lib/server/connect/check-connect-access';
import { flowMemberId, stepIsOpen } from '@/lib/server/connect/connect-flow-state';
import { loadConnectFlow } from '@/lib/server/connect/connect-flow-store';
import { sessionIsVerifiedPerson } from '@/lib/server/connect/load-flow-for-page';
import { returnToAppUnconnected } from '@/lib/server/connect/return-to-app';
import { seeOther } from '@/lib/server/http/see-other';

export const dynamic = 'force-dynamic';

/**
 * "Go back to the app" on step 5 of a flow the app started, a plain form post (no script needed;
 * server.ts refuses one from another site): whether the member may not connect it (decided again
 * here) or chose not to, the app's request ends with `access_denied`, and the member goes on to a
 * page whose link takes them back to the app with it. A route, not a server action, so that a
 * browser with scripts posts it the same way as one without.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const see = (path: `/${string}`) => seeOther(path);
  const flow = await loadConnectFlow(flowId, await browserKey({ create: false }));
  if (!flow) return see('/connect/expired');
  if (!stepIsOpen(flow, 'approve') || !sessionIsVerifiedPerson(flow, await readHubSession())) return see(`/connect/${flow.id}/approve`);
  const memberId = flowMemberId(flow);
  const access = await checkMemberAccess(memberId);
  const reason = access.ok ? 'declined' : access.eligibility && !access.eligibility.eligible ? access.eligibility.reason : 'not-a-member';
  return see((await returnToAppUnconnected(flow, { memberId, reason })) ? `/connect/${flow.id}/returned` : '/connect/expired');
}
