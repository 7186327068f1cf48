import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// The routes that send the browser on to another page of the hub, called as Next.js calls them
// behind a proxy: the request's URL is the instance's own (localhost and its port), while the
// public address (PUBLIC_URL) is another. Every Location must be on the public address.

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string | { name: string }) => void jar.delete(typeof name === 'string' ? name : name.name),
  }),
  headers: async () => new Headers({ 'x-request-id': 'test-request' }),
}));
vi.mock('next-intl/server', async (original) => ({ ...(await original<object>()), getLocale: async () => 'en' }));

const PUBLIC = 'https://hub.example.org';
const INSTANCE = 'http://localhost:3401';
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ publicUrl: PUBLIC });
}, 120_000);
afterAll(async () => hub?.close());

const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

describe('redirects behind a proxy', () => {
  it('send the browser to the public address, never to the instance the request reached', async () => {
    const consent = await import('@/app/(member)/consent/[uid]/route');
    const connect = await import('@/app/(member)/apps/[id]/connect/route');
    const open = await import('@/app/(member)/account/connections/[grantId]/open/route');
    const returnRoute = await import('@/app/(member)/connect/[flowId]/return/route');
    const locations = [
      (await consent.GET(new NextRequest(`${INSTANCE}/consent/not-a-real-interaction`), params({ uid: 'not-a-real-interaction' }))).headers.get('location'),
      (await connect.GET(new NextRequest(`${INSTANCE}/apps/no-such-app/connect`), params({ id: 'no-such-app' }))).headers.get('location'),
      (await connect.GET(new NextRequest(`${INSTANCE}/apps/carecompass/connect`), params({ id: 'carecompass' }))).headers.get('location'),
      (await open.GET(new NextRequest(`${INSTANCE}/account/connections/x/open`), params({ grantId: 'x' }))).headers.get('location'),
      (await returnRoute.POST(new NextRequest(`${INSTANCE}/connect/x/return`, { method: 'POST' }), params({ flowId: 'x' }))).headers.get('location'),
    ];
    expect(locations.slice(0, 2)).toEqual([`${PUBLIC}/connect/expired`, `${PUBLIC}/apps`]);
    expect(locations[2]).toMatch(new RegExp(`^${PUBLIC}/connect/[\\w-]+/privacy$`));
    expect(locations.slice(3)).toEqual([`${PUBLIC}/account`, `${PUBLIC}/connect/expired`]);
  });
});

describe('a site on https', () => {
  it('tells browsers to use only https on every answer: the authorization server, the FHIR API, the rest', async () => {
    for (const path of ['/oauth/.well-known/openid-configuration', '/fhir/metadata', '/fhir/Patient/x', '/.well-known/security.txt', '/no-page']) {
      const response = await fetch(`${hub.ownUrl}${path}`);
      expect(response.headers.get('strict-transport-security'), path).toBe('max-age=63072000; includeSubDomains');
    }
  });
});
