import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function HomePage() {
  const t = await getTranslations('home');
  const ts = await getTranslations('sharing');
  const steps = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6'] as const;
  const what = ['what1', 'what2', 'what3', 'what4', 'what5'] as const;
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1>{t('title')}</h1>
        <p className="max-w-3xl text-lg">{t('lead')}</p>
        <div className="flex flex-wrap gap-3">
          <Link href="/apps" className="btn-primary">
            {t('cta')}
          </Link>
          <Link href="/account" className="btn-secondary">
            {t('accountCta')}
          </Link>
        </div>
        <p>
          <Link href="/account/sharing">{ts('homeLink')}</Link>
        </p>
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <section className="card space-y-3" aria-labelledby="what-title">
          <h2 id="what-title">{t('whatTitle')}</h2>
          <ul className="list-disc space-y-1 pl-6">
            {what.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
          <p>{t('whatYears')}</p>
        </section>
        <section className="card space-y-3" aria-labelledby="how-title">
          <h2 id="how-title">{t('howTitle')}</h2>
          <ol className="list-decimal space-y-1 pl-6">
            {steps.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ol>
        </section>
        <section className="card space-y-3" aria-labelledby="who-title">
          <h2 id="who-title">{t('whoTitle')}</h2>
          <ul className="list-disc space-y-1 pl-6">
            <li>{t('who1')}</li>
            <li>{t('who2')}</li>
            <li>{t('who3')}</li>
          </ul>
        </section>
        <section className="card space-y-3 border-caution-800 bg-amber-50" aria-labelledby="care-title">
          <h2 id="care-title">{t('careTitle')}</h2>
          <p>{t('care')}</p>
        </section>
      </div>
    </div>
  );
}
