import 'server-only';
import { randomUUID } from 'node:crypto';
import { appConfig } from '@/lib/server/config/app-config';
import { currentRequestId, logEvent } from '@/lib/server/log/logger';
import { SERVED_RESOURCE_TYPES, scopeAllows } from '@/lib/server/smart/smart-scopes';
import { authorizeFhirRequest, type FhirAccess } from './authorize-fhir-request';
import { capabilityStatement } from './capability-statement';
import type { FhirReadCache } from './fhir-read-cache';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@/lib/server/errors/database-unavailable';
import { FHIR_JSON, FhirRequestError, operationOutcome, type IssueCode } from './operation-outcome';
import { StaleFhirRead, recordFhirAccess } from './record-fhir-access';
import { FHIR_ID, parseSearch, readSearchParameters } from './search-parameters';
import { countResources, encodeCursor, findIncludes, readResource, searchResources, type FoundResource } from './search-resources';
import { smartConfiguration } from './smart-configuration';

/** The little of an HTTP request the API reads (server.ts adapts Node's request to it). */
export interface FhirHttpRequest {
  method: string;
  url: URL;
  header(name: string): string | undefined;
  /** The request body as text, or null when it is longer than `limit` characters. */
  body(limit: number): Promise<string | null>;
}

export interface FhirHttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, accept, prefer, cache-control',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'location, content-location, www-authenticate',
};
const MAX_SEARCH_BODY = 16_384;

const fhirJson = (body: string | Uint8Array, status = 200, extra: Record<string, string> = {}): FhirHttpAnswer => ({
  status,
  headers: { 'content-type': FHIR_JSON, 'cache-control': 'no-store', ...CORS, ...extra },
  body,
});

/** A FHIR error: an OperationOutcome with the right status, never a stack trace. */
const fhirError = (status: number, code: IssueCode, diagnostics: string, extra: Record<string, string> = {}) =>
  fhirJson(JSON.stringify(operationOutcome('error', code, diagnostics)), status, extra);

/** A data request, as parsed once before any attempt to answer it. */
interface FhirRead {
  resourceType: string;
  /** The id of a read; null for a search. */
  id: string | null;
  /** The version a vread asks for (`/<type>/<id>/_history/<version>`); null for a read or search. */
  version: string | null;
  /** The search parameters as sent (query string, or the form body of POST _search). */
  params: string;
  strict: boolean;
  /** The request's own `Cache-Control: no-cache`: answer from the database. */
  fresh: boolean;
  authorization: string | undefined;
}

/**
 * The Patient Access API (FHIR R4), mounted at /fhir by server.ts. Every data request is
 * authorized from scratch (token, grant, app, eligibility): from the database, or from facts this
 * instance read before whose epoch the database confirms in the statement that logs the read.
 */
export async function handleFhirRequest(request: FhirHttpRequest, cache: FhirReadCache | null): Promise<FhirHttpAnswer> {
  const path = request.url.pathname.replace(/^\/fhir/, '').replace(/\/+$/, '') || '/';
  try {
    if (request.method === 'OPTIONS') return { status: 204, headers: CORS, body: null };
    if (path === '/metadata' && request.method === 'GET') return fhirJson(JSON.stringify(capabilityStatement()));
    if (path === '/.well-known/smart-configuration' && request.method === 'GET') {
      return { status: 200, headers: { 'content-type': 'application/json', ...CORS }, body: JSON.stringify(smartConfiguration()) };
    }
    const segments = path.split('/').filter(Boolean);
    const [resourceType, second] = segments;
    const isSearchPost = request.method === 'POST' && segments.length === 2 && second === '_search';
    const isVread = segments.length === 4 && segments[2] === '_history';
    if (request.method !== 'GET' && !isSearchPost) {
      return fhirError(405, 'not-supported', 'This server only reads and searches.', { allow: 'GET, POST, OPTIONS' });
    }
    if (!resourceType || (segments.length > 2 && !isVread)) return fhirError(404, 'not-found', 'Unknown path.');
    if (!SERVED_RESOURCE_TYPES.includes(resourceType)) {
      return fhirError(404, 'not-supported', `Resource type ${resourceType} is not served here.`);
    }

    const id = (segments.length === 2 && !isSearchPost) || isVread ? second : null;
    let params = request.url.search;
    if (isSearchPost) {
      const body = await request.body(MAX_SEARCH_BODY);
      if (body === null) throw new FhirRequestError(413, 'too-costly', 'The search is too long.');
      params = body;
    }
    const read: FhirRead = {
      resourceType,
      id,
      version: isVread ? segments[3] : null,
      params: id === null ? params : isVread ? `_history/${segments[3]}` : '',
      strict: /handling\s*=\s*strict/i.test(request.header('prefer') ?? ''),
      fresh: /no-cache/i.test(`${request.header('cache-control') ?? ''} ${request.header('pragma') ?? ''}`),
      authorization: request.header('authorization'),
    };
    const attempt = { reused: false };
    try {
      return await answerFhirRead(read, { reuse: !read.fresh, cache, attempt });
    } catch (error) {
      // Any refusal, or a stale epoch, on reused facts is decided again on facts read just now:
      // a revoked token gets its 401 whatever else is wrong with the request.
      const decidedOnReusedFacts = attempt.reused && (error instanceof StaleFhirRead || error instanceof FhirRequestError);
      if (!decidedOnReusedFacts) throw error;
      return await answerFhirRead(read, { reuse: false, cache, attempt });
    }
  } catch (error) {
    if (error instanceof FhirRequestError) {
      const extra: Record<string, string> = {};
      if (error.status === 401) extra['www-authenticate'] = `Bearer realm="${appConfig().fhirBaseUrl}", error="invalid_token"`;
      return fhirError(error.status, error.issueCode, error.message, extra);
    }
    const requestId = currentRequestId() ?? randomUUID();
    // The logger keeps the error's kind only: its message can hold SQL parameters (a patient id, a token).
    logEvent('error', 'fhir.failed', { error }, requestId);
    if (isDatabaseUnavailable(error)) {
      return fhirError(503, 'transient', `The service is briefly unavailable. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds (reference ${requestId}).`, {
        'retry-after': String(DATABASE_RETRY_AFTER_SECONDS),
      });
    }
    return fhirError(500, 'exception', `The server could not answer this request (reference ${requestId}).`);
  }
}

