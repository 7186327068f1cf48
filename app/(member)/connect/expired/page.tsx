import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('connect'))('expiredTitle') };
}

export default async function ExpiredFlow() {
  const t = await getTranslations('connect');
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1>{t('expiredTitle')}</h1>
      <p>{t('expiredBody')}</p>
      <Link href="/apps" className="btn-primary">
        {t('backToApps')}
      </Link>
    </div>
  );
}
