import { renderToStaticMarkup } from 'react-dom/server';
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '@/lib/i18n/load-messages';
import type { Locale } from '@/lib/i18n/locales';
import type { PrivacyAnswers } from '@/lib/privacy-questions';
import { DeveloperLanguageNote } from './developer-language-note';
import { PrivacyChecklist, privacyChecklistLabels } from './privacy-checklist';

// The probe: on a Spanish page the developer's answers and descriptions are English (rightly
// marked lang="en"), and nothing told a Spanish reader why.
const privacyWords = (locale: Locale) => createTranslator({ locale, messages: loadMessages(locale), namespace: 'privacy' as never }) as unknown as (key: string) => string;
const galleryWords = (locale: Locale) => createTranslator({ locale, messages: loadMessages(locale), namespace: 'gallery' as never }) as unknown as (key: string) => string;
const answers: PrivacyAnswers = { use: { answer: 'We never sell your data.', flag: 'ok' } };

describe('the developer’s English text on a Spanish page', () => {
  it('comes with one plain line in Spanish saying it is in English, as the developer wrote it', () => {
    const html = renderToStaticMarkup(<PrivacyChecklist answers={answers} labels={privacyChecklistLabels(privacyWords('es'), 'es')} />);
    expect(html).toContain('Estas respuestas están en inglés, como las escribió el desarrollador de la app.');
    expect(html.match(/están en inglés/g)).toHaveLength(1);
    expect(renderToStaticMarkup(<DeveloperLanguageNote pageLocale="es">{galleryWords('es')('summaryInEnglish')}</DeveloperLanguageNote>)).toBe(
      '<p class="text-sm text-slate-700">Esta descripción está en inglés, como la escribió el desarrollador de la app.</p>',
    );
    expect(galleryWords('es')('summariesInEnglish')).toMatch(/^La descripción de cada app está en inglés/);
  });

  it('has no such line on an English page, nor where the page does not say its language, nor over no answers', () => {
    expect(renderToStaticMarkup(<PrivacyChecklist answers={answers} labels={privacyChecklistLabels(privacyWords('en'), 'en')} />)).not.toMatch(/in English/);
    expect(renderToStaticMarkup(<PrivacyChecklist answers={answers} labels={privacyChecklistLabels(privacyWords('es'))} />)).not.toMatch(/en inglés/);
    expect(renderToStaticMarkup(<PrivacyChecklist answers={{}} labels={privacyChecklistLabels(privacyWords('es'), 'es')} />)).not.toMatch(/en inglés/);
    expect(renderToStaticMarkup(<DeveloperLanguageNote pageLocale="en">{galleryWords('en')('summaryInEnglish')}</DeveloperLanguageNote>)).toBe('');
  });
});
