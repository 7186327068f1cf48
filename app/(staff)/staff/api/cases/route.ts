import { queueFilterOf } from '@/lib/schemas/staff-queue';
import { listCaseQueue } from '@/lib/server/staff/list-case-queue';
import { staffRoute } from '@/lib/server/staff/require-staff';

export const dynamic = 'force-dynamic';

/** The privacy officer's queue as JSON, for its live view. Polling is not activity: it keeps no session alive. */
export const GET = staffRoute(
  'cases:manage',
  async (request) => Response.json(await listCaseQueue(queueFilterOf(new URL(request.url).searchParams.get('filter'))), { headers: { 'cache-control': 'no-store' } }),
  { activity: false },
);
