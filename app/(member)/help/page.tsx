import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { RepresentativesPolicy } from '@/components/help/representatives-policy';
import { LanguageAccessNotices } from '@/components/layout/language-access-notices';
import { ExternalLink } from '@/components/ui/external-link';
import { PAYER } from '@/lib/payer';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('help');
  return { title: t('title') };
}

export default async function HelpPage() {
  const t = await getTranslations('help');
  const locale = (await getLocale()) as 'en' | 'es';
  return (
    <div className="max-w-3xl space-y-8">
      <div className="space-y-2">
        <h1>{t('title')}</h1>
        <p className="text-lg">{t('lead')}</p>
      </div>
      <section aria-labelledby="hipaa" className="space-y-2">
        <h2 id="hipaa">{t('hipaaTitle')}</h2>
        <p>{t('hipaa')}</p>
        <p>
          <ExternalLink href={PAYER.hipaaRightsUrl}>{t('hipaaLink')}</ExternalLink>
        </p>
      </section>
      <section aria-labelledby="ocr" className="space-y-2">
        <h2 id="ocr">{t('ocrTitle')}</h2>
        <p>{t('ocr')}</p>
        <p>
          <ExternalLink href={PAYER.ocrComplaintUrl}>{t('ocrLink')}</ExternalLink>
        </p>
        <p>
          {t('ocrMail')} <span className="block" lang="en">{PAYER.ocrAddress}</span>
        </p>
      </section>
      <section aria-labelledby="apps" className="space-y-2">
        <h2 id="apps">{t('appsTitle')}</h2>
        <p>{t('apps')}</p>
      </section>
      <section aria-labelledby="ftc" className="space-y-2">
        <h2 id="ftc">{t('ftcTitle')}</h2>
        <p>{t('ftc')}</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <ExternalLink href={PAYER.ftcComplaintUrl}>{t('ftcLink')}</ExternalLink>
          </li>
          <li>
            <ExternalLink href={PAYER.ftcAppPrivacyUrl}>{t('ftcPrivacyLink')}</ExternalLink>
          </li>
        </ul>
        <p>
          {t('ftcMail')} <span className="block" lang="en">{PAYER.ftcAddress}</span>
        </p>
      </section>
      <section aria-labelledby="breach" className="space-y-2">
        <h2 id="breach">{t('breachTitle')}</h2>
        <p>{t('breach')}</p>
      </section>
      <section aria-labelledby="stop" className="space-y-2">
        <h2 id="stop">{t('stopTitle')}</h2>
        <p>{t('stop')}</p>
      </section>
      <RepresentativesPolicy />
      <section aria-labelledby="records" className="space-y-2">
        <h2 id="records">{t('recordsTitle')}</h2>
        <p>{t('records')}</p>
        <p>
          <ExternalLink href={PAYER.recordsRequestUrl}>{t('recordsLink')}</ExternalLink>
        </p>
      </section>
      <section aria-labelledby="contact" className="card space-y-2">
        <h2 id="contact">{t('contactTitle')}</h2>
        <p>{t('contactPhone', { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty })}</p>
        <p>{t('contactHours', { hours: PAYER.customerServiceHours[locale] })}</p>
      </section>
      <LanguageAccessNotices id="help-language-access" />
    </div>
  );
}
