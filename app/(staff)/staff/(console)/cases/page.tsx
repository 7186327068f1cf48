import type { Metadata } from 'next';
import { LiveCaseQueue } from '@/components/staff/live-case-queue';
import { QUEUE_FILTERS, queueFilterOf, type QueueFilter } from '@/lib/schemas/staff-queue';
import { listCaseQueue } from '@/lib/server/staff/list-case-queue';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { StaffForbidden } from '@/components/staff/staff-forbidden';

export const dynamic = 'force-dynamic';
export const generateMetadata = (): Promise<Metadata> => staffPageMetadata('cases:manage', 'Privacy queue');

const FILTER_LABELS: Record<QueueFilter, string> = { active: 'Not closed', open: 'New', in_review: 'Investigating', closed: 'Closed', all: 'All' };

/** Reports from members, cases from customer service and flags on staff lookups, in one queue. */
export default async function CaseQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await staffWithPermission('cases:manage'))) return <StaffForbidden />;
  const filter = queueFilterOf((await searchParams).filter);
  return (
    <div className="space-y-4">
      <h1>Privacy queue</h1>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="filter" className="block font-semibold">
            Show
          </label>
          <select id="filter" name="filter" defaultValue={filter} className="field-input">
            {QUEUE_FILTERS.map((f) => (
              <option key={f} value={f}>
                {FILTER_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Show
        </button>
      </form>
      <LiveCaseQueue initialData={await listCaseQueue(filter)} />
    </div>
  );
}
