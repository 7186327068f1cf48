import type { CasesPayload, CaseView, ConnectionsPayload, ConnectionView, MemberConnectionsView } from '@/lib/schemas/account';

/** Why a live part could not update; each has its own plain message, none crashes the page. */
export type LiveErrorKind = 'slow' | 'failed' | 'malformed' | 'signed-out';

export class LiveDataError extends Error {
  constructor(readonly kind: LiveErrorKind) {
    super(`live data: ${kind}`);
    this.name = 'LiveDataError';
  }
}

/** How often the account's live parts ask again, and how long one answer may take. */
export const LIVE_POLL_MS = 15_000;
export const LIVE_TIMEOUT_MS = 8_000;

export interface LiveFetchOptions {
  /** Absolute origin for tests; the browser uses the page's own. */
  baseUrl?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * GETs a JSON route of the account and checks its shape. Every failure becomes a LiveDataError:
 * no answer in time ('slow'), a network or server error ('failed'), an answer that is not what
 * the page expects ('malformed'), or a session that ended ('signed-out').
 */
export async function fetchLiveJson<T>(path: string, parse: (value: unknown) => T | null, options: LiveFetchOptions = {}): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? LIVE_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(options.baseUrl ? new URL(path, options.baseUrl) : path, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch {
      throw new LiveDataError(timedOut ? 'slow' : 'failed');
    }
    if (response.status === 401) throw new LiveDataError('signed-out');
    if (!response.ok) throw new LiveDataError('failed');
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new LiveDataError(timedOut ? 'slow' : 'malformed');
    }
    const parsed = parse(body);
    if (parsed === null) throw new LiveDataError('malformed');
    return parsed;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

export function liveErrorKind(error: unknown): LiveErrorKind | null {
  if (!error) return null;
  return error instanceof LiveDataError ? error.kind : 'failed';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isArrayOf = <T>(v: unknown, item: (x: unknown) => x is T): v is T[] => Array.isArray(v) && v.every(item);

function isConnectionView(v: unknown): v is ConnectionView {
  return (
    isObject(v) &&
    isString(v.grantId) &&
    isString(v.appName) &&
    isString(v.linkName) &&
    (v.state === 'active' || v.state === 'paused' || v.state === 'ended') &&
    isArrayOf(v.categories, isString) &&
    isString(v.sensitive) &&
    isString(v.years) &&
    isString(v.approvedBy) &&
    isString(v.approvedOn) &&
    isString(v.endsOn) &&
    isString(v.lastRead) &&
    isStringOrNull(v.lastReadAt) &&
    isStringOrNull(v.note)
  );
}

function isMemberConnections(v: unknown): v is MemberConnectionsView {
  return isObject(v) && isString(v.memberId) && isString(v.heading) && isArrayOf(v.current, isConnectionView) && isArrayOf(v.past, isConnectionView);
}

export function parseConnectionsPayload(value: unknown): ConnectionsPayload | null {
  return isObject(value) && typeof value.forRepresentative === 'boolean' && isArrayOf(value.members, isMemberConnections)
    ? { forRepresentative: value.forRepresentative, members: value.members }
    : null;
}

function isCaseView(v: unknown): v is CaseView {
  return (
    isObject(v) &&
    isString(v.id) &&
    isString(v.reference) &&
    isString(v.appName) &&
    isString(v.kind) &&
    (v.status === 'open' || v.status === 'in_review' || v.status === 'closed') &&
    isString(v.statusLabel) &&
    isString(v.reportedOn)
  );
}

export function parseCasesPayload(value: unknown): CasesPayload | null {
  return isObject(value) && isArrayOf(value.cases, isCaseView) ? { cases: value.cases } : null;
}

export const CONNECTIONS_PATH = '/account/api/connections';
export const CASES_PATH = '/account/api/cases';

export const fetchConnections = (options?: LiveFetchOptions) => fetchLiveJson(CONNECTIONS_PATH, parseConnectionsPayload, options);
export const fetchCases = (options?: LiveFetchOptions) => fetchLiveJson(CASES_PATH, parseCasesPayload, options);
