import { QueryClient, QueryClientProvider, QueryObserver } from '@tanstack/react-query';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '@/lib/i18n/load-messages';
import type { CasesPayload, ConnectionsPayload } from '@/lib/schemas/account';
import { CasesView } from './cases-view';
import { ConnectionsView } from './connections-view';
import { CASES_PATH, CONNECTIONS_PATH, fetchCases, fetchConnections, LiveDataError, liveErrorKind, type LiveErrorKind } from './live-data';
import { LiveConnections } from './live-connections';

const ORIGIN = 'http://hub.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const CONNECTIONS: ConnectionsPayload = {
  forRepresentative: false,
  members: [
    {
      memberId: '100000000001',
      heading: 'Your connections',
      current: [
        {
          grantId: '0b0c5f7e-6a52-4c4e-9f8e-1d2c3b4a5f60',
          appName: 'Blue Button Explorer',
          linkName: 'Blue Button Explorer',
          state: 'active',
          categories: ['Personal information', 'Claims and visits'],
          sensitive: 'Not shared',
          years: 'January 1, 2016 to today',
          approvedBy: 'You',
          approvedOn: 'November 23, 2026',
          endsOn: 'February 21, 2027',
          lastRead: 'November 23, 2026 at 9:41 AM',
          lastReadAt: '2026-11-23T14:41:00.000Z',
          note: null,
        },
      ],
      past: [],
    },
  ],
};

const CASES: CasesPayload = {
  cases: [{ id: 'c1', reference: 'AB12CD34', appName: 'CareCompass', kind: 'Suspected breach', status: 'in_review', statusLabel: 'Being looked into', reportedOn: 'November 2, 2026' }],
};

const options = { baseUrl: ORIGIN, timeoutMs: 200 };

async function kindOf(promise: Promise<unknown>): Promise<LiveErrorKind | 'no error'> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(LiveDataError);
    return (error as LiveDataError).kind;
  }
}

describe('fetching the live parts', () => {
  it('reads a well-formed answer', async () => {
    server.use(http.get(`${ORIGIN}${CONNECTIONS_PATH}`, () => HttpResponse.json(CONNECTIONS)));
    server.use(http.get(`${ORIGIN}${CASES_PATH}`, () => HttpResponse.json({ ...CASES, extra: 'ignored' })));
    expect(await fetchConnections(options)).toEqual(CONNECTIONS);
    expect(await fetchCases(options)).toEqual(CASES);
  });

  it('gives up on a slow answer and says so', async () => {
    server.use(http.get(`${ORIGIN}${CONNECTIONS_PATH}`, async () => {
      await delay(1_000);
      return HttpResponse.json(CONNECTIONS);
    }));
    expect(await kindOf(fetchConnections(options))).toBe('slow');
  });

  it('tells a failing server and a broken network apart from a bad answer', async () => {
    server.use(http.get(`${ORIGIN}${CONNECTIONS_PATH}`, () => new HttpResponse('oops', { status: 503 })));
    expect(await kindOf(fetchConnections(options))).toBe('failed');
    server.use(http.get(`${ORIGIN}${CONNECTIONS_PATH}`, () => HttpResponse.error()));
    expect(await kindOf(fetchConnections(options))).toBe('failed');
  });

  it('refuses a malformed answer: not JSON, or JSON of the wrong shape', async () => {
    server.use(http.get(`${ORIGIN}${CONNECTIONS_PATH}`, () => new HttpResponse('<html>Gateway</html>', { headers: { 'content-type': 'application/json' } })));
    expect(await kindOf(fetchConnections(options))).toBe('malformed');
    const broken = structuredClone(CONNECTIONS) as unknown as { members: { current: { lastRead: unknown }[] }[] };
    broken.members[0].current[0].lastRead = 42;
    server.use(http.get(`${ORIGIN}${CONNECTIONS_PATH}`, () => HttpResponse.json(broken)));
    expect(await kindOf(fetchConnections(options))).toBe('malformed');
    server.use(http.get(`${ORIGIN}${CASES_PATH}`, () => HttpResponse.json({ cases: [{ ...CASES.cases[0], status: 'lost' }] })));
    expect(await kindOf(fetchCases(options))).toBe('malformed');
    server.use(http.get(`${ORIGIN}${CASES_PATH}`, () => HttpResponse.json(null)));
    expect(await kindOf(fetchCases(options))).toBe('malformed');
  });

  it('recognises a session that ended', async () => {
    server.use(http.get(`${ORIGIN}${CASES_PATH}`, () => HttpResponse.json({ error: 'signed-out' }, { status: 401 })));
    expect(await kindOf(fetchCases(options))).toBe('signed-out');
  });

  it('keeps what is on screen when a poll fails, with the reason to show', async () => {
    server.use(http.get(`${ORIGIN}${CONNECTIONS_PATH}`, () => new HttpResponse('{"members":', { status: 200 })));
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const observer = new QueryObserver(client, { queryKey: ['account', 'connections'], queryFn: () => fetchConnections(options), initialData: CONNECTIONS });
    const result = await observer.refetch();
    expect(result.data).toEqual(CONNECTIONS);
    expect(liveErrorKind(result.error)).toBe('malformed');
    expect(liveErrorKind(new Error('anything else'))).toBe('failed');
    expect(liveErrorKind(null)).toBeNull();
    client.clear();
  });
});

const messages = loadMessages('en');
const render = (node: ReactNode) =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale="en" messages={messages} timeZone="America/New_York">
      {node}
    </NextIntlClientProvider>,
  );

describe('what the member sees', () => {
  it('the server-rendered list, complete before any script runs', () => {
    const client = new QueryClient();
    const html = render(
      <QueryClientProvider client={client}>
        <LiveConnections initialData={CONNECTIONS} />
      </QueryClientProvider>,
    );
    expect(html).toContain('Blue Button Explorer');
    expect(html).toContain('Personal information, Claims and visits');
    expect(html).toContain('<time dateTime="2026-11-23T14:41:00.000Z">November 23, 2026 at 9:41 AM</time>');
    expect(html).toContain('href="/account/connections/0b0c5f7e-6a52-4c4e-9f8e-1d2c3b4a5f60/stop"');
    expect(html).not.toContain('out of date');
  });

  it.each([
    ['slow', 'taking longer than usual'],
    ['failed', 'could not update this list'],
    ['malformed', 'could not read'],
    ['signed-out', 'You were signed out'],
  ] as const)('a %s answer: a clear message, and the list stays', (kind, words) => {
    const html = render(<ConnectionsView data={CONNECTIONS} error={kind} />);
    expect(html).toContain(words);
    expect(html).toContain('Blue Button Explorer');
    expect(render(<CasesView data={CASES} error={kind} />)).toContain(words);
  });

  it('each report with its status in words', () => {
    const html = render(<CasesView data={CASES} error={null} />);
    expect(html).toContain('Being looked into');
    expect(html).toContain('Reference AB12CD34');
    expect(render(<CasesView data={{ cases: [] }} error={null} />)).toContain('You have not reported a problem.');
  });
});
