import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Unknown, pending, denied and suspended apps alike: the member is sent back to the apps they can choose. */
export default async function AppNotFound() {
  const t = await getTranslations('gallery');
  return (
    <div className="max-w-3xl space-y-4">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <Link href="/apps" className="btn-primary">
        {t('notFoundLink')}
      </Link>
    </div>
  );
}
