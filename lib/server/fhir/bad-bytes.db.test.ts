import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';
import { signInStaffWithPassword } from '@/lib/server/staff/sign-in-staff-with-password';

// Finding 6 of issue 10: bad bytes in any FHIR parameter (NUL, other control characters, broken
// percent-encoding, lone surrogates inside a paging cursor, overlong values) are the client's
// mistake: a 400 OperationOutcome, never a 500.

const MARIA = '100000000001';
let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub();
  ({ tokens: { access_token: token } } = await hub.launch({ memberId: MARIA, scope: 'launch/patient openid patient/*.rs' }));
}, 120_000);
afterAll(async () => hub?.close());

const cursorOf = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(`${hub.fhirBase}/${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('bad bytes in FHIR parameters', () => {
  const queries = [
    'Patient?_id=%00',
    'Patient?identifier=%00',
    'ExplanationOfBenefit?identifier=a%00b',
    'ExplanationOfBenefit?_id=%01',
    'ExplanationOfBenefit?type=%00',
    'Coverage?patient=%00',
    'Coverage?beneficiary=Patient/%00',
    'ExplanationOfBenefit?service-date=2020%00',
    'ExplanationOfBenefit?_lastUpdated=ge2020-01-01T00:00:00%00',
    'MedicationKnowledge?code=%00',
    'ExplanationOfBenefit?_include=%00',
    'ExplanationOfBenefit?%00=1',
    'ExplanationOfBenefit?_count=%00',
    'ExplanationOfBenefit?_summary=%00',
    // Broken UTF-8: a lone continuation byte, an overlong NUL, an encoded lone surrogate, a bare %.
    'Patient?_id=%80',
    'Patient?identifier=%C0%80',
    'Patient?identifier=%ED%A0%80',
    'Patient?identifier=%E0%A4%A',
    // Overlong values.
    `Patient?identifier=${'a'.repeat(5000)}`,
    `ExplanationOfBenefit?_id=${'a,'.repeat(3000)}`,
    // Cursors holding NUL, a lone surrogate, a day that does not exist, something else entirely.
    `ExplanationOfBenefit?_cursor=${cursorOf({ d: '2020-01-01', i: 'a\u0000b' })}`,
    `ExplanationOfBenefit?_cursor=${cursorOf('{"d":null,"i":"\\ud800"}')}`,
    `Coverage?_cursor=${cursorOf({ d: null, i: '\u0000' })}`,
    `ExplanationOfBenefit?_cursor=${cursorOf({ d: '2020-13-45', i: 'x' })}`,
    `ExplanationOfBenefit?_cursor=${cursorOf({ d: '2020-01-01', i: 'x'.repeat(500) })}`,
    'ExplanationOfBenefit?_cursor=%00',
  ];
  for (const query of queries) {
    it(`answers ${query.slice(0, 80)} with a 400 OperationOutcome`, async () => {
      const { status, body } = await get(query);
      expect(status).toBe(400);
      expect(body.resourceType).toBe('OperationOutcome');
    });
  }

  it('reads the same rules in a POST _search body', async () => {
    for (const form of ['_id=%00', 'identifier=%C0%80', `identifier=${'b'.repeat(5000)}`]) {
      const { status, body } = await get('ExplanationOfBenefit/_search', { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(status, form).toBe(400);
      expect(body.resourceType).toBe('OperationOutcome');
    }
  });

  it('answers a read by an id holding bad bytes with a 404, not a 500', async () => {
    for (const path of ['Patient/%00', 'ExplanationOfBenefit/a%00b', 'Patient/%ED%A0%80', 'Patient/x/_history/%00']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('serves a date at the ends of the calendar (year 9999, year 1, a time zone past either), never a 500', async () => {
    const edges = ['le9999', 'gt9999', 'sa9999-12-31', 'eb0001', 'lt0001-01-01T05:00:00%2B14:00', 'ge9999-12-31T23:30:00-05:00', 'eq9999-12-31T23:59:59Z', 'ne9999'];
    const searches = edges.flatMap((edge) => [
      `Patient?_lastUpdated=${edge}`, `Coverage?_lastUpdated=${edge}`, `ExplanationOfBenefit?_lastUpdated=${edge}`, `Organization?_lastUpdated=${edge}`,
      `ExplanationOfBenefit?service-date=${edge}`, `ExplanationOfBenefit?service-start-date=${edge}`, `ExplanationOfBenefit?billable-period-start=${edge}`,
    ]);
    for (const search of searches) {
      const { status, body } = await get(search);
      expect(status, `${search}: ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
      expect(body.resourceType, search).toBe('Bundle');
    }
    // What they match: everything up to the end of 9999, nothing after it.
    const all = (await get('ExplanationOfBenefit?_count=500')).body.entry.length;
    expect((await get('ExplanationOfBenefit?_count=500&_lastUpdated=le9999')).body.entry).toHaveLength(all);
    expect((await get('ExplanationOfBenefit?_count=500&service-date=le9999')).body.entry).toHaveLength(all);
    expect((await get('ExplanationOfBenefit?_lastUpdated=gt9999')).body.entry).toEqual([]);
  });

  it('still serves good parameters, tabs and all, and still answers an unknown id with nothing', async () => {
    expect((await get('Patient?_id=not-a-patient')).body.entry).toEqual([]);
    expect((await get('Patient?identifier=%09')).status).toBe(200);
    expect((await get('ExplanationOfBenefit?identifier=caf%C3%A9')).status).toBe(200);
  });
});

