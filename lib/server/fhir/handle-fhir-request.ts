import 'server-only';
import { randomUUID } from 'node:crypto';
import { appConfig } from '@/lib/server/config/app-config';
import { SERVED_RESOURCE_TYPES, scopeAllows } from '@/lib/server/smart/smart-scopes';
import { authorizeFhirRequest } from './authorize-fhir-request';
import { capabilityStatement } from './capability-statement';
import { FHIR_JSON, FhirRequestError, fhirError, operationOutcome } from './operation-outcome';
import { recordFhirAccess } from './record-fhir-access';
import { parseSearch } from './search-parameters';
import { countResources, encodeCursor, findIncludes, readResource, searchResources, type FoundResource } from './search-resources';
import { smartConfiguration } from './smart-configuration';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, accept, prefer',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'location, content-location, www-authenticate',
};
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

function json(body: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': FHIR_JSON, 'cache-control': 'no-store', ...CORS, ...extra } });
}

/**
 * The Patient Access API (FHIR R4) as one function from Request to Response, mounted at /fhir by
 * server.ts. Every data request is authorized from scratch (token, grant, app, eligibility).
 */
export async function handleFhirRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/fhir/, '').replace(/\/+$/, '') || '/';
  try {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
    if (path === '/metadata' && request.method === 'GET') return json(capabilityStatement());
    if (path === '/.well-known/smart-configuration' && request.method === 'GET') {
      return new Response(JSON.stringify(smartConfiguration()), { headers: { 'content-type': 'application/json', ...CORS } });
    }
    const segments = path.split('/').filter(Boolean);
    const [resourceType, second] = segments;
    const isSearchPost = request.method === 'POST' && segments.length === 2 && second === '_search';
    if (request.method !== 'GET' && !isSearchPost) {
      return fhirError(405, 'not-supported', 'This server only reads and searches.', { allow: 'GET, POST', ...CORS });
    }
    if (!resourceType || segments.length > 2) return fhirError(404, 'not-found', 'Unknown path.', CORS);
    if (!SERVED_RESOURCE_TYPES.includes(resourceType)) {
      return fhirError(404, 'not-supported', `Resource type ${resourceType} is not served here.`, CORS);
    }

    const access = await authorizeFhirRequest(request.headers.get('authorization'));
    if (!access.resourceTypes.has(resourceType)) {
      throw new FhirRequestError(403, 'forbidden', `The member did not approve sharing ${resourceType} with this app.`);
    }

    if (segments.length === 2 && !isSearchPost) {
      if (!scopeAllows(access.scope, resourceType, 'read')) throw new FhirRequestError(403, 'forbidden', `This token may not read ${resourceType} by id.`);
      if (!ID.test(second)) return fhirError(404, 'not-found', 'Resource not found.', CORS);
      const found = await readResource(resourceType, second, access);
      await recordFhirAccess(access.grantId, resourceType, 'read', found ? 1 : 0);
      if (!found) return fhirError(404, 'not-found', `${resourceType}/${second} was not found.`, CORS);
      return new Response(found.json, { headers: { 'content-type': FHIR_JSON, 'cache-control': 'no-store', ...CORS } });
    }

    if (!scopeAllows(access.scope, resourceType, 'search')) throw new FhirRequestError(403, 'forbidden', `This token may not search ${resourceType}.`);
    const body = isSearchPost ? await request.text() : '';
    if (body.length > 16_384) throw new FhirRequestError(413, 'too-costly', 'The search is too long.');
    const params = isSearchPost ? new URLSearchParams(body) : url.searchParams;
    const strict = /handling\s*=\s*strict/i.test(request.headers.get('prefer') ?? '');
    const search = parseSearch(resourceType, params, strict);
    if (search.summaryCount) {
      const total = await countResources(resourceType, search, access);
      await recordFhirAccess(access.grantId, resourceType, 'search', 0);
      return json({ resourceType: 'Bundle', type: 'searchset', total, link: [{ relation: 'self', url: `${appConfig().fhirBaseUrl}/${resourceType}?${new URLSearchParams([...search.applied, ['_summary', 'count']])}` }] });
    }
    const { matches, hasMore } = await searchResources(resourceType, search, access);
    const included = search.includes.length && matches.length ? await findIncludes(matches, search.includes, access) : [];
    await recordFhirAccess(access.grantId, resourceType, 'search', matches.length);
    return new Response(searchsetBundle(resourceType, search, matches, included, hasMore), {
      headers: { 'content-type': FHIR_JSON, 'cache-control': 'no-store', ...CORS },
    });
  } catch (error) {
    if (error instanceof FhirRequestError) {
      const extra: Record<string, string> = { ...CORS };
      if (error.status === 401) extra['www-authenticate'] = `Bearer realm="${appConfig().fhirBaseUrl}", error="invalid_token"`;
      return fhirError(error.status, error.issueCode, error.message, extra);
    }
    const requestId = randomUUID();
    // The error's message can hold SQL parameters (a patient id, a token): log its kind only.
    const code = (error as { code?: string; cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
    console.error(`[fhir] request ${requestId} failed: ${error instanceof Error ? error.name : 'error'}${code ? ` (${code})` : ''}`);
    return fhirError(500, 'exception', `The server could not answer this request (reference ${requestId}).`, CORS);
  }
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
