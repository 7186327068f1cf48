'use client';

import { useQuery } from '@tanstack/react-query';
import type { CasesPayload } from '@/lib/schemas/account';
import { CasesView } from './cases-view';
import { fetchCases, LIVE_POLL_MS, liveErrorKind } from './live-data';

/** The member's reports, server-rendered first; a status the privacy officer changes shows up by itself. */
export function LiveCases({ initialData }: { initialData: CasesPayload }) {
  const query = useQuery({
    queryKey: ['account', 'cases'],
    queryFn: ({ signal }) => fetchCases({ signal }),
    initialData,
    staleTime: LIVE_POLL_MS,
    refetchInterval: LIVE_POLL_MS,
  });
  return <CasesView data={query.data} error={liveErrorKind(query.error)} />;
}
