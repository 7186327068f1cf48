import type { NextRequest } from 'next/server';
import { seeOther } from '@/lib/server/http/see-other';
import { signOutStaff } from '@/lib/server/staff/sign-out-staff';

export const dynamic = 'force-dynamic';

/**
 * "Sign out" in the console, a plain form post (server.ts refuses one from another site) answered
 * with a 303: the browser loads the sign-in page as a new document, so the tab no longer holds the
 * last caller's record in its page (a server action's redirect would keep the old document).
 */
export async function POST(request: NextRequest) {
  await signOutStaff(request.headers.get('x-request-id'));
  const response = seeOther('/staff/sign-in?signedOut=1');
  response.headers.set('cache-control', 'no-store');
  return response;
}
