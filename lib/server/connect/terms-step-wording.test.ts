import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { loadMessages } from '@/lib/i18n/load-messages';
import { termsStepWording } from './terms-step-wording';

const t = (locale: 'en' | 'es') => {
  const translate = createTranslator({ locale, messages: loadMessages(locale), namespace: 'connect' as never });
  return (key: string, values?: Record<string, string>) => translate(key as never, values as never) as string;
};

const OPEN_NOTES = { name: 'Open Notes Journal', privacyPolicyUrl: null, termsUrl: 'https://opennotes.example/terms' };
const MEDTRACK = { name: 'MedTrack Rx', privacyPolicyUrl: 'https://medtrack.example/privacy', termsUrl: 'https://medtrack.example/terms' };
const POLICY_ONLY = { ...MEDTRACK, termsUrl: null };
const NEITHER = { ...OPEN_NOTES, termsUrl: null };

describe('step 3 (terms)', () => {
  it('for an app with no privacy policy, names only its terms and says plainly it has no policy', () => {
    const en = termsStepWording(t('en'), OPEN_NOTES);
    expect(en.title).toBe("Agree to Open Notes Journal's terms of use");
    expect(en.agreeLabel).toBe("I have read and I agree to Open Notes Journal's terms of use.");
    expect(en.pageTitle).not.toMatch(/privacy/i);
    expect(en.noPolicy).toMatch(/^Open Notes Journal has no privacy policy\./);
    expect(en.noTerms).toBeNull();
    const es = termsStepWording(t('es'), OPEN_NOTES);
    expect(es.title).toBe('Acepte los términos de uso de Open Notes Journal');
    expect(es.agreeLabel).toBe('Leí y acepto los términos de uso de Open Notes Journal.');
    expect(es.pageTitle).not.toMatch(/privacidad/i);
    expect(es.noPolicy).toMatch(/^Open Notes Journal no tiene una política de privacidad\./);
  });

  it('for an app with a policy but no terms, names only its policy and says it has no terms', () => {
    const en = termsStepWording(t('en'), POLICY_ONLY);
    expect(en.title).toBe("Agree to MedTrack Rx's privacy policy");
    expect(en.agreeLabel).toBe("I have read and I agree to MedTrack Rx's privacy policy.");
    expect(en.noPolicy).toBeNull();
    expect(en.noTerms).toBe('MedTrack Rx has no terms of use.');
    const es = termsStepWording(t('es'), POLICY_ONLY);
    expect(es.title).toBe('Acepte la política de privacidad de MedTrack Rx');
    expect(es.agreeLabel).toBe('Leí y acepto la política de privacidad de MedTrack Rx.');
    expect(es.noTerms).toBe('MedTrack Rx no tiene términos de uso.');
  });

  it('for an app with both, names both; with neither, agrees to nothing the app did not write', () => {
    const both = termsStepWording(t('en'), MEDTRACK);
    expect(both.title).toBe("Agree to MedTrack Rx's privacy policy and terms");
    expect(both.agreeLabel).toBe("I have read and I agree to MedTrack Rx's privacy policy and terms of use.");
    expect([both.noPolicy, both.noTerms]).toEqual([null, null]);
    for (const locale of ['en', 'es'] as const) {
      const none = termsStepWording(t(locale), NEITHER);
      expect(`${none.title} ${none.agreeLabel} ${none.pageTitle}`).not.toMatch(/privacy|terms|privacidad|términos/i);
      expect(none.noPolicy).not.toBeNull();
      expect(none.noTerms).not.toBeNull();
    }
  });
});
