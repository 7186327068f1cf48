import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { PAYER } from '@/lib/payer';
import { loadMessages } from './load-messages';

// "We are open {hours}": the hours sit inside a sentence, so they start in lower case (a day's
// name in English keeps its capital), and the sentence ends with one period, not "p.m..".
describe.each(['en', 'es'] as const)('the opening hours sentence in %s', (locale) => {
  const t = createTranslator({ locale, messages: loadMessages(locale) });
  const sentence = t('help.contactHours' as never, { hours: PAYER.customerServiceHours[locale] } as never) as string;

  it('ends with exactly one period', () => {
    expect(sentence).toMatch(/[^.]\.$|p\.m\.$/);
    expect(sentence).not.toMatch(/\.\.|\. \.$/);
  });

  it('has no capital letter inside the sentence except day names in English', () => {
    const inside = sentence.slice(1).replace(locale === 'en' ? /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g : /^$/, '');
    expect(inside).not.toMatch(/\p{Lu}/u);
  });
});
