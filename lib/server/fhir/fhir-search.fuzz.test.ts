import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFuzz, badText, percentEncode, showsStackTrace } from '@/lib/testing/fuzz/bad-input';
import { changedTables, databaseFingerprint } from '@/lib/testing/fuzz/database-fingerprint';
import { setLogSink } from '@/lib/server/log/logger';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';
import { RESULT_PARAMETERS, SEARCH_PARAMETERS } from './search-parameters';

// Every search parameter the CapabilityStatement announces, and every result parameter, fed odd
// values (seeded, bounded) through the real HTTP handler with a valid token: each answer is a
// Bundle or a 4xx OperationOutcome, never a 500, never a stack trace, and a refused search leaves
// the database exactly as it was.

const MARIA = '100000000001';
const RUNS_PER_PARAMETER = 3;
const MIXED_RUNS = 80;

let hub: TestHub;
let token: string;
let searchable: [string, string[]][];
// Log lines at level error (a request that failed inside the server): there must be none.
const errorLines: string[] = [];
let restoreLog: (() => void) | undefined;
let lastLine = '';

beforeAll(async () => {
  restoreLog = setLogSink((line, level) => {
    lastLine = line;
    if (level === 'error') errorLines.push(line);
  });
  hub = await startTestHub();
  token = (await hub.launch({ memberId: MARIA })).tokens.access_token;
  const metadata = await (await fetch(`${hub.fhirBase}/metadata`)).json();
  searchable = metadata.rest[0].resource.filter((r: { searchParam?: unknown }) => r.searchParam).map((r: { type: string; searchParam?: { name: string }[]; searchInclude?: string[] }) => [
    r.type,
    [...(r.searchParam ?? []).map((p) => p.name), ...(r.searchInclude?.length ? ['_include', '_include:iterate'] : []), ...RESULT_PARAMETERS],
  ]);
}, 180_000);
afterAll(async () => {
  await hub?.close();
  restoreLog?.();
});

interface Probe {
  type: string;
  method: 'GET' | 'POST';
  pairs: [string, string | null][];
  strict: boolean;
}

function queryOf(pairs: Probe['pairs']): string {
  return pairs.map(([name, value]) => (value === null ? percentEncode(name) : `${percentEncode(name)}=${percentEncode(value)}`)).join('&');
}

let cases = 0;
// Past this a URL meets Node's 16 kB header limit (431); a client sends a long search as POST _search.
const LONGEST_GET = 8_000;

async function probe({ type, method: asked, pairs, strict }: Probe): Promise<void> {
  cases++;
  const query = queryOf(pairs);
  const method = query.length > LONGEST_GET ? 'POST' : asked;
  const before = await databaseFingerprint(hub.db);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/fhir+json' };
  if (strict) headers.prefer = 'handling=strict';
  const response = await (method === 'GET'
    ? fetch(`${hub.fhirBase}/${type}?${query}`, { headers })
    : fetch(`${hub.fhirBase}/${type}/_search`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: query })
  ).catch((error: Error & { cause?: { code?: string; message?: string } }) => {
    throw new Error(`${method} ${type}?${query.slice(0, 300)}: no answer (${error.cause?.code ?? ''} ${error.cause?.message ?? error.message})`);
  });
  const body = await response.text();
  const where = `${method} ${type}?${query.slice(0, 300)} → ${response.status} ${body.slice(0, 300)}`;
  expect(response.status, where).toBeLessThan(500);
  expect(showsStackTrace(body), where).toBe(false);
  if (response.status === 200) {
    expect(JSON.parse(body).resourceType, where).toBe('Bundle');
    return;
  }
  expect(response.status, where).toBeGreaterThanOrEqual(400);
  const outcome = JSON.parse(body);
  expect(outcome.resourceType, where).toBe('OperationOutcome');
  expect(outcome.issue?.[0]?.diagnostics, where).toEqual(expect.any(String));
  expect(changedTables(before, await databaseFingerprint(hub.db)), where).toEqual([]);
}

const MODIFIERS = ['', '', '', ':exact', ':missing', ':iterate', ':', ':not', '::'];

describe('request ids', () => {
  it('answers every request with an x-request-id of its own (no proxy is trusted here, so never the caller’s), and logs under it', async () => {
    const idOf = async (sent?: string) => {
      const response = await fetch(`${hub.fhirBase}/metadata`, { headers: sent === undefined ? {} : { 'x-request-id': sent } });
      await response.arrayBuffer();
      await new Promise((r) => setTimeout(r, 20)); // the access line is written on 'finish'
      const id = response.headers.get('x-request-id') ?? '';
      expect(JSON.parse(lastLine)).toMatchObject({ event: 'http.request', requestId: id, path: '/fhir/metadata' });
      return id;
    };
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(await idOf()).toMatch(uuid);
    for (const garbled of ['lb-7f3a9c21', '100000000001', 'x'.repeat(500), 'a b c d e f', '<script>x</script>', 'short']) expect(await idOf(garbled)).toMatch(uuid);
  });
});

describe('FHIR search parameters under odd input', () => {
  it('covers every search parameter the server declares', () => {
    expect(Object.fromEntries(searchable.map(([t, params]) => [t, params.filter((p) => !RESULT_PARAMETERS.includes(p) && p !== '_include:iterate')]))).toEqual(
      Object.fromEntries(Object.entries(SEARCH_PARAMETERS).map(([t, params]) => [t, [...params.filter((p) => p !== '_include'), ...(params.includes('_include') ? ['_include'] : [])]])),
    );
  });

  it('answers each parameter of each type with a Bundle or a 4xx OperationOutcome', async () => {
    const started = Date.now();
    for (const [type, params] of searchable) {
      for (const name of params) {
        await assertFuzz(
          fc.asyncProperty(badText, fc.boolean(), fc.constantFrom<'GET' | 'POST'>('GET', 'POST'), async (value, strict, method) => probe({ type, method, pairs: [[name, value]], strict })),
          RUNS_PER_PARAMETER,
        );
      }
    }
    console.log(`[fuzz] FHIR: ${cases} single-parameter searches in ${Date.now() - started} ms`);
  }, 120_000);

  it('answers repeated, missing, valueless and unknown parameters, mixed, the same way', async () => {
    const started = Date.now();
    const before = cases;
    const mixed = fc.constantFrom(...searchable).chain(([type, params]) =>
      fc.record({
        type: fc.constant(type),
        method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
        strict: fc.boolean(),
        pairs: fc.array(
          fc.tuple(
            fc.oneof({ weight: 4, arbitrary: fc.tuple(fc.constantFrom(...params), fc.constantFrom(...MODIFIERS)).map(([p, m]) => p + m) }, { weight: 1, arbitrary: badText }),
            fc.option(badText, { nil: null, freq: 6 }),
          ),
          { minLength: 0, maxLength: 6 },
        ),
      }),
    );
    // A parameter repeated many times, as a query string or a form body would carry it.
    const repeated = fc.constantFrom(...searchable).chain(([type, params]) =>
      fc.record({
        type: fc.constant(type),
        method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
        strict: fc.boolean(),
        pairs: fc.tuple(fc.constantFrom(...params), badText, fc.integer({ min: 2, max: 300 })).map(([p, v, n]) => Array.from({ length: n }, (): [string, string] => [p, v])),
      }),
    );
    await assertFuzz(fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: mixed }, { weight: 1, arbitrary: repeated }), probe), MIXED_RUNS);
    console.log(`[fuzz] FHIR: ${cases - before} mixed searches in ${Date.now() - started} ms`);
    expect(errorLines).toEqual([]);
  }, 120_000);
});
