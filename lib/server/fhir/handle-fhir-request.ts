import 'server-only';
import { randomUUID } from 'node:crypto';
import { appConfig } from '@/lib/server/config/app-config';
import { currentRequestId, logEvent } from '@/lib/server/log/logger';
import { SERVED_RESOURCE_TYPES, scopeAllows } from '@/lib/server/smart/smart-scopes';
import { appClock, calendarDateIn } from '@/lib/calendar';
import { authorizeBackendRequest, backendScopeAllows, type BackendAccess } from './authorize-backend-request';
import { authorizeFhirRequest, bearerToken, decideFhirAccess, type FhirAccess } from './authorize-fhir-request';
import { explainUnreadableTypes } from './explain-unreadable-types';
import { BACKEND_READ_TYPES } from './backend-member-access';
import { findResourcePatient } from './find-resource-patient';
import { memberMatch } from './member-match';
import { payerToPayerAccess } from './payer-to-payer-access';
import { providerAccess } from './provider-access';
import { readProviderAccessGroup } from './provider-access-group';
import { readRelatedPerson } from './read-related-person';
import { capabilityStatement } from './capability-statement';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@/lib/server/errors/database-unavailable';
import { FHIR_JSON, FhirRequestError, insufficientScope, operationOutcome, type IssueCode } from './operation-outcome';
import { entryStart, pushEntry } from './bundle-entry';
import { readSearchPage, type SearchPage } from './read-search-page';
import { recordFhirAccess } from './record-fhir-access';
import { acceptsFhirJson } from './response-format';
import { FHIR_ID, parseSearch, readSearchParameters, type ParsedSearch } from './search-parameters';
import { countResources, encodeCursor, findIncludes, readResource, searchResources, type FoundResource } from './search-resources';
import { smartConfiguration } from './smart-configuration';
import { asSharedWithBackend } from './without-financial-data';

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
  /** Text, bytes, or bytes in pieces to be sent one after the other. */
  body: string | Uint8Array | Uint8Array[] | null;
}

/**
 * What every answer of the API carries besides CORS: JSON is never sniffed as something else,
 * framed, or run as a document that could load anything, and no address of it leaves as a referrer.
 */
const API_PROTECTIONS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, accept, prefer, cache-control',
  'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
  'access-control-expose-headers': 'location, content-location, www-authenticate, etag, last-modified',
  ...API_PROTECTIONS,
};
const MAX_SEARCH_BODY = 16_384;
const MAX_MEMBER_MATCH_BODY = 65_536;

