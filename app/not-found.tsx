import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

/** The page's title says what it shows (WCAG 2.4.2), in the member's language. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('notFoundTitle') };
}

export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <div className="space-y-4">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      {/* A plain link: from a missing page under /staff the root layout (its header, lang) must be drawn again for the member site. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
      <a href="/" className="btn-primary">
        {t('backHome')}
      </a>
    </div>
  );
}
