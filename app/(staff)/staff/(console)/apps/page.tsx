import type { Metadata } from 'next';
import { asc } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { requireStaff } from '@/lib/server/staff/require-staff';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'App review' };

/**
 * App review's place in the console, behind apps:review. The review queue and its decisions are
 * the developer portal issue's (issue 12); until then this lists the apps and where each stands.
 */
export default async function AppReviewPage() {
  await requireStaff('apps:review');
  const rows = await (await getDb()).select({ id: apps.id, name: apps.name, developer: apps.developer, status: apps.status, since: apps.statusSince, reason: apps.statusReason }).from(apps).orderBy(asc(apps.name));
  return (
    <div className="space-y-4">
      <h1>App review</h1>
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">Apps and their status</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <th scope="col" className="py-1 pr-3">App</th>
            <th scope="col" className="py-1 pr-3">Developer</th>
            <th scope="col" className="py-1 pr-3">Status</th>
            <th scope="col" className="py-1">Since, and why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((app) => (
            <tr key={app.id} className="border-b border-slate-200 align-top">
              <td className="py-1 pr-3">{app.name}</td>
              <td className="py-1 pr-3">{app.developer}</td>
              <td className="py-1 pr-3">{app.status}</td>
              <td className="py-1">
                {formatCalendarDate(app.since, 'en')}
                {app.reason ? `: ${app.reason}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
