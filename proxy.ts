import { NextResponse, type NextRequest } from 'next/server';
import { languageFromLink, LOCALE_COOKIE, localeCookieOptions } from '@/lib/i18n/locales';
import { appConfig } from '@/lib/server/config/app-config';
import { contentSecurityPolicy } from '@/lib/security/content-security-policy';

// Coarse work only: a per-request CSP nonce and a request id. Real checks live in the actions.
export function proxy(request: NextRequest) {
  // `?lang=es` in a link (a letter, a text message): keep the language as the switch does, then
  // show the same page without it, so the address a member shares or bookmarks stays clean. The
  // site's public address, not the Host header, names where to go (behind a proxy they differ).
  if (request.method === 'GET' || request.method === 'HEAD') {
    const linked = request.nextUrl.searchParams.has('lang') ? languageFromLink(request.nextUrl) : null;
    if (linked) {
      const response = NextResponse.redirect(new URL(linked.location, appConfig().publicUrl), 303);
      response.headers.set('cache-control', 'no-store');
      response.cookies.set(LOCALE_COOKIE, linked.locale, localeCookieOptions(appConfig().secureCookies));
      return response;
    }
  }
  // 128 random bits, base64 (24 characters; a UUID's text in base64 took 48 for 122 bits, twice in the CSP header).
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const dev = process.env.NODE_ENV !== 'production';
  // The inline stylesheet carries this nonce too (components/layout/inline-stylesheet.tsx).
  const csp = contentSecurityPolicy(nonce, { dev });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-pathname', request.nextUrl.pathname + request.nextUrl.search);
  if (!requestHeaders.has('x-request-id')) requestHeaders.set('x-request-id', crypto.randomUUID());
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  // Strict-Transport-Security is set for every answer in lib/server/http/route-request.ts.
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|fhir|oauth).*)' }],
};
