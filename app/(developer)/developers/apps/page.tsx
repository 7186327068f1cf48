import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatCalendarDate, formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { listDeveloperApps } from '@/lib/server/developers/list-developer-apps';
import { loadSignedInDeveloper } from '@/lib/server/developers/load-signed-in-developer';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('developers'))('apps.title') };
}

/** The signed-in developer's own connection requests (the query is scoped to them). */
export default async function DeveloperAppsPage() {
  const developer = await loadSignedInDeveloper();
  if (!developer) redirect('/developers/sign-in');
  const [t, locale, apps] = await Promise.all([getTranslations('developers'), getLocale(), listDeveloperApps(developer.id)]);
  return (
    <div className="space-y-6">
      <h1>{t('apps.title')}</h1>
      <p className="text-lg">{t('apps.lead')}</p>
      <p>
        <Link href="/developers/apps/new" className="btn-primary">
          {t('apps.request')}
        </Link>
      </p>
      {apps.length === 0 ? (
        <p>{t('apps.none')}</p>
      ) : (
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{t('apps.tableCaption')}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">
                {t('apps.name')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('apps.status')}
              </th>
              <th scope="col" className="py-2">
                {t('apps.since')}
              </th>
            </tr>
          </thead>
          <tbody>
            {apps.map((app) => (
              <tr key={app.id} className="border-b border-slate-300">
                <td className="py-2 pr-4">
                  <Link href={`/developers/apps/${app.id}`} className="inline-flex min-h-11 items-center">
                    {app.name}
                  </Link>
                  {app.submittedAt ? <span className="block text-sm text-slate-700">{t('apps.submitted', { date: formatInstantDate(app.submittedAt, locale) })}</span> : null}
                </td>
                <td className="py-2 pr-4">{t(`status.${app.status}`)}</td>
                <td className="py-2">{formatCalendarDate(app.statusSince, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
