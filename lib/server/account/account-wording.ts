import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/locales';
import { customerServiceStopReason, customerServiceStopWords } from '@/lib/server/consent/customer-service-stop';
import { DATA_CATEGORIES, type DataCategory } from '@/lib/server/smart/smart-scopes';
import type { AccountWording } from './describe-connections';

/** The account's words for this request's language (pages and JSON routes). */
export async function accountWording(): Promise<AccountWording & { locale: Locale; categoryNames: Record<DataCategory, string> }> {
  const t = await getTranslations('account');
  const tc = await getTranslations('connect');
  const tr = await getTranslations('representatives');
  const locale: Locale = (await getLocale()) === 'es' ? 'es' : 'en';
  const categoryNames = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, tc(`category_${c}`)])) as Record<DataCategory, string>;
  return {
    t: (key, values) => t(key, values),
    locale,
    categoryNames,
    categoryName: (c) => categoryNames[c],
    authorityName: (type) => (t.has(`authority_${type}`) ? t(`authority_${type}`) : type),
    stoppedByCustomerService: (revokedReason) => customerServiceStopWords(locale).accountNote(customerServiceStopReason(revokedReason)),
    r: (key, values) => tr(key as never, values as never),
  };
}
