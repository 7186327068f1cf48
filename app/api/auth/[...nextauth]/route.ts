import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { appConfig } from '@/lib/server/config/app-config';
import { staffAuthOptions } from '@/lib/server/staff/staff-auth-options';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth builds its own links from NEXTAUTH_URL; the hub's public URL is the one answer.
async function handle(request: NextRequest, context: Context) {
  process.env.NEXTAUTH_URL ??= `${appConfig().publicUrl}/api/auth`;
  return NextAuth(request, context, await staffAuthOptions());
}

/** Staff sign-in (username and password, or the payer's identity provider). Members never sign in here. */
export { handle as GET, handle as POST };
