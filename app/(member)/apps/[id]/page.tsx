import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { DeveloperLanguageNote } from '@/components/apps/developer-language-note';
import { NoPrivacyPolicyWarning } from '@/components/apps/no-privacy-policy-warning';
import { PrivacyChecklist, privacyChecklistLabels } from '@/components/apps/privacy-checklist';
import { ExternalLink } from '@/components/ui/external-link';
import { DEVELOPER_TEXT_LANG } from '@/lib/privacy-questions';
import { findGalleryApp } from '@/lib/server/apps/find-gallery-app';
import { notFoundContent } from '@/lib/server/http/page-status';
import AppNotFound from './not-found';

interface AppPageProps {
  params: Promise<{ id: string }>;
}

// Metadata and page read the same app once per request.
const findApp = cache(findGalleryApp);

export async function generateMetadata({ params }: AppPageProps): Promise<Metadata> {
  const app = await findApp((await params).id);
  if (!app) return { title: (await getTranslations('gallery'))('notFoundTitle'), robots: { index: false } };
  return { title: app.name };
}

export default async function AppPage({ params }: AppPageProps) {
  const app = await findApp((await params).id);
  if (!app) return notFoundContent(<AppNotFound />);
  const [t, tPrivacy, locale] = await Promise.all([getTranslations('gallery'), getTranslations('privacy'), getLocale()]);

  return (
    <div className="max-w-3xl space-y-8">
      <p>
        <Link prefetch={false} href="/apps" className="inline-flex min-h-11 items-center gap-1">
          <span aria-hidden="true">←</span> {t('allApps')}
        </Link>
      </p>

      <div className="space-y-3">
        <h1>{app.name}</h1>
        <p className="text-slate-700">{t('madeBy', { developer: app.developer })}</p>
        <DeveloperLanguageNote pageLocale={locale}>{t('summaryInEnglish')}</DeveloperLanguageNote>
        <p className="text-lg" lang={DEVELOPER_TEXT_LANG}>
          {app.summary}
        </p>
        {!app.privacyPolicyUrl && <NoPrivacyPolicyWarning title={t('noPolicyTitle')} body={t('noPolicyBody')} />}
        <ul className="flex flex-col gap-1 [&_a]:inline-flex [&_a]:min-h-11 [&_a]:items-center">
          {app.website && (
            <li>
              <ExternalLink href={app.website}>{t('website')}</ExternalLink>
            </li>
          )}
          {app.privacyPolicyUrl && (
            <li>
              <ExternalLink href={app.privacyPolicyUrl}>{t('privacyPolicy')}</ExternalLink>
            </li>
          )}
          {app.termsUrl ? (
            <li>
              <ExternalLink href={app.termsUrl}>{t('terms')}</ExternalLink>
            </li>
          ) : (
            <li className="py-2.5">{t('noTerms')}</li>
          )}
        </ul>
      </div>

      <section aria-labelledby="privacy-checklist-title" className="space-y-3">
        <h2 id="privacy-checklist-title">{tPrivacy('checklistTitle')}</h2>
        <p>{t('checklistIntro')}</p>
        <PrivacyChecklist answers={app.privacy} labels={privacyChecklistLabels(tPrivacy, locale)} />
      </section>

      <section aria-labelledby="connect-title" className="card space-y-3 border-2 border-brand-700">
        <h2 id="connect-title">{t('connectTitle')}</h2>
        <p>{t('connectBody')}</p>
        {/* A plain link, not next/link: the target is a route handler that starts a connection, so no prefetch or client fetch. */}
        <a href={`/apps/${app.id}/connect`} className="btn-primary w-full sm:w-auto">
          {t('connect')}
        </a>
      </section>
    </div>
  );
}
