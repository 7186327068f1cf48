import type { Metadata } from 'next';
import Link from 'next/link';
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
      <Link href="/" className="btn-primary">
        {t('backHome')}
      </Link>
    </div>
  );
}
