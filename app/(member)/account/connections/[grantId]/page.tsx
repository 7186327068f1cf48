import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ConnectionCard } from '@/components/account/connection-card';
import { AccessHistoryTable } from '@/components/account/access-history-table';
import { WeeklyReadsChart } from '@/components/account/weekly-reads-chart';
import { appClock } from '@/lib/calendar';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { accountWording } from '@/lib/server/account/account-wording';
import { countWeeklyReads } from '@/lib/server/account/count-weekly-reads';
import { describeConnection, whoseInformationNote } from '@/lib/server/account/describe-connections';
import { categoryOfResourceType } from '@/lib/server/account/describe-resource-type';
import { formatDateAndTime } from '@/lib/server/account/format-date-time';
import { listGrantAccess } from '@/lib/server/account/list-grant-access';
import { findAccountConnection } from '@/lib/server/account/list-account-connections';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { AccountFrame } from '../../account-frame';
import { notFoundContent } from '@/lib/server/http/page-status';
import { dateTimeFormatIn } from '@/lib/i18n/date-time-format-in';
import ConnectionNotFound from './not-found';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ grantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const account = await loadSignedInAccount();
  const connection = account ? await findAccountConnection(account.scope, (await params).grantId) : null;
  const t = await getTranslations('account');
  return { title: connection ? t('historyTitle', { app: connection.appName }) : t('notFoundTitle') };
}

/** One connection and everything its app read: a chart of reads per week and every read, newest first. */
export default async function ConnectionHistoryPage({ params, searchParams }: Props) {
  const { grantId } = await params;
  const query = await searchParams;
  const account = await loadSignedInAccount();
  if (!account) redirect('/account');
  const { scope } = account;
  // Another member's grant id is simply not found: the scope is in the query's WHERE clause.
  const connection = await findAccountConnection(scope, grantId);
  if (!connection) return notFoundContent(<ConnectionNotFound />);
  const t = await getTranslations('account');
  const wording = await accountWording();
  const { locale } = wording;
  const page = Number(typeof query.page === 'string' && /^\d{1,6}$/.test(query.page) ? query.page : 1);
  const history = await listGrantAccess(scope, grantId, { page });
  const now = appClock().now();
  // A connection that ran out ended at the midnight after its last day: the chart's last week is the one holding that day.
  const endedAt = connection.revokedAt ?? (connection.expiresAt < now ? new Date(connection.expiresAt.getTime() - 1) : now);
  const weeks = history.total > 0 ? await countWeeklyReads(scope, grantId, { from: connection.createdAt, to: endedAt }) : [];
  const totalReads = weeks.reduce((sum, w) => sum + w.reads, 0);
  const busiest = weeks.reduce((best, w) => (w.reads > best.reads ? w : best), weeks[0] ?? { reads: 0, weekStart: '' });
  const shortDate = dateTimeFormatIn(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const view = describeConnection(connection, scope, wording);
  const changed = typeof query.changed === 'string' && connection.state === 'active';
  const canOpen = connection.state === 'active' && Boolean(connection.appLaunchUrl);

  return (
    <AccountFrame scope={scope} current={null} title={t('historyTitle', { app: connection.appName })}>
      <p>
        <a href="/account" className="inline-flex min-h-11 items-center">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToConnections')}
        </a>
      </p>
      {changed ? (
        <div role="status" className="space-y-2 rounded-md border-2 border-ok-700 bg-green-50 p-4">
          <p className="font-semibold">{t('flashChanged', { app: connection.appName })}</p>
          <p>{whoseInformationNote('flashChangedMore', connection, scope, wording)}</p>
          {canOpen ? (
            <p>
              <a href={`/account/connections/${connection.grantId}/open`} className="btn-primary">
                {t('openApp', { app: connection.appName })}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <ul>
        <ConnectionCard connection={view} headingLevel={2} showHistoryLink={false} />
      </ul>
      <section aria-labelledby="history-title" className="space-y-6">
        <div className="space-y-2">
          <h2 id="history-title">{t('historyHeading')}</h2>
          <p className="max-w-3xl">{t('historyLead', { app: connection.appName })}</p>
        </div>
        {history.total === 0 ? (
          <p className="rounded-md bg-slate-100 p-4">{t('noReads', { app: connection.appName })}</p>
        ) : (
          <>
            <WeeklyReadsChart
              title={t('chartTitle')}
              summary={t('chartSummary', {
                reads: totalReads,
                weeks: weeks.length,
                week: formatCalendarDate(busiest.weekStart, locale),
                max: busiest.reads,
              })}
              bars={weeks.map((w) => ({
                short: shortDate.format(new Date(`${w.weekStart}T12:00:00Z`)),
                label: t('weekOf', { date: formatCalendarDate(w.weekStart, locale) }),
                reads: w.reads,
                records: w.records,
              }))}
              labels={{ week: t('chartWeek'), reads: t('chartReads'), records: t('chartRecords'), showTable: t('chartShowTable') }}
            />
            <AccessHistoryTable
              caption={t('tableCaption', { page: history.page, pages: history.pageCount })}
              labels={{ when: t('colWhen'), what: t('colWhat'), records: t('colRecords') }}
              rows={history.rows.map((row, index) => {
                const category = categoryOfResourceType(row.resourceType);
                return {
                  key: `${row.at.toISOString()}-${index}`,
                  at: row.at.toISOString(),
                  ...formatDateAndTime(row.at, locale),
                  what: category ? wording.categoryName(category) : t('otherData'),
                  how: t(row.interaction === 'read' ? 'interactionRead' : 'interactionSearch'),
                  records: row.count,
                };
              })}
              paging={{
                label: t('pagingLabel'),
                newer: history.page > 1 ? { href: `/account/connections/${grantId}?page=${history.page - 1}`, label: t('newerReads') } : null,
                older: history.page < history.pageCount ? { href: `/account/connections/${grantId}?page=${history.page + 1}`, label: t('olderReads') } : null,
                position: t('pageOf', { page: history.page, pages: history.pageCount }),
              }}
            />
          </>
        )}
      </section>
    </AccountFrame>
  );
}
