import 'server-only';
import { createTranslator } from 'use-intl/core';
import { loadMessages } from '@/lib/i18n/load-messages';
import type { Locale } from '@/lib/i18n/locales';

/** The pronoun a member's name takes in English (Spanish "su" needs none): from the sex on file, else neutral. */
export type MemberGender = 'female' | 'male' | 'other';
export const genderOf = (sex: string | null | undefined): MemberGender => (sex === 'female' || sex === 'male' ? sex : 'other');

function translator(locale: Locale) {
  return createTranslator({ locale, messages: loadMessages(locale), namespace: 'representatives' as never });
}

/** The data categories a connection shares, as the connect flow names them, in `locale` ("Personal information, Claims"). */
export function categoryListWords(locale: Locale, categories: readonly string[]): string {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: 'connect' as never }) as unknown as (key: string) => string;
  return categories.map((c) => t(`category_${c}`)).join(', ');
}

/**
 * How a representative is related to the member, as words: "her parent", "his legal guardian"
 * (to the representative), or "your parent" (to the member).
 */
export function capacityWords(locale: Locale, authorityType: string, sex: string | null | undefined, perspective: 'representative' | 'member' = 'representative'): string {
  const t = translator(locale) as unknown as (key: string, values: Record<string, string>) => string;
  return t(perspective === 'member' ? 'memberCapacity' : 'capacity', { authority: authorityType, gender: genderOf(sex) });
}