describe('what a search asks, read as FHIR reads it', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const post = (path: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = form) => get(path, { method: 'POST', body, headers });

  it('refuses a _count that is not a whole number in digits: empty, hex, an exponent, a fraction, a sign', async () => {
    for (const count of ['', '0x10', '1e3', '1.5', '-1', '+5', ' 5', '١٠']) {
      const { status, body } = await get(`ExplanationOfBenefit?_count=${encodeURIComponent(count)}`);
      expect(status, JSON.stringify(count)).toBe(400);
      expect(body.resourceType).toBe('OperationOutcome');
    }
    expect((await get('ExplanationOfBenefit?_count=007')).body.entry).toHaveLength(7);
  });

  it('reads the parameters of a POST _search from its URL and its body together', async () => {
    const counted = await post('ExplanationOfBenefit/_search?_summary=count', 'type=oral');
    expect(counted.status).toBe(200);
    expect(counted.body.entry).toBeUndefined();
    const oral = (await get('ExplanationOfBenefit?type=oral&_count=200')).body.entry.length;
    expect(counted.body.total).toBe(oral);
    expect((await post('ExplanationOfBenefit/_search?type=oral', '_count=200')).body.entry).toHaveLength(oral);
  });

  it('refuses a POST _search body that is not a form, is compressed, or is not UTF-8, instead of searching without it', async () => {
    for (const [name, headers, body, status] of [
      ['JSON', { 'content-type': 'application/json' }, '{"_id":"nope"}', 415],
      ['text', { 'content-type': 'text/plain' }, '_id=nope', 415],
      ['no type', {}, '_id=nope', 415],
      ['gzip', { ...form, 'content-encoding': 'gzip' }, '_id=nope', 415],
      ['Latin-1 bytes', form, Uint8Array.from([0x5f, 0x69, 0x64, 0x3d, 0xe9]), 400],
    ] as const) {
      const answer = await post('ExplanationOfBenefit/_search', body, headers);
      expect(answer.status, name).toBe(status);
      expect(answer.body.resourceType, name).toBe('OperationOutcome');
    }
    // An empty body with no type is a search by the URL alone.
    expect((await post('ExplanationOfBenefit/_search?_id=nope', '', {})).body.entry).toEqual([]);
  });

  it('answers HEAD wherever it answers GET, with the same status and headers and no body', async () => {
    for (const path of ['metadata', 'Patient', 'ExplanationOfBenefit?_count=5', 'Patient/not-a-patient', 'Nope']) {
      const [head, full] = await Promise.all(
        ['HEAD', 'GET'].map((method) => fetch(`${hub.fhirBase}/${path}`, { method, headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } })),
      );
      expect(head.status, path).toBe(full.status);
      expect(head.headers.get('content-type'), path).toBe(full.headers.get('content-type'));
      expect(await head.text(), path).toBe('');
      await full.arrayBuffer();
    }
  });
});

