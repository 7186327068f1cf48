import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { hashBasicClientSecret } from '@/lib/server/apps/client-secret';
import { appConfig } from '@/lib/server/config/app-config';
import { logEvent, withLogContext } from '@/lib/server/log/logger';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/server/log/request-id';
import { withConsentPrompt } from '@/lib/server/smart/with-consent-prompt';
import { DATABASE_RETRY_AFTER_SECONDS } from '@/lib/server/errors/database-unavailable';
import { outagePageHtml } from '@/lib/server/errors/outage-page';
import { localeOfNodeRequest, sendPlainPage, sendRefusedRequest } from '@/lib/server/errors/refused-request-page';
import { securityTxt } from '@/lib/security/security-txt';
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustProxy, peerIsTrustedProxy } from './client-address';
import { databaseAnswers } from './database-health';
import { badRequestTarget } from './request-target';
import { serveFhirApi } from './serve-fhir-api';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

// Build assets are not worth a log line each.
const QUIET = /^\/_next\/(static|image)\//;

const under = (url: string, prefix: string) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);

// Two years, subdomains included (what hstspreload.org asks for, without opting in to the list).
const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/**
 * The one process's request router: /oauth to the SMART authorization server, /fhir to the
 * Patient Access API, everything else to Next.js (or a 404 where there is no UI, in tests).
 */
export function routeRequests({ provider, publicUrl, ui }: { provider: Provider; publicUrl: string; ui?: Listener }): Listener {
  const oauth = provider.callback();
  // The Patient Access API is served beside Next.js, not through it: a separate role with its own
  // auth, which the extra routing layer would slow down for nothing.
  const fhir = serveFhirApi(publicUrl);
  const trustedProxies = parseTrustProxy(appConfig().trustProxy);
  const { host: publicHost, protocol } = new URL(publicUrl);
  const publicProto = protocol.slice(0, -1);
  // A site served over https tells browsers to use nothing else (HSTS), on every answer: pages,
  // the authorization server, the FHIR API, the scripts. Decided by the public address, as the
  // Secure cookies are, since behind a proxy that ends TLS the request itself arrives over http.
  const strictTransport = protocol === 'https:' ? STRICT_TRANSPORT_SECURITY : null;
  return (req, res) => {
    const url = req.url ?? '/';
    // Every request has an id (a trusted proxy's, else a new one): in its answer's x-request-id, on every log line written while it is
    // handled, and (through the header Next.js reads) in the audit rows it writes.
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER], peerIsTrustedProxy(req.socket.remoteAddress, trustedProxies));
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (strictTransport) res.setHeader('strict-transport-security', strictTransport);
    if (!QUIET.test(url)) {
      const started = performance.now();
      res.once('finish', () => {
        // The path only: a query string can hold anything a client typed.
        logEvent(res.statusCode >= 500 ? 'error' : 'info', 'http.request', { method: req.method, path: url.split('?')[0].slice(0, 200), status: res.statusCode, ms: Math.round(performance.now() - started) }, requestId);
      });
    }
    withLogContext({ requestId }, () => route(req, res, url));
  };

  function route(req: IncomingMessage, res: ServerResponse, url: string) {
    // The client's address for the pages' rate limits, over anything a client sent under that name.
    const forwardedFor = req.headers['x-forwarded-for'];
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor, trustedProxies);
    const fhirRequest = under(url, '/fhir');
    if (!fhirRequest && badRequestTarget(url)) {
      // Bad bytes in the path or query (the FHIR API answers those with an OperationOutcome itself).
      sendRefusedRequest(req, res, 'unreadable');
    } else if (url.split('?')[0] === '/.well-known/security.txt' && (req.method === 'GET' || req.method === 'HEAD')) {
      const body = securityTxt(publicUrl);
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } else if (under(url, '/oauth')) {
      // Mounted the way connect/express would: the provider derives its own paths from the
      // difference between originalUrl and url.
      req.url = withConsentPrompt(url.slice('/oauth'.length) || '/');
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = `/oauth${req.url}`;
      if (req.headers.authorization) req.headers.authorization = hashBasicClientSecret(req.headers.authorization);
      // Beside the provider's own (a CSP on each of its pages): no answer of it is sniffed as
      // another type, framed, or sent on as a referrer to another site.
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('x-frame-options', 'DENY');
      res.setHeader('referrer-policy', 'same-origin');
      // The provider (Koa with proxy on, for a TLS-terminating proxy) builds its endpoints' URLs and
      // its cookies' security from these: they come from PUBLIC_URL, never from what a client sent,
      // so nobody can make discovery or a token audience name another host.
      req.headers['x-forwarded-host'] = publicHost;
      req.headers['x-forwarded-proto'] = publicProto;
      oauth(req, res);
    } else if (fhirRequest) {
      void fhir(req, res);
    } else if (ui) {
      void servePage(req, res, ui, url);
    } else {
      res.statusCode = 404;
      res.end();
    }
  }
}

/** Build assets and files that need no database. */
const NEEDS_NO_DATABASE = /^\/(_next\/|favicon|icon|apple-icon|manifest|robots\.txt|\.well-known\/|[^/?]+\.(?:png|svg|ico|txt|webmanifest|css)(?:\?|$))/;

/**
 * A page goes to Next.js, unless the database is away: then the browser gets a plain "try again"
 * page (503, Retry-After) that needs no script and no database, in the member's language, instead
 * of an error that only a script could show. Asking costs nothing per page while the database is
 * up (one shared check a second).
 */
async function servePage(req: IncomingMessage, res: ServerResponse, ui: Listener, url: string): Promise<void> {
  const page = (req.method === 'GET' || req.method === 'HEAD') && !NEEDS_NO_DATABASE.test(url);
  if (!page || (await databaseAnswers())) return ui(req, res);
  sendPlainPage(req, res, 503, outagePageHtml(localeOfNodeRequest(req), url), { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
}