const fhirJson = (body: string | Uint8Array | Uint8Array[], status = 200, extra: Record<string, string> = {}): FhirHttpAnswer => ({
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
  authorization: string | undefined;
}

/**
 * The Patient Access API (FHIR R4), mounted at /fhir by server.ts. Every data request is
 * authorized from scratch (token, grant, app, eligibility) on facts read from the database for it.
 */
export async function handleFhirRequest(request: FhirHttpRequest): Promise<FhirHttpAnswer> {
  const path = request.url.pathname.replace(/^\/fhir/, '').replace(/\/+$/, '') || '/';
  // HEAD is GET without the body (RFC 9110 9.3.2): the same answer, its body left out when sent.
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  try {
    // A CORS preflight, or a client asking what it may do here (RFC 9110 9.3.7): both are answered.
    if (method === 'OPTIONS') return { status: 204, headers: { ...CORS, allow: 'GET, HEAD, POST, OPTIONS' }, body: null };
    const formats = request.url.search.includes('_format') ? request.url.searchParams.getAll('_format') : [];
    if (!acceptsFhirJson(request.header('accept'), formats)) {
      return fhirError(406, 'not-supported', 'This server sends FHIR R4 as JSON only (application/fhir+json); the request asked for another format or FHIR version.');
    }
    if (path === '/metadata' && method === 'GET') return fhirJson(JSON.stringify(capabilityStatement()));
    if (path === '/.well-known/smart-configuration' && method === 'GET') {
      return { status: 200, headers: { 'content-type': 'application/json', ...CORS }, body: JSON.stringify(smartConfiguration()) };
    }
    const segments = path.split('/').filter(Boolean);
    const [resourceType, second] = segments;
    // An operation this server does not offer ($everything, $export…) is a capability it lacks, not
    // a resource that is missing: 501 (RFC 9110 15.6.2). The CapabilityStatement lists $member-match alone.
    const operation = path.includes('$') ? segments.find((s) => s.startsWith('$')) : undefined;
    if (operation && !(resourceType === 'Patient' && second === '$member-match')) {
      return fhirError(501, 'not-supported', `The operation ${operation.slice(0, 64)} is not supported by this server (GET /fhir/metadata lists what is).`);
    }
    // Each resource has one version, which read and vread serve: there is no history to list, of
    // the server, a type or a resource. Like an operation, a capability this server lacks.
    const isVread = segments.length === 4 && segments[2] === '_history';
    if (segments.includes('_history') && !isVread) {
      return fhirError(501, 'not-supported', 'History is not supported by this server: each resource has one version, served by read and by vread (<type>/<id>/_history/1).');
    }
    // Provider Access and Payer-to-Payer (issue 15): SMART backend services clients only.
    if (resourceType === 'Group' || (resourceType === 'Patient' && second === '$member-match')) return await answerBackendOperation(request, method, segments);
    const isSearchPost = method === 'POST' && segments.length === 2 && second === '_search';
    if (method !== 'GET' && !isSearchPost) {
      return fhirError(405, 'not-supported', 'This server only reads and searches.', { allow: 'GET, HEAD, POST, OPTIONS' });
    }
    if (!resourceType || (segments.length > 2 && !isVread)) return fhirError(404, 'not-found', 'Unknown path.');
    if (resourceType === 'RelatedPerson') return await answerRelatedPersonRead(segments, isSearchPost, isVread, request.header('authorization'));
    if (!SERVED_RESOURCE_TYPES.includes(resourceType)) {
      return fhirError(404, 'not-supported', `Resource type ${resourceType} is not served here.`);
    }

    const id = (segments.length === 2 && !isSearchPost) || isVread ? second : null;
    let params = request.url.search;
    if (isSearchPost) params = await searchPostParameters(request);
    const read: FhirRead = {
      resourceType,
      id,
      version: isVread ? segments[3] : null,
      params: id === null ? params : '',
      strict: /handling\s*=\s*strict/i.test(request.header('prefer') ?? ''),
      authorization: request.header('authorization'),
    };
    return await answerFhirRead(read);
  } catch (error) {
    if (!(error instanceof FhirRequestError && error.status === 401)) return errorAnswer(error);
    // Not a member's token: another health plan's or a provider's, reading a member who allows it?
    const backend = await authorizeBackendRequest(request.header('authorization')).catch(() => null);
    if (!backend) return errorAnswer(error);
    return await answerBackendRead(request, method, backend).catch(errorAnswer);
  }
}

/** A refusal as its OperationOutcome (with `WWW-Authenticate` for a token's), or a failure as 503 or 500 without its details. */
function errorAnswer(error: unknown): FhirHttpAnswer {
  if (error instanceof FhirRequestError) {
    const extra: Record<string, string> = {};
    if (error.status === 401) extra['www-authenticate'] = `Bearer realm="${appConfig().fhirBaseUrl}", error="invalid_token"`;
    else if (error.bearerError) extra['www-authenticate'] = `Bearer realm="${appConfig().fhirBaseUrl}", error="${error.bearerError}"`;
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

/**
 * The parameters of a `POST <type>/_search`: those of its URL and of its form body together, which
 * FHIR gives the same meaning (R4 3.1.0.1.1). The body must be a form
 * (application/x-www-form-urlencoded), sent as it is: any other kind, or a compressed body, is
 * refused with a 415 rather than read as no parameters at all, which would answer a search the
 * client did not ask for.
 */
async function searchPostParameters(request: FhirHttpRequest): Promise<string> {
  const type = request.header('content-type')?.split(';')[0].trim().toLowerCase();
  const encoding = request.header('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') throw new FhirRequestError(415, 'not-supported', 'A search body is read as it is sent, not compressed.');
  const body = await request.body(MAX_SEARCH_BODY);
  if (body === null) throw new FhirRequestError(413, 'too-costly', 'The search is too long.');
  if (body !== '' && type !== 'application/x-www-form-urlencoded') {
    throw new FhirRequestError(415, 'not-supported', 'A search body must be a form (Content-Type: application/x-www-form-urlencoded).');
  }
  return [request.url.search.replace(/^\?/, ''), body].filter(Boolean).join('&');
}

/**
 * `GET /Group/<id>` (a provider organization) and `POST /Patient/$member-match` (another health
 * plan). `method` is the request's, HEAD read as GET.
 */
async function answerBackendOperation(request: FhirHttpRequest, method: string, segments: string[]): Promise<FhirHttpAnswer> {
  const access = await authorizeBackendRequest(request.header('authorization'));
  if (!access) {
    // A member's valid token is the wrong kind here, not a dead one: refreshing it would not help.
    // authorizeFhirRequest answers 401 to no token or a dead one.
    await authorizeFhirRequest(request.header('authorization') ?? null);
    throw insufficientScope('A SMART backend services access token is required; a member\'s access token cannot read this.');
  }
  if (segments[0] === 'Group') {
    if (method !== 'GET' || segments.length !== 2 || !FHIR_ID.test(segments[1])) throw new FhirRequestError(404, 'not-found', 'Unknown path.');
    return fhirJson(JSON.stringify(await readProviderAccessGroup(access, segments[1])));
  }
  if (method !== 'POST' || segments.length !== 2) throw new FhirRequestError(405, 'not-supported', '$member-match is POST only.');
  if (!backendScopeAllows(access, 'Patient')) throw insufficientScope('This access token\'s scope does not include Patient ($member-match needs system/Patient.read).');
  // Who may ask before what was sent (memberMatch asks it again, for itself).
  if (access.kind !== 'payer') throw new FhirRequestError(403, 'forbidden', 'Only another health plan may ask for a member match.');
  return fhirJson(JSON.stringify(await memberMatch(access, await memberMatchBody(request))));
}

/**
 * The body of a `$member-match`: FHIR JSON (application/fhir+json or application/json) as it is
 * sent, at most MAX_MEMBER_MATCH_BODY characters. Any other kind, a compressed body or a longer one
 * is refused for what it is (415, 413), not read as a bad Parameters.
 */
async function memberMatchBody(request: FhirHttpRequest): Promise<string> {
  const encoding = request.header('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') throw new FhirRequestError(415, 'not-supported', 'A $member-match body is read as it is sent, not compressed.');
  const body = await request.body(MAX_MEMBER_MATCH_BODY);
  if (body === null) throw new FhirRequestError(413, 'too-costly', 'The $member-match request is too long.');
  const type = request.header('content-type')?.split(';')[0].trim().toLowerCase();
  if (type !== 'application/fhir+json' && type !== 'application/json') {
    throw new FhirRequestError(415, 'not-supported', 'A $member-match body must be FHIR JSON (Content-Type: application/fhir+json).');
  }
  return body;
}

/**
 * `GET RelatedPerson/<id>` (and its vread, `/_history/1`): the `fhirUser` of a representative's
 * id_token (SMART: the signed-in user's resource, which the app may read with the `fhirUser`
 * scope), for the tokens of the approvals that representative made; any other id is not found.
 */
async function answerRelatedPersonRead(segments: string[], isSearchPost: boolean, isVread: boolean, authorization: string | undefined): Promise<FhirHttpAnswer> {
  if ((segments.length !== 2 && !isVread) || isSearchPost) {
    return fhirError(501, 'not-supported', 'RelatedPerson is only read by id: the fhirUser of a representative\'s token.');
  }
  const access = await authorizeFhirRequest(authorization ?? null);
  const [, id, , version] = segments;
  const found = FHIR_ID.test(id) ? await readRelatedPerson(access, id) : null;
  const meta = found?.resource.meta as { versionId?: string; lastUpdated?: string } | undefined;
  if (!found || (isVread && meta?.versionId !== version)) throw new FhirRequestError(404, 'not-found', 'Resource not found.');
  if (!found.fhirUser) throw insufficientScope('This access token\'s scope does not include fhirUser.');
  await recordFhirAccess(access, 'RelatedPerson', 'read', 1);
  return fhirJson(JSON.stringify(found.resource), 200, versionHeaders(meta));
}

/**
 * A SMART backend services client reads a member's data: another health plan (Payer-to-Payer,
 * payerToPayerAccess) or a provider organization (Provider Access, providerAccess), each deciding
 * at this request whether the member allows it, and over which days. Patient, Coverage and
 * ExplanationOfBenefit, each with its system/ scope: searches name the member (`patient=`), and
 * a read or vread by id is decided for the resource's member, answering "not found" for a
 * resource of a member the client may not read, as for one that does not exist. Claims go without
 * their amounts (asSharedWithBackend). `method` is the request's, HEAD read as GET.
 */
async function answerBackendRead(request: FhirHttpRequest, method: string, backend: BackendAccess): Promise<FhirHttpAnswer> {
  const segments = request.url.pathname.replace(/^\/fhir/, '').split('/').filter(Boolean);
  const [resourceType, id] = segments;
  const isVread = segments.length === 4 && segments[2] === '_history';
  if (method !== 'GET' || !BACKEND_READ_TYPES.includes(resourceType) || (segments.length > 2 && !isVread)) {
    throw new FhirRequestError(403, 'forbidden', 'This token may not read that.');
  }
  if (!backendScopeAllows(backend, resourceType)) throw insufficientScope(`This access token's scope does not include ${resourceType}.`);
  const accessTo = backend.kind === 'payer' ? payerToPayerAccess : providerAccess;
  if (id !== undefined) {
    const version = isVread ? segments[3] : null;
    const notFound = () => fhirError(404, 'not-found', `${resourceType}/${id}${version === null ? '' : `/_history/${version}`} was not found.`);
    const patientId = FHIR_ID.test(id) ? await findResourcePatient(resourceType, id) : null;
    if (patientId === null) return notFound();
    const access = await accessTo(backend, patientId).catch((error: unknown) => {
      // A member the client may not read is, to that client, a member with no such resource.
      if (error instanceof FhirRequestError && error.status === 403) return null;
      throw error;
    });
    if (!access) return notFound();
    const answer = await answerFromDatabase({ resourceType, id, version, params: '', strict: false, authorization: undefined }, null, access, asSharedWithBackend);
    return answer.body === null ? notFound() : fhirJson(answer.body, 200, answer.headers);
  }
  const params = new URLSearchParams(request.url.search);
  const named = (resourceType === 'Patient' ? params.get('_id') : null) ?? params.get('patient') ?? params.get('beneficiary') ?? '';
  const patientId = named.replace(/^(.*\/)?Patient\//, '');
  if (!FHIR_ID.test(patientId)) throw new FhirRequestError(400, 'invalid', 'Name the member: patient=<id> (from $member-match, or from your Group).');
  const access = await accessTo(backend, patientId);
  const read: FhirRead = { resourceType, id: null, version: null, params: request.url.search, strict: false, authorization: undefined };
  const answer = await answerFromDatabase(read, null, access, asSharedWithBackend);
  return fhirJson(answer.body!);
}

/**
 * A search page: the token's facts and the page in one statement, decided in JS on those facts,
 * logged (the log row committed) and only then sent. Everything else (reads, _include,
 * _summary=count, and any request whose search cannot be parsed, so that a dead token gets its
 * 401 whatever else is wrong) is decided on the facts first and read after.
 */
async function answerFhirRead(read: FhirRead): Promise<FhirHttpAnswer> {
  const { resourceType } = read;
  let search: ParsedSearch | null = null;
  let page: SearchPage | null = null;
  if (read.id === null) {
    try {
      search = parseSearch(resourceType, readSearchParameters(read.params), read.strict);
      if (!search.summaryCount && search.includes.length === 0) {
        page = await readSearchPage(bearerToken(read.authorization), resourceType, search, calendarDateIn(appClock().now()), appConfig().fhirBaseUrl);
      }
    } catch (error) {
      if (!(error instanceof FhirRequestError)) throw error;
      await authorizeFhirRequest(read.authorization ?? null);
      throw error;
    }
  }
  const access = page ? decideFhirAccess(page.facts) : await authorizeFhirRequest(read.authorization ?? null);
  if (!access.resourceTypes.has(resourceType)) {
    const { notShared } = await explainUnreadableTypes(access, [resourceType]);
    if (notShared.length) throw new FhirRequestError(403, 'forbidden', `The member did not approve sharing ${resourceType} with this app.`);
    throw insufficientScope(`This access token's scope does not include ${resourceType}.`);
  }
  const interaction = read.id === null ? 'search' : 'read';
  if (!scopeAllows(access.scope, resourceType, interaction)) {
    throw insufficientScope(`This token may not ${interaction} ${resourceType}${interaction === 'read' ? ' by id' : ''}.`);
  }
  if (page && search) {
    await recordFhirAccess(access, resourceType, interaction, page.count);
    return fhirJson(searchsetBundle(resourceType, search, page.entries, page.hasMore ? page.last : null));
  }
  if (read.id !== null && !FHIR_ID.test(read.id)) throw new FhirRequestError(404, 'not-found', 'Resource not found.');
  const answer = await answerFromDatabase(read, search, access);
  // A row for the matches, and one for each type an `_include` added: the member's history lists
  // every kind of data the app received.
  await Promise.all([
    recordFhirAccess(access, resourceType, interaction, answer.count),
    ...[...answer.included].map(([type, count]) => recordFhirAccess(access, type, interaction, count)),
  ]);
  if (answer.body === null) return fhirError(404, 'not-found', `${resourceType}/${read.id}${read.version === null ? '' : `/_history/${read.version}`} was not found.`);
  return fhirJson(answer.body, 200, answer.headers);
}

/** An answer from the database: its body, how many resources it holds, and how many an `_include` added, by type. */
interface DatabaseAnswer {
  body: string | Buffer[] | null;
  count: number;
  included: Map<string, number>;
  /** A read's version headers (FHIR R4 3.1.0.3: ETag and Last-Modified from the resource's meta). */
  headers?: Record<string, string>;
}

/**
 * `shape` turns a resource's stored JSON into what this client receives (a backend client's claims
 * without their money); without it, the stored bytes are sent as they are, never parsed.
 */
async function answerFromDatabase(read: FhirRead, parsed: ParsedSearch | null, access: FhirAccess, shape?: (resourceType: string, json: string) => string): Promise<DatabaseAnswer> {
  const { resourceType } = read;
  if (read.id !== null) {
    const found = await readResource(resourceType, read.id, access);
    if (!found) return { body: null, count: 0, included: new Map() };
    const meta = (JSON.parse(found.json) as { meta?: { versionId?: string; lastUpdated?: string } }).meta;
    // Each resource has the one version it was written with (meta.versionId): vread serves that.
    if (read.version !== null && meta?.versionId !== read.version) return { body: null, count: 0, included: new Map() };
    return { body: shape ? shape(resourceType, found.json) : found.json, count: 1, included: new Map(), headers: versionHeaders(meta) };
  }
  const search = parsed ?? parseSearch(resourceType, readSearchParameters(read.params), read.strict);
  if (search.summaryCount) {
    const total = await countResources(resourceType, search, access);
    const self = `${appConfig().fhirBaseUrl}/${resourceType}?${new URLSearchParams([...search.applied, ['_summary', 'count']])}`;
    return { body: JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total, link: [{ relation: 'self', url: self }] }), count: 0, included: new Map() };
  }
  const { matches, hasMore } = await searchResources(resourceType, search, access);
  const withheld = new Set<string>();
  const included = search.includes.length && matches.length ? await findIncludes(matches, search.includes, access, withheld) : [];
  // Left out by the member's choice of categories, or by the token's scope: the warning says which.
  const unreadable = await explainUnreadableTypes(access, [...withheld]);
  const entries: Buffer[] = [];
  const starts = new Map<string, Buffer>();
  const add = (r: FoundResource, mode: 'match' | 'include') => {
    let start = starts.get(r.resourceType);
    if (!start) starts.set(r.resourceType, (start = entryStart(appConfig().fhirBaseUrl, r.resourceType)));
    pushEntry(entries, start, Buffer.from(r.id), Buffer.from(shape ? shape(r.resourceType, r.json) : r.json), mode);
  };
  for (const r of matches) add(r, 'match');
  const includedCounts = new Map<string, number>();
  for (const r of included) {
    add(r, 'include');
    includedCounts.set(r.resourceType, (includedCounts.get(r.resourceType) ?? 0) + 1);
  }
  return { body: searchsetBundle(resourceType, search, entries, hasMore ? (matches.at(-1) ?? null) : null, unreadable), count: matches.length, included: includedCounts };
}

/** `ETag: W/"<versionId>"` and `Last-Modified` (an HTTP date) for what the resource's meta has. */
export function versionHeaders(meta: { versionId?: string; lastUpdated?: string } | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (meta?.versionId && /^[A-Za-z0-9\-.]{1,64}$/.test(meta.versionId)) headers.etag = `W/"${meta.versionId}"`;
  const updated = meta?.lastUpdated ? new Date(meta.lastUpdated) : null;
  if (updated && !Number.isNaN(updated.getTime())) headers['last-modified'] = updated.toUTCString();
  return headers;
}

/**
 * A searchset Bundle around entries that are already JSON bytes (pushEntry), joined as they are;
 * `last` is the last match when another page follows; `withheld`, the types an `_include` pointed
 * to that the member did not share with this app or that the token's scope does not include (left
 * out, and said so in the outcome, each in its own words).
 */
function searchsetBundle(
  resourceType: string,
  search: ParsedSearch,
  parts: Buffer[],
  last: Pick<FoundResource, 'id' | 'serviceDate'> | null,
  withheld: { notShared: string[]; notInScope: string[] } = { notShared: [], notInScope: [] },
): Buffer[] {
  const base = appConfig().fhirBaseUrl;
  // The self link names this page: a next page's has its cursor (and the page size it was read with).
  const selfParams = new URLSearchParams(search.applied);
  if (search.cursor !== null) {
    if (!selfParams.has('_count')) selfParams.set('_count', String(search.count));
    selfParams.set('_cursor', search.cursor);
  }
  let links = `[{"relation":"self","url":${JSON.stringify(`${base}/${resourceType}${selfParams.size ? `?${selfParams}` : ''}`)}}`;
  if (last) {
    const nextParams = new URLSearchParams(search.applied);
    if (!nextParams.has('_count')) nextParams.set('_count', String(search.count));
    nextParams.set('_cursor', encodeCursor(last));
    links += `,{"relation":"next","url":${JSON.stringify(`${base}/${resourceType}?${nextParams}`)}}`;
  }
  links += ']';
  let tail = ']}';
  const issues = [
    ...(search.ignored.length ? operationOutcome('warning', 'not-supported', `Ignored search parameters: ${search.ignored.join(', ')}`).issue : []),
    ...(withheld.notShared.length
      ? operationOutcome('warning', 'suppressed', `Not included: the member did not share ${withheld.notShared.sort().join(', ')} with this app.`).issue
      : []),
    ...(withheld.notInScope.length
      ? operationOutcome('warning', 'suppressed', `Not included: this access token's scope does not include ${withheld.notInScope.sort().join(', ')}.`).issue
      : []),
  ];
  if (issues.length) {
    const outcome = { resourceType: 'OperationOutcome', issue: issues };
    tail = `${parts.length ? ',' : ''}{"resource":${JSON.stringify(outcome)},"search":{"mode":"outcome"}}]}`;
  }
  return [Buffer.from(`{"resourceType":"Bundle","type":"searchset","link":${links},"entry":[`), ...parts, Buffer.from(tail)];
}