describe('bad bytes at the authorization server and the pages', () => {
  it('answers 400 before the authorization server or a page reads them', async () => {
    for (const path of ['/oauth/auth?client_id=%00&response_type=code', '/oauth/auth?client_id=blue-button-explorer&state=%C0%80', '/account/connections/%00', '/apps?q=a%00']) {
      const response = await fetch(`${hub.url}${path}`, { redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.status, path).toBe(400);
    }
  });
});

describe('what every answer carries, the API’s, the authorization server’s and the parser’s alike', () => {
  it('has nosniff and frame protection on FHIR and OAuth answers, errors included', async () => {
    const paths = [
      `${hub.fhirBase}/metadata`, `${hub.fhirBase}/.well-known/smart-configuration`, `${hub.fhirBase}/Patient`, `${hub.fhirBase}/Nope`,
      `${hub.url}/oauth/jwks`, `${hub.url}/oauth/auth?client_id=nope`, `${hub.url}/.well-known/security.txt`,
    ];
    for (const url of paths) {
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), url).toBe('DENY');
      expect(response.headers.get('referrer-policy'), url).toBeTruthy();
    }
    const fhir = await fetch(`${hub.fhirBase}/Patient`);
    await fhir.arrayBuffer();
    expect(fhir.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('answers headers over Node’s 16 kB limit with a 431 that has the same protections, not a bare status line', async () => {
    const response = await fetch(`${hub.fhirBase}/metadata`, { headers: { 'x-padding': 'a'.repeat(20_000) } });
    expect(response.status).toBe(431);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).toContain('La solicitud era demasiado grande');
  });
});

describe('bad bytes in what the authorization server and the staff sign-in read from a body or a header', () => {
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${hub.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, redirect: 'manual' });
    return { status: response.status, body: await response.text() };
  };
  const basic = (id: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:secret`).toString('base64')}`;

  it('answers a client id, code, refresh token or token holding NUL or broken Unicode as not found (a 4xx), never a 500', async () => {
    const redirect = encodeURIComponent('http://127.0.0.1:8765/callback');
    const answers = [
      await post('/oauth/token', `grant_type=authorization_code&code=abc&redirect_uri=${redirect}&code_verifier=${'a'.repeat(43)}&client_id=a%00b`),
      await post('/oauth/token', `grant_type=authorization_code&code=abc&redirect_uri=${redirect}&code_verifier=${'a'.repeat(43)}&client_id=%ED%A0%80`),
      await post('/oauth/token', 'grant_type=client_credentials', { authorization: basic('a\u0000b') }),
      await post('/oauth/token', `grant_type=authorization_code&code=a%00b&redirect_uri=${redirect}&code_verifier=${'a'.repeat(43)}&client_id=blue-button-explorer`),
      await post('/oauth/token', 'grant_type=refresh_token&refresh_token=%00&client_id=blue-button-explorer'),
      await post('/oauth/token/revocation', 'token=a%00b&client_id=blue-button-explorer'),
      await post('/oauth/token/introspection', 'token=a%00b&client_id=blue-button-explorer'),
      await post('/oauth/auth', 'client_id=a%00b&response_type=code&scope=openid'),
    ];
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `${i}: ${answer.body.slice(0, 200)}`).toBeLessThan(500);
      expect(answer.body, String(i)).not.toMatch(/server_error|stack|at \w+ \(/);
    }
    // The client-id cases are an unknown client, as for any other unknown id.
    expect(answers[0]!.status).toBe(401);
    expect(JSON.parse(answers[0]!.body).error).toBe('invalid_client');
    expect(JSON.parse(answers[3]!.body).error).toBe('invalid_grant');
  });

  it('answers a staff username holding NUL as a wrong username, not a database error', async () => {
    for (const username of ['a\u0000b', '\u0000', 'x\uD800y']) {
      await expect(signInStaffWithPassword({ username, password: 'whatever', networkKey: 'test-network' })).resolves.toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
