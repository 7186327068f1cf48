/**
 * Blue Button Explorer: a small third-party SMART on FHIR app that plays the
 * client against the consent hub. A plain Node `http` server, everything done
 * server-side with fhirclient's Node adapter, so it works without JavaScript.
 *
 *   node --import tsx sample-app/server.ts
 *
 * Environment: SAMPLE_APP_PORT (8765), SAMPLE_APP_ISS (http://localhost:3000/fhir),
 * SAMPLE_APP_FHIR_TIMEOUT_MS (10000).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import smart from 'fhirclient/lib/entry/node';
import type Client from 'fhirclient/lib/Client';
import { SMART_KEY } from 'fhirclient/lib/settings';
import type { fhirclient } from 'fhirclient/lib/types';
import { describeFailure, loadClaims, refreshAccess, withTimeout, type Failure } from './fhir-reads';
import {
  STYLESHEET,
  claimsPage,
  failurePage,
  homePage,
  html,
  messagePage,
  notConnectedPage,
  privacyPage,
  refreshPage,
  termsPage,
  type ConnectionSummary,
} from './pages';
import { SessionStore, type Session } from './session-store';

export const CLIENT_ID = 'blue-button-explorer';
export const STANDALONE_SCOPE = 'launch/patient openid fhirUser offline_access patient/*.rs';
export const EHR_LAUNCH_SCOPE = 'launch openid fhirUser offline_access patient/*.rs';
export const DEFAULT_PORT = 8765;
export const DEFAULT_ISS = 'http://localhost:3000/fhir';
export const DEFAULT_FHIR_TIMEOUT_MS = 10_000;
const MAX_SEARCH_PAGES = 10;
const HOST = '127.0.0.1';

export interface SampleAppOptions {
  /** Listen port; 0 picks a free one. Default SAMPLE_APP_PORT or 8765. The redirect URI follows it. */
  port?: number;
  /** The only FHIR base this app connects to. Default SAMPLE_APP_ISS or http://localhost:3000/fhir. */
  iss?: string;
  /** Bound on each call to the plan's servers. Default SAMPLE_APP_FHIR_TIMEOUT_MS or 10 s. */
  fhirTimeoutMs?: number;
  /** Bound on ExplanationOfBenefit search pages followed. Default 10. */
  maxPages?: number;
}

export interface SampleApp {
  /** The app's origin, e.g. http://127.0.0.1:8765 */
  url: string;
  close(): Promise<void>;
}

interface AppContext {
  origin: string;
  /** host:port of the origin, the only Host header served. */
  host: string;
  redirectUri: string;
  iss: string;
  timeoutMs: number;
  maxPages: number;
  sessions: SessionStore;
  securityHeaders: Record<string, string>;
}

