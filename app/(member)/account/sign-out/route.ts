import type { NextRequest } from 'next/server';
import { signOutOfAccount } from '@/lib/server/account/sign-out-member';
import { seeOther } from '@/lib/server/http/see-other';

export const dynamic = 'force-dynamic';

/**
 * "Sign out" of the account, a plain form post (server.ts refuses one from another site) answered
 * with a 303: the browser loads the sign-in page as a new document, so on a shared computer the tab
 * no longer holds the member's connections in its page (a server action's redirect keeps the old
 * document and its data).
 */
export async function POST(request: NextRequest) {
  await signOutOfAccount(request.headers.get('x-request-id'));
  const response = seeOther('/account?signedOut=1');
  response.headers.set('cache-control', 'no-store');
  return response;
}
