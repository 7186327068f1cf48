import { createTranslator } from 'use-intl/core';
import { loadMessages } from '@/lib/i18n/load-messages';
import type { Locale } from '@/lib/i18n/locales';
import { DATA_CATEGORIES, type DataCategory } from '@/lib/server/smart/smart-scopes';
import { customerServiceStopReason, customerServiceStopWords } from '@/lib/server/consent/customer-service-stop';
import type { AccountWording } from '../describe-connections';

/** The account's words outside a request (tests), from the same message files the pages use. */
export function testWording(locale: Locale = 'en'): AccountWording & { locale: Locale; categoryNames: Record<DataCategory, string> } {
  const messages = loadMessages(locale);
  const t = createTranslator({ locale, messages, namespace: 'account' }) as unknown as AccountWording['t'] & { has(key: string): boolean };
  const tc = createTranslator({ locale, messages, namespace: 'connect' }) as unknown as AccountWording['t'];
  const categoryNames = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, tc(`category_${c}`)])) as Record<DataCategory, string>;
  return {
    t,
    locale,
    categoryNames,
    categoryName: (c) => categoryNames[c],
    authorityName: (type) => t(`authority_${type}`),
    stoppedByCustomerService: (revokedReason) => customerServiceStopWords(locale).accountNote(customerServiceStopReason(revokedReason)),
    r: createTranslator({ locale, messages, namespace: 'representatives' as never }) as unknown as AccountWording['t'],
  };
}
