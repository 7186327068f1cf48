import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PAYER } from '@/lib/payer';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('sharing.learn');
  return { title: t('title') };
}

/**
 * The plain-language explanation CMS-0057-F asks for, public (no sign-in): Provider Access (on
 * unless the member opts out) and Payer-to-Payer (off unless the member opts in), and how to choose.
 * The emails sent within a week of coverage start and every year point here.
 */
export default async function SharingExplainedPage() {
  const t = await getTranslations('sharing.learn');
  return (
    <div className="max-w-3xl space-y-8">
      <div className="space-y-2">
        <h1>{t('title')}</h1>
        <p className="text-lg">{t('lead')}</p>
      </div>
      <section aria-labelledby="providers" className="space-y-2">
        <h2 id="providers">{t('providersTitle')}</h2>
        <p>{t('providers1')}</p>
        <p>{t('providers2')}</p>
        <p>{t('providers3')}</p>
        <p className="font-semibold">{t('providersRight')}</p>
      </section>
      <section aria-labelledby="next-plan" className="space-y-2">
        <h2 id="next-plan">{t('nextPlanTitle')}</h2>
        <p>{t('nextPlan1')}</p>
        <p>{t('nextPlan2')}</p>
        <p>{t('nextPlan3')}</p>
        <p className="font-semibold">{t('nextPlanRight')}</p>
      </section>
      <section aria-labelledby="how" className="space-y-2">
        <h2 id="how">{t('howTitle')}</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>{t('how1')}</li>
          <li>{t('how2', { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty })}</li>
          <li>{t('how3')}</li>
        </ul>
        <p>
          <Link href="/account/sharing" className="btn-primary">
            {t('choose')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="apps" className="space-y-2">
        <h2 id="apps">{t('appsTitle')}</h2>
        <p>{t('apps')}</p>
      </section>
    </div>
  );
}
