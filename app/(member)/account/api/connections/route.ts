import { type NextRequest } from 'next/server';
import { memberInScope } from '@/lib/server/account/account-scope';
import { accountWording } from '@/lib/server/account/account-wording';
import { describeConnections } from '@/lib/server/account/describe-connections';
import { listAccountConnections } from '@/lib/server/account/list-account-connections';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The account's connections as JSON, for the live list. Only the signed-in viewer's own members:
 * `?memberId=` can narrow to one of them, and anyone else's id is "not found". Reading it does not
 * renew the session: polling is not activity.
 */
export async function GET(request: NextRequest) {
  const account = await loadSignedInAccount({ activity: false });
  if (!account) return Response.json({ error: 'signed-out' }, { status: 401, headers: NO_STORE });
  let { scope } = account;
  const memberId = request.nextUrl.searchParams.get('memberId');
  if (memberId !== null) {
    const member = memberInScope(scope, memberId);
    if (!member) return Response.json({ error: 'not-found' }, { status: 404, headers: NO_STORE });
    scope = { ...scope, members: [member] };
  }
  const connections = await listAccountConnections(scope);
  return Response.json(describeConnections(scope, connections, await accountWording()), { headers: NO_STORE });
}
