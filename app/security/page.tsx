import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PAYER } from '@/lib/payer';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('security');
  return { title: t('title') };
}

/** The vulnerability disclosure policy that /.well-known/security.txt points to. */
export default async function SecurityPolicyPage() {
  const t = await getTranslations('security');
  return (
    <div className="max-w-3xl space-y-8">
      <div className="space-y-2">
        <h1>{t('title')}</h1>
        <p className="text-lg">{t('lead')}</p>
      </div>
      <section aria-labelledby="how" className="space-y-2">
        <h2 id="how">{t('howTitle')}</h2>
        <p>{t.rich('how', {
            address: PAYER.securityEmail,
            email: (chunks) => (
              <a href={`mailto:${PAYER.securityEmail}`} className="break-all">
                {chunks}
              </a>
            ),
          })}</p>
      </section>
      <section aria-labelledby="rules" className="space-y-2">
        <h2 id="rules">{t('rulesTitle')}</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>{t('ruleDemo')}</li>
          <li>{t('ruleData')}</li>
          <li>{t('ruleService')}</li>
          <li>{t('ruleTime')}</li>
        </ul>
      </section>
      <section aria-labelledby="promise" className="space-y-2">
        <h2 id="promise">{t('promiseTitle')}</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>{t('promiseReply')}</li>
          <li>{t('promiseLegal')}</li>
          <li>{t('promiseCredit')}</li>
        </ul>
      </section>
      <p className="text-sm text-slate-700">{t('fileNote')}</p>
    </div>
  );
}
