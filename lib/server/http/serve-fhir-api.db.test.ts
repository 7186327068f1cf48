import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';
import { MIN_COMPRESSED_BYTES } from './serve-fhir-api';

// The FHIR API's answers in the encoding the app's Accept-Encoding takes (Brotli first among
// equals, else gzip), byte for byte the same JSON once decoded; as they are for a client that
// takes none. Read with Node's own http client, which decodes nothing.

const MARIA = '100000000001';
let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub();
  token = (await hub.launch({ memberId: MARIA })).tokens.access_token;
}, 120_000);
afterAll(async () => hub?.close());

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

function request(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${hub.fhirBase}/${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const decoded = (raw: Raw) =>
  raw.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(raw.bytes) : raw.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw.bytes) : raw.bytes;

const PAGE = 'ExplanationOfBenefit?_count=50';
const auth = () => ({ authorization: `Bearer ${token}` });

describe('OPTIONS', () => {
  it('says which methods the API takes, for a CORS preflight and for a client asking', async () => {
    const answer = await request('ExplanationOfBenefit', { origin: 'https://app.example', 'access-control-request-method': 'GET' }, 'OPTIONS');
    expect(answer.status).toBe(204);
    expect(answer.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(answer.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, OPTIONS');
  });

  it('sends no HSTS from a site on plain http (a browser would not keep it, and a local demo must not pin https)', async () => {
    const answer = await request('metadata', {});
    expect(answer.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('FHIR answers compressed as the client asks', () => {
  it('sends a search page in Brotli or gzip as accepted, the same bytes once decoded, with its length and Vary', async () => {
    const plain = await request(PAGE, auth());
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.bytes.length).toBeGreaterThan(MIN_COMPRESSED_BYTES);
    expect(Number(plain.headers['content-length'])).toBe(plain.bytes.length);
    const cases: [string, string | undefined][] = [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['BR', 'br'],
      ['*', 'br'],
      ['deflate', undefined],
      ['identity', undefined],
      ['br;q=0, gzip;q=0', undefined],
      ['', undefined],
    ];
    for (const [accept, expected] of cases) {
      const raw = await request(PAGE, { ...auth(), 'accept-encoding': accept });
      expect(raw.status, accept).toBe(200);
      expect(raw.headers['content-encoding'], accept).toBe(expected);
      expect(raw.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(Number(raw.headers['content-length']), accept).toBe(raw.bytes.length);
      expect(decoded(raw).equals(plain.bytes), accept).toBe(true);
      if (expected) expect(raw.bytes.length * 5, accept).toBeLessThan(plain.bytes.length);
    }
  });

  it('compresses a search sent as a form (POST _search), a read and the CapabilityStatement', async () => {
    const posted = await request('ExplanationOfBenefit/_search', { ...auth(), 'accept-encoding': 'gzip', 'content-type': 'application/x-www-form-urlencoded' }, 'POST', '_count=10');
    expect(posted.status).toBe(200);
    expect(posted.headers['content-encoding']).toBe('gzip');
    expect((JSON.parse(decoded(posted).toString()) as { resourceType: string }).resourceType).toBe('Bundle');
    const patientId = (JSON.parse(decoded(posted).toString()) as { entry: { resource: { patient: { reference: string } } }[] }).entry[0].resource.patient.reference;
    const read = await request(patientId, { ...auth(), 'accept-encoding': 'br' });
    const plainRead = await request(patientId, auth());
    expect(read.status).toBe(200);
    expect(decoded(read).equals(plainRead.bytes)).toBe(true);
    expect(read.headers['content-encoding']).toBe(plainRead.bytes.length >= MIN_COMPRESSED_BYTES ? 'br' : undefined);
    const metadata = await request('metadata', { 'accept-encoding': 'br' });
    expect(metadata.status).toBe(200);
    expect(metadata.headers['content-encoding']).toBe('br');
    expect((JSON.parse(decoded(metadata).toString()) as { resourceType: string }).resourceType).toBe('CapabilityStatement');
  });

  it('sends a small answer as it is: an error, a count', async () => {
    const refused = await request(PAGE, { 'accept-encoding': 'br, gzip' });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect((JSON.parse(refused.bytes.toString()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    const count = await request('ExplanationOfBenefit?_summary=count', { ...auth(), 'accept-encoding': 'br, gzip' });
    expect(count.status).toBe(200);
    expect(count.bytes.length).toBeLessThan(MIN_COMPRESSED_BYTES);
    expect(count.headers['content-encoding']).toBeUndefined();
    expect((JSON.parse(count.bytes.toString()) as { total: number }).total).toBeGreaterThan(0);
  });
});

describe('FHIR answers only in the format they are asked for', () => {
  it('answers 406 with an OperationOutcome to a request for XML, Turtle or another FHIR version, by Accept or _format', async () => {
    for (const [path, headers] of [
      ['Patient', { accept: 'application/fhir+xml' }],
      [PAGE, { accept: 'application/fhir+json; fhirVersion=3.0' }],
      ['metadata', { accept: 'text/turtle' }],
      ['Patient?_format=xml', {}],
      ['metadata?_format=application/fhir%2Bxml', {}],
    ] as const) {
      const answer = await request(path, { ...auth(), ...headers });
      expect(answer.status, path).toBe(406);
      expect(answer.headers['content-type'], path).toContain('application/fhir+json');
      const outcome = JSON.parse(answer.bytes.toString('utf8'));
      expect(outcome.resourceType, path).toBe('OperationOutcome');
      expect(outcome.issue[0].code, path).toBe('not-supported');
    }
  });

  it('answers JSON to every way of asking for it', async () => {
    for (const [path, headers] of [
      ['Patient', { accept: 'application/fhir+json' }],
      ['Patient', { accept: 'application/json' }],
      ['Patient', { accept: 'application/fhir+json; fhirVersion=4.0' }],
      ['Patient', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }],
      ['Patient?_format=json', {}],
      ['Patient?_format=application/fhir+json', {}],
      ['metadata?_format=application/json', { accept: '*/*' }],
    ] as const) {
      const answer = await request(path, { ...auth(), ...headers });
      expect(answer.status, path).toBe(200);
    }
  });
});
