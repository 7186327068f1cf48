import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, localeOfRequest, languageFromLink } from './locales';
import { loadMessages } from './load-messages';

const en = loadMessages('en');
const es = loadMessages('es');

describe('localeOfRequest', () => {
  it('takes the language the member chose over the browser\'s', () => {
    expect(localeOfRequest('es-US,es;q=0.9', 'a=1; hub_locale=en')).toBe('en');
    expect(localeOfRequest('en-US', 'hub_locale=es; b=2')).toBe('es');
  });
  it('falls back to Accept-Language when no language was chosen, or the cookie holds another', () => {
    expect(localeOfRequest('es', undefined)).toBe('es');
    expect(localeOfRequest('fr, es;q=0.5', 'hub_locale=fr; other_hub_locale=es')).toBe('es');
    expect(localeOfRequest(undefined, 'session=x')).toBe('en');
  });
});

describe('localeFromAcceptLanguage', () => {
  it('picks Spanish when the browser prefers it', () => {
    expect(localeFromAcceptLanguage('es-US,es;q=0.9,en;q=0.8')).toBe('es');
  });
  it('honours quality values over order', () => {
    expect(localeFromAcceptLanguage('fr;q=0.9,en;q=0.5,es;q=0.8')).toBe('es');
  });
  it('falls back to English', () => {
    expect(localeFromAcceptLanguage('fr-FR,de')).toBe('en');
    expect(localeFromAcceptLanguage(undefined)).toBe('en');
  });
});

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('messages', () => {
  it('has every English string in Spanish and no extra ones', () => {
    expect(keysOf(es).sort()).toEqual(keysOf(en).sort());
  });
  it('has no empty Spanish string and none left in English by mistake', () => {
    const enFlat = new Map(keysOf(en).map((k) => [k, k.split('.').reduce<any>((o, p) => o[p], en)]));
    for (const key of keysOf(es)) {
      const value = key.split('.').reduce<any>((o, p) => o[p], es);
      expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      const english = enFlat.get(key);
      // Proper names and short codes may be the same in both languages.
      if (typeof english === 'string' && english.length > 24) expect(value, key).not.toBe(english);
    }
  });
});

describe('languageFromLink', () => {
  // As a request's own target: a path that starts with // stays a path.
  const at = (path: string) => languageFromLink(new URL(`https://hub.example${path}`));

  it('keeps the language a link names and drops it from the address', () => {
    expect(at('/apps?lang=es')).toEqual({ locale: 'es', location: '/apps' });
    expect(at('/apps/medtrack-rx?from=letter&lang=EN&x=1')).toEqual({ locale: 'en', location: '/apps/medtrack-rx?from=letter&x=1' });
  });

  it('leaves a link alone that names no language of ours, or two', () => {
    expect(at('/apps')).toBeNull();
    expect(at('/apps?lang=fr')).toBeNull();
    expect(at('/apps?lang=')).toBeNull();
    expect(at('/apps?lang=es&lang=en')).toBeNull();
  });

  it('never sends the browser to another site', () => {
    expect(at('//evil.example/x?lang=es')).toEqual({ locale: 'es', location: '/' });
    expect(at('/\\evil.example?lang=es')?.location).toBe('/');
  });
});
