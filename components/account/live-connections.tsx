'use client';

import { useQuery } from '@tanstack/react-query';
import type { ConnectionsPayload } from '@/lib/schemas/account';
import { ConnectionsView } from './connections-view';
import { fetchConnections, LIVE_POLL_MS, liveErrorKind } from './live-data';

/**
 * The connections list, server-rendered first and then kept fresh (a new "last read" shows up
 * without a reload) by asking the JSON route every 15 seconds.
 */
export function LiveConnections({ initialData }: { initialData: ConnectionsPayload }) {
  const query = useQuery({
    queryKey: ['account', 'connections'],
    queryFn: ({ signal }) => fetchConnections({ signal }),
    initialData,
    staleTime: LIVE_POLL_MS,
    refetchInterval: LIVE_POLL_MS,
  });
  return <ConnectionsView data={query.data} error={liveErrorKind(query.error)} />;
}
