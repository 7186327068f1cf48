import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { appConfig } from '@/lib/server/config/app-config';
import { isDatabaseUnavailable } from '@/lib/server/errors/database-unavailable';
import { log } from '@/lib/server/log/logger';
import { STAFF_SIGN_IN_PAGE, staffAuthOptions } from '@/lib/server/staff/staff-auth-options';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth builds its own links from NEXTAUTH_URL; the hub's public URL is the one answer.
async function handle(request: NextRequest, context: Context) {
  process.env.NEXTAUTH_URL ??= `${appConfig().publicUrl}/api/auth`;
  const signInAgain = () => NextResponse.redirect(new URL(`${STAFF_SIGN_IN_PAGE}&error=Callback`, appConfig().publicUrl), 303);
  // The username and password callback takes the sign-in form's POST only; next-auth answers any
  // other method there with a 500 of its own ("not supported").
  if (request.method !== 'POST' && (await context.params).nextauth.join('/') === 'callback/credentials') return signInAgain();
  try {
    return await NextAuth(request, context, await staffAuthOptions());
  } catch (error) {
    // next-auth handles a failed sign-in itself (back to the sign-in page with `error`); what it
    // throws is a request it cannot take at all: a callback opened by hand (the username and
    // password callback is for a POST only), a body that is not a form. That is the caller's
    // mistake, not the server's: a browser goes back to the sign-in page, anything else gets a 400.
    if (isDatabaseUnavailable(error)) throw error;
    log.warn('staff-auth.request-refused', { method: request.method, error });
    if (request.method === 'GET') return signInAgain();
    return NextResponse.json({ error: 'bad_request' }, { status: 400, headers: { 'cache-control': 'no-store' } });
  }
}

/** Staff sign-in (username and password, or the payer's identity provider). Members never sign in here. */
export { handle as GET, handle as POST };
