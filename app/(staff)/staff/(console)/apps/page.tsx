import type { Metadata } from 'next';
import Link from 'next/link';
import { formatCalendarDate, formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { listAppsForReview } from '@/lib/server/apps/list-apps-for-review';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { StaffForbidden } from '@/components/staff/staff-forbidden';
import { STATUS_LABELS } from './status-labels';

export const dynamic = 'force-dynamic';
export const generateMetadata = (): Promise<Metadata> => staffPageMetadata('apps:review', 'App review');

/** The app reviewers' queue: requests waiting for a decision, oldest first; every app on request. */
export default async function AppReviewQueuePage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  if (!(await staffWithPermission('apps:review'))) return <StaffForbidden />;
  const showAll = (await searchParams).show === 'all';
  const apps = await listAppsForReview(showAll ? 'all' : 'waiting');
  return (
    <div className="space-y-6">
      <h1>App review</h1>
      <p className="max-w-3xl">
        Decide on objective security criteria only, always with a criterion from the list. The developer’s privacy answers are shown to members and are never a reason
        to deny or suspend an app; you may mark them so members look twice.
      </p>
      <nav aria-label="Which apps">
        <ul className="flex gap-4">
          <li>
            <Link href="/staff/apps" aria-current={showAll ? undefined : 'page'} className="inline-flex min-h-11 items-center aria-[current=page]:font-semibold">
              Waiting for review
            </Link>
          </li>
          <li>
            <Link href="/staff/apps?show=all" aria-current={showAll ? 'page' : undefined} className="inline-flex min-h-11 items-center aria-[current=page]:font-semibold">
              All apps
            </Link>
          </li>
        </ul>
      </nav>
      {apps.length === 0 ? (
        <p role="status">No request and no changed privacy answers are waiting for review.</p>
      ) : (
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{showAll ? 'All apps' : 'Requests waiting for review'}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">
                App
              </th>
              <th scope="col" className="py-2 pr-4">
                Developer
              </th>
              <th scope="col" className="py-2 pr-4">
                Status
              </th>
              <th scope="col" className="py-2">
                Sent
              </th>
            </tr>
          </thead>
          <tbody>
            {apps.map((app) => (
              <tr key={app.id} className="border-b border-slate-300 align-top">
                <td className="py-2 pr-4">
                  <Link href={`/staff/apps/${app.id}`} className="inline-flex min-h-11 items-center">
                    {app.name}
                  </Link>
                </td>
                <td className="py-2 pr-4">
                  {app.developer}
                  {app.contactEmail ? <span className="block text-sm text-slate-700">{app.contactEmail}</span> : null}
                </td>
                <td className="py-2 pr-4">
                  {STATUS_LABELS[app.status]} <span className="block text-sm text-slate-700">since {formatCalendarDate(app.statusSince, 'en')}</span>
                  {app.privacyToReview ? (
                    <span className="block text-sm font-semibold text-caution-800">
                      Privacy answers changed {formatInstantDate(app.privacyToReview.changedAt, 'en')}: read them again
                    </span>
                  ) : null}
                </td>
                <td className="py-2">{app.submittedAt ? formatInstantDate(app.submittedAt, 'en') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
