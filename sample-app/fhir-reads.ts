/**
 * The sample app's calls through fhirclient: read the patient and their
 * claims, refresh the access token. Every call is bounded by a timeout and
 * every failure comes back as a `Failure` value that a page can explain;
 * nothing here throws at the caller.
 */
import type Client from 'fhirclient/lib/Client';
import { SMART_KEY } from 'fhirclient/lib/settings';
import type { fhirclient } from 'fhirclient/lib/types';
import { humanName, summarizeClaims, type BundleEntry, type ClaimRow } from './summarize-claims';

/** Where a failure happened: finding the server's endpoints, at its token endpoint, or at the FHIR API. */
export type Phase = 'discovery' | 'token' | 'fhir';

export type Failure =
  | { kind: 'timeout'; phase: Phase; ms: number }
  | { kind: 'http'; phase: Phase; status: number; statusText: string; oauthError: string | null }
  | { kind: 'malformed'; phase: Phase; status: number | null }
  | { kind: 'network'; phase: Phase }
  | { kind: 'other'; phase: Phase; message: string };

/** The last FHIR answer as shown in the page: an HTTP status, or a word when there was none. */
export type FhirStatus = number | 'timeout' | 'malformed' | 'network-error' | 'none';

export type ClaimsOutcome =
  | { ok: true; patientName: string | null; rows: ClaimRow[]; pagesRead: number; morePages: boolean; lastStatus: FhirStatus }
  | { ok: false; failure: Failure; lastStatus: FhirStatus };