export async function startSampleApp(options: SampleAppOptions = {}): Promise<SampleApp> {
  const iss = (options.iss ?? process.env.SAMPLE_APP_ISS ?? DEFAULT_ISS).replace(/\/+$/, '');
  const issOrigin = new URL(iss).origin; // throws early on a malformed SAMPLE_APP_ISS
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? numberFromEnv('SAMPLE_APP_PORT') ?? DEFAULT_PORT, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  const app: AppContext = {
    origin,
    host: new URL(origin).host,
    redirectUri: `${origin}/callback`,
    iss,
    timeoutMs: options.fhirTimeoutMs ?? numberFromEnv('SAMPLE_APP_FHIR_TIMEOUT_MS') ?? DEFAULT_FHIR_TIMEOUT_MS,
    maxPages: options.maxPages ?? MAX_SEARCH_PAGES,
    sessions: new SessionStore(),
    securityHeaders: {
      // form-action names the plan's origin because the scope form's GET is redirected to its authorization endpoint.
      'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${issOrigin}; frame-ancestors 'none'; base-uri 'none'`,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      // The callback URL carries the authorization code: never leak it in a Referer.
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(app, req, res).catch((error: unknown) => {
      console.error('[sample-app] unexpected error on %s %s', req.method, req.url, error);
      if (!res.headersSent) send(res, 500, messagePage('Something went wrong', html`<p>The app hit an unexpected error. Try again from the <a href="/">start</a>.</p>`));
      else res.end();
    });
  });
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const [name, value] of Object.entries(app.securityHeaders)) res.setHeader(name, value);
  // fhirclient derives the current URL from these headers; this app is never behind a proxy.
  for (const name of ['x-original-uri', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto']) delete req.headers[name];

  const url = new URL(req.url ?? '/', app.origin);
  // One canonical host, so the session cookie set here comes back on the 127.0.0.1 redirect URI.
  if (req.headers.host !== app.host) {
    if (req.method === 'GET' || req.method === 'HEAD') return redirect(res, 308, app.origin + url.pathname + url.search);
    return send(res, 421, messagePage('Wrong address', html`<p>Use <a href="${app.origin}/">${app.origin}</a>.</p>`));
  }
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const route = Object.hasOwn(ROUTES, url.pathname) ? ROUTES[url.pathname] : undefined;
  if (!route) return send(res, 404, messagePage('Page not found', html`<p>There is no page at this address. Go to the <a href="/">start</a>.</p>`));
  const action = method && Object.hasOwn(route, method) ? route[method] : undefined;
  if (!action) {
    res.setHeader('allow', Object.keys(route).join(', '));
    return send(res, 405, messagePage('Method not allowed', html`<p>This page does not accept that request.</p>`));
  }
  await action(app, req, res, url);
}

type Action = (app: AppContext, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

const ROUTES: Record<string, Partial<Record<string, Action>>> = {
  '/': { GET: showHome },
  '/style.css': { GET: (_app, _req, res) => send(res, 200, STYLESHEET, 'text/css; charset=utf-8') },
  '/standalone': { GET: startStandaloneLaunch },
  '/launch': { GET: startEhrLaunch },
  '/callback': { GET: completeLaunch },
  '/claims': { GET: showClaims },
  '/refresh': { GET: refreshToken },
  '/api/state': { GET: showState },
  '/disconnect': { POST: disconnect },
  '/privacy': { GET: (_app, _req, res) => send(res, 200, privacyPage()) },
  '/terms': { GET: (_app, _req, res) => send(res, 200, termsPage()) },
};

async function showHome(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const connected = await findConnection(app, req, res);
  send(res, 200, homePage(connected ? connected.summary : null, STANDALONE_SCOPE));
}

async function startStandaloneLaunch(app: AppContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requested = url.searchParams.get('scope');
  const scope = requested === null || requested.trim() === '' ? STANDALONE_SCOPE : normalizeScope(requested);
  if (!scope) {
    return send(res, 400, messagePage('Scopes not valid', html`<p>The scopes must be words separated by spaces, without quotes or backslashes.</p><p><a href="/">Back to the start</a></p>`));
  }
  await authorize(app, req, res, { scope });
}

async function startEhrLaunch(app: AppContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const iss = url.searchParams.get('iss');
  const launch = url.searchParams.get('launch');
  // Only ever send the member to the configured plan: an `iss` is an instruction from whoever built the link.
  if (!iss || iss.replace(/\/+$/, '') !== app.iss) {
    return send(res, 400, messagePage('Unknown plan', html`<p>This app only connects to the FHIR server at <code>${app.iss}</code>${iss ? html`, not <code>${iss}</code>` : ''}.</p>`));
  }
  if (!launch || launch.length > 1024 || !/^[\x21-\x7e]+$/.test(launch)) {
    return send(res, 400, messagePage('Launch not valid', html`<p>The launch link has no valid <code>launch</code> value. Start again from your plan's site.</p>`));
  }
  await authorize(app, req, res, { scope: EHR_LAUNCH_SCOPE, launch });
}

async function authorize(app: AppContext, req: IncomingMessage, res: ServerResponse, params: { scope: string; launch?: string }): Promise<void> {
  // fhirclient caches the server's SMART configuration for the life of the
  // process, failures included; checking it first keeps one failed start
  // (the plan not up yet) from breaking every later one.
  const discovery = await checkDiscovery(app);
  if (discovery) return send(res, 502, failurePage('Could not start the connection', discovery));

  const session = app.sessions.findOrCreate(req, res);
  // Everything fhirclient should use is passed explicitly; it would otherwise
  // take iss, launch, clientId, patientId and fhirServiceUrl from the query.
  req.url = new URL(req.url ?? '/', app.origin).pathname;
  try {
    await withTimeout(app.timeoutMs, () =>
      smartFor(req, res, app.sessions.storageFor(session)).authorize({
        iss: app.iss,
        clientId: CLIENT_ID,
        redirectUri: app.redirectUri,
        scope: params.scope,
        launch: params.launch,
        pkceMode: 'required',
      }),
    );
  } catch (error) {
    if (!res.headersSent) send(res, 502, failurePage('Could not start the connection', describeFailure(error, 'discovery')));
  }
}

async function completeLaunch(app: AppContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const authError = url.searchParams.get('error');
  if (authError) {
    const description = url.searchParams.get('error_description');
    return send(res, 400, messagePage('The connection was not made', html`<div class="notice error" role="alert"><p>Your plan answered <code>${authError}</code>${description ? html`: ${description}` : ''}.</p></div>
<div class="actions"><a class="button" href="/standalone">Try again</a></div>`));
  }
  const session = app.sessions.find(req);
  if (!session) {
    return send(res, 400, messagePage('Sign-in could not be completed', html`<p>This browser has no connection in progress (its cookie is missing or expired). Start again.</p>
<div class="actions"><a class="button" href="/standalone">Connect with standalone launch</a></div>`));
  }
  const storage = app.sessions.storageFor(session);
  const kept = new URLSearchParams();
  for (const name of ['code', 'state']) {
    const value = url.searchParams.get(name);
    if (value !== null) kept.set(name, value);
  }
  req.url = `${url.pathname}?${kept}`;
  try {
    const client = await withTimeout(app.timeoutMs, () => smartFor(req, res, storage).ready());
    if (!client.getState('tokenResponse.access_token')) throw new Error('The token endpoint issued no access token.');
  } catch (error) {
    const pending = await currentState(storage);
    return send(res, 502, failurePage('Sign-in could not be completed', describeFailure(error, 'token', pending?.tokenUri)));
  }
  app.sessions.rotate(session, res);
  redirect(res, 303, '/claims');
}

async function showClaims(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const connected = await findConnection(app, req, res);
  if (!connected) return send(res, 200, notConnectedPage());
  const outcome = await loadClaims(connected.client, { timeoutMs: app.timeoutMs, maxPages: app.maxPages });
  send(res, 200, claimsPage(outcome, connected.summary));
}

async function refreshToken(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const connected = await findConnection(app, req, res);
  if (!connected) return send(res, 200, notConnectedPage());
  const outcome = await refreshAccess(connected.client, app.timeoutMs);
  send(res, 200, refreshPage(outcome, connected.summary));
}

/** The session's token response without the tokens, for tests and the curious. */
async function showState(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const connected = await findConnection(app, req, res);
  if (!connected) return sendJson(res, 200, { connected: false });
  const { client } = connected;
  const tokenResponse: fhirclient.TokenResponse = client.state.tokenResponse ?? {};
  const withoutTokens = Object.fromEntries(Object.entries(tokenResponse).filter(([key]) => !/_token$/.test(key)));
  sendJson(res, 200, {
    connected: true,
    serverUrl: client.state.serverUrl,
    clientId: client.state.clientId,
    ...withoutTokens,
    fhirUser: client.getFhirUser(),
    has_refresh_token: Boolean(tokenResponse.refresh_token),
    has_id_token: Boolean(tokenResponse.id_token),
    expires_at: client.state.expiresAt ?? null,
  });
}

function disconnect(app: AppContext, req: IncomingMessage, res: ServerResponse): void {
  const session = app.sessions.find(req);
  if (session) app.sessions.destroy(session, res);
  redirect(res, 303, '/');
}

/** A fhirclient SMART API over one session's storage. */
function smartFor(req: IncomingMessage, res: ServerResponse, storage: fhirclient.Storage): fhirclient.SMART {
  const api = smart(req, res, storage);
  // A public client authenticates with client_id alone; without it the refresh grant is refused.
  api.options.refreshTokenWithClientId = true;
  return api;
}

async function findConnection(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<{ client: Client; summary: ConnectionSummary } | null> {
  const session: Session | null = app.sessions.find(req);
  if (!session) return null;
  const storage = app.sessions.storageFor(session);
  const state = await currentState(storage);
  if (!state?.tokenResponse?.access_token) return null;
  const client = smartFor(req, res, storage).client(state);
  return { client, summary: { patientId: client.getPatientId(), scope: state.tokenResponse.scope ?? null } };
}

async function currentState(storage: fhirclient.Storage): Promise<fhirclient.ClientState | null> {
  const key: unknown = await storage.get(SMART_KEY);
  return typeof key === 'string' ? ((await storage.get(key)) ?? null) : null;
}

async function checkDiscovery(app: AppContext): Promise<Failure | null> {
  const url = `${app.iss}/.well-known/smart-configuration`;
  try {
    return await withTimeout(app.timeoutMs, async (signal): Promise<Failure | null> => {
      const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
      if (!response.ok) {
        return { kind: 'http', phase: 'discovery', status: response.status, statusText: response.statusText, oauthError: null };
      }
      const body = (await response.json()) as { authorization_endpoint?: unknown; token_endpoint?: unknown; code_challenge_methods_supported?: unknown } | null;
      if (!body || typeof body.authorization_endpoint !== 'string' || typeof body.token_endpoint !== 'string') {
        return { kind: 'malformed', phase: 'discovery', status: response.status };
      }
      if (!Array.isArray(body.code_challenge_methods_supported) || !body.code_challenge_methods_supported.includes('S256')) {
        return {
          kind: 'other',
          phase: 'discovery',
          message: "The plan's SMART configuration does not list S256 in code_challenge_methods_supported, and this app requires PKCE with S256.",
        };
      }
      return null;
    });
  } catch (error) {
    return describeFailure(error, 'discovery');
  }
}

/** RFC 6749 scope: space-separated tokens of printable ASCII without `"` or `\`. */
function normalizeScope(scope: string): string | null {
  const tokens = scope.trim().split(/\s+/);
  if (scope.length > 2000 || !tokens.every((token) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(token))) return null;
  return tokens.join(' ');
}

function send(res: ServerResponse, status: number, body: string, contentType = 'text/html; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function redirect(res: ServerResponse, status: 303 | 308, location: string): void {
  res.writeHead(status, { location });
  res.end();
}

function numberFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = await startSampleApp();
  console.log(`Blue Button Explorer listening on ${app.url} (FHIR server ${(process.env.SAMPLE_APP_ISS ?? DEFAULT_ISS).replace(/\/+$/, '')})`);
  const stop = (): void => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