interface AnswerOptions {
  reuse: boolean;
  cache: FhirReadCache | null;
  /** Whether the last attempt decided on reused facts. */
  attempt: { reused: boolean };
}

async function answerFhirRead(read: FhirRead, options: AnswerOptions): Promise<FhirHttpAnswer> {
  const { resourceType } = read;
  const { cache, attempt } = options;
  const access = await authorizeFhirRequest(read.authorization ?? null, options);
  attempt.reused = access.reused;
  if (!access.resourceTypes.has(resourceType)) {
    throw new FhirRequestError(403, 'forbidden', `The member did not approve sharing ${resourceType} with this app.`);
  }
  const interaction = read.id === null ? 'search' : 'read';
  if (!scopeAllows(access.scope, resourceType, interaction)) {
    throw new FhirRequestError(403, 'forbidden', `This token may not ${interaction} ${resourceType}${interaction === 'read' ? ' by id' : ''}.`);
  }
  if (read.id !== null && !FHIR_ID.test(read.id)) throw new FhirRequestError(404, 'not-found', 'Resource not found.');

  // The same request by a token that may see the same things gets the same bytes while the epoch stands.
  const key = `${access.visibility}${JSON.stringify([resourceType, read.id, read.strict, read.params])}`;
  const cached = read.fresh ? undefined : cache?.answers.get(key);
  if (cached && cached.epoch === access.epoch) {
    await recordFhirAccess(access, resourceType, interaction, cached.count);
    return fhirJson(cached.body);
  }
  // Going to the database anyway: decide on facts read now rather than reading the data on facts
  // that may be stale and reading it all again when the log says so.
  if (access.reused) return answerFhirRead(read, { ...options, reuse: false });

  const answer = await answerFromDatabase(read, access);
  await recordFhirAccess(access, resourceType, interaction, answer.count);
  if (answer.body === null) return fhirError(404, 'not-found', `${resourceType}/${read.id}${read.version === null ? '' : `/_history/${read.version}`} was not found.`);
  const body = Buffer.from(answer.body);
  if (access.epoch !== null) cache?.answers.set(key, { epoch: access.epoch, body, count: answer.count });
  return fhirJson(body);
}

async function answerFromDatabase(read: FhirRead, access: FhirAccess): Promise<{ body: string | null; count: number }> {
  const { resourceType } = read;
  if (read.id !== null) {
    const found = await readResource(resourceType, read.id, access);
    // Each resource has the one version it was written with (meta.versionId): vread serves that.
    if (found && read.version !== null && (JSON.parse(found.json) as { meta?: { versionId?: string } }).meta?.versionId !== read.version) {
      return { body: null, count: 0 };
    }
    return { body: found?.json ?? null, count: found ? 1 : 0 };
  }
  const search = parseSearch(resourceType, readSearchParameters(read.params), read.strict);
  if (search.summaryCount) {
    const total = await countResources(resourceType, search, access);
    const self = `${appConfig().fhirBaseUrl}/${resourceType}?${new URLSearchParams([...search.applied, ['_summary', 'count']])}`;
    return { body: JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total, link: [{ relation: 'self', url: self }] }), count: 0 };
  }
  const { matches, hasMore } = await searchResources(resourceType, search, access);
  const included = search.includes.length && matches.length ? await findIncludes(matches, search.includes, access) : [];
  return { body: searchsetBundle(resourceType, search, matches, included, hasMore), count: matches.length };
}

function searchsetBundle(
  resourceType: string,
  search: ReturnType<typeof parseSearch>,
  matches: FoundResource[],
  included: FoundResource[],
  hasMore: boolean,
): string {
  const base = appConfig().fhirBaseUrl;
  const selfParams = new URLSearchParams(search.applied);
  const links = [{ relation: 'self', url: `${base}/${resourceType}${selfParams.size ? `?${selfParams}` : ''}` }];
  if (hasMore && matches.length) {
    const nextParams = new URLSearchParams(search.applied);
    if (!nextParams.has('_count')) nextParams.set('_count', String(search.count));
    nextParams.set('_cursor', encodeCursor(matches[matches.length - 1]));
    links.push({ relation: 'next', url: `${base}/${resourceType}?${nextParams}` });
  }
  const entry = (r: FoundResource, mode: 'match' | 'include') =>
    `{"fullUrl":${JSON.stringify(`${base}/${r.resourceType}/${r.id}`)},"resource":${r.json},"search":{"mode":"${mode}"}}`;
  const entries = [...matches.map((r) => entry(r, 'match')), ...included.map((r) => entry(r, 'include'))];
  if (search.ignored.length) {
    const outcome = operationOutcome('warning', 'not-supported', `Ignored search parameters: ${search.ignored.join(', ')}`);
    entries.push(`{"resource":${JSON.stringify(outcome)},"search":{"mode":"outcome"}}`);
  }
  return `{"resourceType":"Bundle","type":"searchset","link":${JSON.stringify(links)},"entry":[${entries.join(',')}]}`;
}
