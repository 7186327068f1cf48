'use client';

import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchLiveJson, liveErrorKind, type LiveErrorKind } from '@/components/account/live-data';
import { parseQueuePayload, type QueuePayload } from '@/lib/schemas/staff-queue';
import { Badge } from './staff-section';

/** How often the queue asks again. */
export const QUEUE_POLL_MS = 10_000;

/**
 * The privacy officer's queue, rendered on the server first (it works without JavaScript); with
 * it, new cases and changes by a colleague appear by themselves every few seconds.
 */
export function LiveCaseQueue({ initialData }: { initialData: QueuePayload }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: true } } }));
  return (
    <QueryClientProvider client={client}>
      <PolledQueue initialData={initialData} />
    </QueryClientProvider>
  );
}

function PolledQueue({ initialData }: { initialData: QueuePayload }) {
  const query = useQuery({
    queryKey: ['staff', 'cases', initialData.filter],
    queryFn: ({ signal }) => fetchLiveJson(`/staff/api/cases?filter=${encodeURIComponent(initialData.filter)}`, parseQueuePayload, { signal }),
    initialData,
    staleTime: QUEUE_POLL_MS,
    refetchInterval: QUEUE_POLL_MS,
  });
  return <CaseQueueTable data={query.data} error={liveErrorKind(query.error)} />;
}

const STATUS_TONE = { open: 'caution', in_review: 'neutral', closed: 'ok' } as const;

export function CaseQueueTable({ data, error }: { data: QueuePayload; error: LiveErrorKind | null }) {
  return (
    <div className="space-y-3">
      <div aria-live="polite" aria-atomic="true">
        {error === 'signed-out' ? (
          <p className="rounded-md border-2 border-warning-700 bg-red-50 p-3">
            Your session has ended. <a href="/staff/sign-in?callbackUrl=%2Fstaff%2Fcases">Sign in again</a>.
          </p>
        ) : error ? (
          <p className="rounded-md border border-caution-800 bg-amber-50 p-3">The queue could not update just now; it tries again by itself. What you see may be a little old.</p>
        ) : null}
      </div>
      <p>
        {data.counts.open} new, {data.counts.in_review} investigating, {data.counts.closed} closed.
      </p>
      {data.cases.length === 0 ? (
        <p>No cases here.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Cases, soonest due first</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-1 pr-3">Case</th>
                <th scope="col" className="py-1 pr-3">Kind</th>
                <th scope="col" className="py-1 pr-3">About</th>
                <th scope="col" className="py-1 pr-3">App</th>
                <th scope="col" className="py-1 pr-3">From</th>
                <th scope="col" className="py-1 pr-3">Status</th>
                <th scope="col" className="py-1 pr-3">Owner</th>
                <th scope="col" className="py-1">Due</th>
              </tr>
            </thead>
            <tbody>
              {data.cases.map((c) => (
                <tr key={c.id} className="border-b border-slate-200 align-top">
                  <td className="py-1 pr-3">
                    <a href={c.href}>{c.reference}</a>
                    <span className="block text-slate-700">{c.openedOn}</span>
                  </td>
                  <td className="py-1 pr-3">{c.kind}</td>
                  <td className="py-1 pr-3">{c.about}</td>
                  <td className="py-1 pr-3">{c.app}</td>
                  <td className="py-1 pr-3">{c.reportedBy}</td>
                  <td className="py-1 pr-3">
                    <Badge tone={STATUS_TONE[c.status]}>{c.statusLabel}</Badge>
                  </td>
                  <td className="py-1 pr-3">{c.owner}</td>
                  <td className="py-1">
                    {c.dueOn}
                    {c.overdue ? (
                      <>
                        {' '}
                        <Badge tone="warning">Overdue</Badge>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
