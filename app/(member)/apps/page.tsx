import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { DeveloperLanguageNote } from '@/components/apps/developer-language-note';
import { GalleryAppCard } from '@/components/apps/gallery-app-card';
import { GallerySearchForm } from '@/components/apps/gallery-search-form';
import { ExternalLink } from '@/components/ui/external-link';
import { PAYER } from '@/lib/payer';
import { galleryLastUpdated, listGalleryApps, MAX_GALLERY_QUERY_LENGTH } from '@/lib/server/apps/list-gallery-apps';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('gallery');
  return { title: t('title') };
}

interface GalleryPageProps {
  searchParams: Promise<{ q?: string | string[] }>;
}

export default async function GalleryPage({ searchParams }: GalleryPageProps) {
  const { q } = await searchParams;
  const query = (Array.isArray(q) ? q[0] : q)?.trim().slice(0, MAX_GALLERY_QUERY_LENGTH) ?? '';
  const [t, tl, format, locale, apps, lastUpdated] = await Promise.all([
    getTranslations('gallery'),
    getTranslations('appListing'),
    getFormatter(),
    getLocale(),
    listGalleryApps(query),
    galleryLastUpdated(),
  ]);

  return (
    <div className="space-y-8">
      <div className="max-w-3xl space-y-3">
        <h1>{t('title')}</h1>
        <p className="text-lg">{t('intro')}</p>
        <p>{t('review')}</p>
        {lastUpdated && (
          <p className="text-slate-700">
            {t.rich('lastUpdated', {
              // Noon UTC is the same calendar day in Boston, so the payer's time zone cannot shift it.
              date: format.dateTime(new Date(`${lastUpdated}T12:00:00Z`), { dateStyle: 'long' }),
              time: (chunks) => <time dateTime={lastUpdated}>{chunks}</time>,
            })}
          </p>
        )}
      </div>

      <GallerySearchForm
        query={query}
        maxLength={MAX_GALLERY_QUERY_LENGTH}
        labels={{ label: t('searchLabel'), hint: t('searchHint'), button: t('searchButton') }}
      />

      <section aria-labelledby="gallery-list-title" className="space-y-4">
        <h2 id="gallery-list-title">{t('listTitle')}</h2>
        <div role="status" className="empty:hidden">
          {query && (
            <p className="flex flex-wrap items-center gap-x-4 gap-y-1">
              <span className="font-semibold">{apps.length > 0 ? t('resultCount', { count: apps.length, query }) : t('noMatch', { query })}</span>
              {apps.length > 0 && (
                <Link prefetch={false} href="/apps" className="inline-flex min-h-11 items-center">
                  {t('clearSearch')}
                </Link>
              )}
            </p>
          )}
        </div>
        {apps.length > 0 ? <DeveloperLanguageNote pageLocale={locale}>{t('summariesInEnglish')}</DeveloperLanguageNote> : null}
        {apps.length > 0 ? (
          <ul className="grid gap-4 sm:grid-cols-2">
            {apps.map((app) => (
              <GalleryAppCard key={app.id} app={app} madeBy={t('madeBy', { developer: app.developer })} noPolicyNote={t('noPolicyNote')} />
            ))}
          </ul>
        ) : query ? (
          <div className="space-y-3">
            <p>{t('noMatchHelp')}</p>
            <Link prefetch={false} href="/apps" className="btn-secondary">
              {t('showAll')}
            </Link>
          </div>
        ) : (
          <p>{t('noApps')}</p>
        )}
      </section>

      <section aria-labelledby="gallery-not-listed" className="card max-w-3xl space-y-3 bg-brand-50">
        <h2 id="gallery-not-listed">{t('notListedTitle')}</h2>
        <p>{t('notListed')}</p>
        <p>{tl('askLead')}</p>
        <ol className="list-decimal space-y-1 pl-6">
          <li>{tl('askStep1')}</li>
          <li>{tl('askStep2', { payer: PAYER.name })}</li>
          <li>{tl('askStep3')}</li>
        </ol>
        <p>{tl('carin')}</p>
        <ul className="flex flex-col gap-1 [&_a]:inline-flex [&_a]:min-h-11 [&_a]:items-center">
          <li>
            <ExternalLink href={PAYER.carinAppListUrl}>{tl('carinLink')}</ExternalLink>
          </li>
          <li>
            <Link prefetch={false} href="/developers">{tl('developersLink')}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
