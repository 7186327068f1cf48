import { getTranslations } from 'next-intl/server';

/** Someone else's connection, or a wrong link: the same answer, which tells nothing about either. */
export default async function ConnectionNotFound() {
  const t = await getTranslations('account');
  return (
    <div className="max-w-2xl space-y-4">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <p>
        <a href="/account" className="btn-primary">
          {t('backToConnections')}
        </a>
      </p>
    </div>
  );
}
