import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { networkKey } from './network-key';
import { routeRequests } from './route-request';

// Finding 5 of issue 10: per-network rate limits count per network address. The address is the
// socket's, unless a configured trusted proxy (TRUST_PROXY) added X-Forwarded-For; then it is the
// right-most hop that is not a trusted proxy. What a client writes in the header counts for nothing.

// The headers a page or an action sees (next/headers) are the ones the router handed to Next.js.
let seen: http.IncomingHttpHeaders = {};
vi.mock('next/headers', () => ({ headers: async () => new Headers(Object.entries(seen).map(([k, v]): [string, string] => [k, String(v)])) }));

let server: http.Server;
let port: number;

function start() {
  const provider = { callback: () => () => {} } as unknown as Provider;
  server = http.createServer(
    routeRequests({
      provider,
      publicUrl: 'http://localhost',
      ui: (req, res) => {
        seen = req.headers;
        res.end();
      },
    }),
  );
  return new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

beforeAll(async () => {
  await start();
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  delete process.env.TRUST_PROXY;
});

/** The network key of one request to a page, from a given local address and with given headers. */
async function keyOf({ from = '127.0.0.1', forwardedFor, requestId }: { from?: string; forwardedFor?: string; requestId?: string } = {}) {
  await new Promise<void>((resolve, reject) => {
    const headers = { ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}), ...(requestId ? { 'x-request-id': requestId } : {}) };
    const req = http.request({ host: '127.0.0.1', port, path: '/account', localAddress: from, headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
  return networkKey();
}

async function restartWith(trustProxy: string) {
  process.env.TRUST_PROXY = trustProxy;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await start();
  port = (server.address() as AddressInfo).port;
}

describe('the network key rate limits count per', () => {
  it('is the socket address without a trusted proxy: a rotated X-Forwarded-For changes nothing', async () => {
    const keys = new Set([await keyOf(), await keyOf({ forwardedFor: '198.51.100.1' }), await keyOf({ forwardedFor: '198.51.100.2, 198.51.100.3' })]);
    expect([...keys]).toEqual(['127.0.0.1']);
  });

  it('tells two clients apart without a proxy (no shared bucket anyone could fill for everyone)', async () => {
    expect(await keyOf({ from: '127.0.0.2' })).not.toBe(await keyOf({ from: '127.0.0.3' }));
  });

  it('is the hop the trusted proxy saw with TRUST_PROXY=1, whatever the client wrote before it', async () => {
    await restartWith('1');
    expect(await keyOf({ forwardedFor: '198.51.100.1, 203.0.113.9' })).toBe('203.0.113.9');
    expect(await keyOf({ forwardedFor: '198.51.100.2, 203.0.113.9' })).toBe('203.0.113.9');
  });

  it('is the right-most untrusted hop with TRUST_PROXY as addresses', async () => {
    await restartWith('127.0.0.1, 10.0.0.0/8');
    expect(await keyOf({ forwardedFor: '198.51.100.1, 203.0.113.9, 10.1.2.3' })).toBe('203.0.113.9');
    // The socket itself is not a trusted proxy: its header is not believed.
    expect(await keyOf({ from: '127.0.0.2', forwardedFor: '203.0.113.9' })).toBe('127.0.0.2');
  });
});

describe('the request id a request is logged under', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const idFor = async (options: { from?: string; requestId: string }) => {
    await keyOf(options);
    return String(seen['x-request-id']);
  };

  it('is never a client’s own: a member ID or a name in X-Request-Id would reach every log line', async () => {
    await restartWith('');
    for (const requestId of ['100000000001', 'Maria-Santos-19840312', 'lb-7f3a9c21']) expect(await idFor({ requestId })).toMatch(UUID);
  });

  it('is a trusted proxy’s, and only from that proxy', async () => {
    await restartWith('127.0.0.1');
    expect(await idFor({ requestId: 'lb-7f3a9c21' })).toBe('lb-7f3a9c21');
    expect(await idFor({ from: '127.0.0.2', requestId: 'lb-7f3a9c21' })).toMatch(UUID);
    await restartWith('1');
    expect(await idFor({ requestId: 'proxy-0a1b2c3d' })).toBe('proxy-0a1b2c3d');
  });
});