export type RefreshOutcome = { ok: true; expiresIn: number | null; scope: string | null } | { ok: false; failure: Failure };

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`No answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** An answer that parsed but is not the FHIR resource asked for. */
class UnexpectedAnswer extends Error {
  constructor(readonly status: number) {
    super('Unexpected answer');
    this.name = 'UnexpectedAnswer';
  }
}

/**
 * Runs `work` with an abort signal and gives up after `ms`. The race, not the
 * signal alone, bounds the wait: an adapter that ignores the signal still
 * cannot hang the page.
 */
export async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const running = Promise.resolve().then(() => work(controller.signal));
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutError(ms));
    }, ms);
  });
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
    running.catch(() => undefined); // a late failure after the timeout has nobody left to tell
  }
}

export function describeFailure(error: unknown, phase: Phase, tokenUri?: string): Failure {
  if (error instanceof TimeoutError) return { kind: 'timeout', phase, ms: error.ms };
  if (error instanceof UnexpectedAnswer) return { kind: 'malformed', phase, status: error.status };
  if (error instanceof SyntaxError) return { kind: 'malformed', phase, status: null };
  if (isHttpError(error)) {
    const url = error.response?.url ?? '';
    return {
      kind: 'http',
      // fhirclient refreshes an expiring token before a FHIR read; its failure is the token endpoint's.
      phase: tokenUri && url.startsWith(tokenUri) ? 'token' : phase,
      status: error.status,
      statusText: error.statusText ?? '',
      oauthError: oauthErrorCode(error.message),
    };
  }
  if (isNetworkError(error)) return { kind: 'network', phase };
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return { kind: 'other', phase, message };
}

export function statusOf(failure: Failure): FhirStatus {
  switch (failure.kind) {
    case 'http':
      return failure.status;
    case 'timeout':
      return 'timeout';
    case 'malformed':
      return failure.status ?? 'malformed';
    case 'network':
      return 'network-error';
    case 'other':
      return 'none';
  }
}

export interface ReadOptions {
  timeoutMs: number;
  /** Upper bound on search pages followed through `next` links. */
  maxPages: number;
}

export async function loadClaims(client: Client, { timeoutMs, maxPages }: ReadOptions): Promise<ClaimsOutcome> {
  const patientId = client.getPatientId();
  if (!patientId) {
    return { ok: false, failure: { kind: 'other', phase: 'fhir', message: 'The token response named no patient.' }, lastStatus: 'none' };
  }
  const restore = await keepStateThroughUnauthorized(client);
  let lastStatus: FhirStatus = 'none';
  const read = async (url: string, resourceType: string): Promise<Record<string, unknown>> => {
    const answer = await readResource(client, url, resourceType, timeoutMs);
    lastStatus = answer.status;
    return answer.body;
  };
  try {
    const patient = await read(`Patient/${encodeURIComponent(patientId)}`, 'Patient');
    const base = new URL(client.state.serverUrl.replace(/\/*$/, '/'));
    const entries: BundleEntry[] = [];
    let url: string | null = `ExplanationOfBenefit?patient=${encodeURIComponent(patientId)}&_count=50`;
    let pagesRead = 0;
    while (url && pagesRead < maxPages) {
      const bundle = await read(url, 'Bundle');
      pagesRead += 1;
      if (Array.isArray(bundle.entry)) entries.push(...(bundle.entry as BundleEntry[]));
      url = nextPageUrl(bundle, base);
    }
    return {
      ok: true,
      patientName: humanName(Array.isArray(patient.name) ? patient.name : []),
      rows: summarizeClaims(entries),
      pagesRead,
      morePages: url !== null,
      lastStatus,
    };
  } catch (error) {
    const failure = describeFailure(error, 'fhir', client.state.tokenUri);
    if (failure.kind === 'http' && failure.status === 401) await restore();
    return { ok: false, failure, lastStatus: failure.kind === 'http' && failure.phase === 'token' ? lastStatus : statusOf(failure) };
  }
}

export async function refreshAccess(client: Client, timeoutMs: number): Promise<RefreshOutcome> {
  try {
    const state = await withTimeout(timeoutMs, (signal) => client.refresh({ signal }));
    const tokenResponse: fhirclient.TokenResponse = state.tokenResponse ?? {};
    return {
      ok: true,
      expiresIn: typeof tokenResponse.expires_in === 'number' ? tokenResponse.expires_in : null,
      scope: tokenResponse.scope ?? null,
    };
  } catch (error) {
    return { ok: false, failure: describeFailure(error, 'token', client.state.tokenUri) };
  }
}

async function readResource(
  client: Client,
  url: string,
  resourceType: string,
  timeoutMs: number,
): Promise<{ body: Record<string, unknown>; status: number }> {
  const { body, response } = await withTimeout(timeoutMs, (signal) =>
    client.request<{ body: unknown; response: Response }>({ url, signal, includeResponse: true }),
  );
  if (body === null || typeof body !== 'object' || (body as { resourceType?: unknown }).resourceType !== resourceType) {
    throw new UnexpectedAnswer(response.status);
  }
  return { body: body as Record<string, unknown>, status: response.status };
}

/**
 * The bundle's `next` link, only when it stays under the FHIR base: fhirclient
 * sends the bearer token to whatever URL it is given.
 */
function nextPageUrl(bundle: Record<string, unknown>, base: URL): string | null {
  const links = Array.isArray(bundle.link) ? (bundle.link as Array<{ relation?: unknown; url?: unknown }>) : [];
  const next = links.find((link) => link?.relation === 'next');
  if (typeof next?.url !== 'string') return null;
  let url: URL;
  try {
    url = new URL(next.url, base);
  } catch {
    return null;
  }
  return url.origin === base.origin && url.pathname.startsWith(base.pathname) ? url.href : null;
}

/**
 * fhirclient wipes the stored SMART state when a read answers 401. The sample
 * app keeps it, so that the page can still say which patient and scope the
 * stopped connection had and /refresh can show what the token endpoint says.
 */
async function keepStateThroughUnauthorized(client: Client): Promise<() => Promise<void>> {
  const storage = client.environment.getStorage();
  const key = client.state.key;
  const saved: unknown = key ? await storage.get(key) : undefined;
  return async () => {
    if (!key || !saved) return;
    await storage.set(key, saved);
    await storage.set(SMART_KEY, key);
  };
}

interface HttpErrorLike {
  name: string;
  message: string;
  status: number;
  statusText?: string;
  response?: { url?: string };
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return error instanceof Error && error.name === 'HttpError' && typeof (error as Partial<HttpErrorLike>).status === 'number';
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // node-fetch (used by fhirclient through cross-fetch) throws FetchError; the global fetch throws TypeError.
  return error.name === 'FetchError' || (error instanceof TypeError && /fetch failed/i.test(error.message));
}

/** fhirclient appends "<error>: <description>" from an OAuth error body to the HttpError message. */
function oauthErrorCode(message: string): string | null {
  const match = /\n([a-z_]+)(?::|$)/m.exec(message);
  return match ? match[1] : null;
}
