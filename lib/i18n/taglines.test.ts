import { describe, expect, it } from 'vitest';
import { PAYER } from '@/lib/payer';
import { renderedTaglines } from './language-access';
import { loadMessages } from './load-messages';
import { TAGLINES, TAGLINES_SOURCE } from './taglines';

// The script each language is written in: a tagline must be in its own script, not transliterated.
const SCRIPT: Record<string, RegExp> = {
  'zh-Hant': /\p{Script=Han}/u,
  km: /\p{Script=Khmer}/u,
  ru: /\p{Script=Cyrillic}/u,
  ar: /\p{Script=Arabic}/u,
  ko: /\p{Script=Hangul}/u,
  el: /\p{Script=Greek}/u,
  hi: /\p{Script=Devanagari}/u,
  gu: /\p{Script=Gujarati}/u,
};
const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi']);

describe('Section 1557 taglines', () => {
  it('cover the top 15 languages of Massachusetts, each once, with the source written down', () => {
    expect(TAGLINES).toHaveLength(15);
    expect(new Set(TAGLINES.map((t) => t.lang)).size).toBe(15);
    expect(TAGLINES.map((t) => t.lang)).not.toContain('en');
    expect(TAGLINES_SOURCE).toMatch(/MassHealth/);
  });

  it('are each in their own script, with the right direction and the payer’s numbers', () => {
    for (const tagline of renderedTaglines()) {
      expect(tagline.dir, tagline.lang).toBe(RTL.has(tagline.lang.split('-')[0]) ? 'rtl' : 'ltr');
      const script = SCRIPT[tagline.lang] ?? /\p{Script=Latin}/u;
      expect(tagline.text, tagline.lang).toMatch(script);
      expect(tagline.nativeName, tagline.lang).toMatch(script);
      expect(tagline.text, tagline.lang).toContain(PAYER.customerServicePhone);
      expect(tagline.text, tagline.lang).toContain(PAYER.customerServiceTty);
      expect(tagline.text, tagline.lang).not.toMatch(/\{\w+\}/);
    }
  });

  it('come with both notices in English and Spanish', () => {
    for (const locale of ['en', 'es'] as const) {
      const notices = loadMessages(locale).languageAccess as Record<string, string>;
      for (const key of ['title', 'nondiscrimination', 'help', 'complaint', 'taglinesTitle']) expect(notices[key], `${locale} ${key}`).toBeTruthy();
    }
  });
});
