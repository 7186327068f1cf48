import { accountWording } from '@/lib/server/account/account-wording';
import { describeCases } from '@/lib/server/account/describe-cases';
import { listAccountCases } from '@/lib/server/account/list-account-cases';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'cache-control': 'no-store' };

/** The viewer's reports and their status, as JSON for the live list (scoped like every account query). */
export async function GET() {
  const account = await loadSignedInAccount({ activity: false });
  if (!account) return Response.json({ error: 'signed-out' }, { status: 401, headers: NO_STORE });
  return Response.json(describeCases(await listAccountCases(account.scope), await accountWording()), { headers: NO_STORE });
}
