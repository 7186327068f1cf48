import 'server-only';
import { NextResponse } from 'next/server';
import { appConfig } from '@/lib/server/config/app-config';

/**
 * A 303 to one of the hub's own pages, at the hub's public address (PUBLIC_URL). Never built from
 * the request's URL: Next.js fills that from the address the server listens on (localhost and
 * its port), so behind a proxy or a load balancer it would send the browser off the public site
 * and onto one instance.
 */
export function seeOther(path: `/${string}`): NextResponse {
  return NextResponse.redirect(new URL(path, `${appConfig().publicUrl}/`), 303);
}
