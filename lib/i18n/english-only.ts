import { isLocale, localeFromAcceptLanguage, type Locale } from './locales';

/**
 * The staff console is written in English only (its strings are not in the message catalogues), so
 * its pages are English whatever language the browser or the member-side switch chose: a console
 * marked `lang="es"` is read aloud with Spanish rules (WCAG 3.1.1). The developer portal is not on
 * this list: its frame is translated, and its English-only reference is marked `lang="en"` where it is.
 */
export function isEnglishOnlyPath(path: string | null | undefined): boolean {
  const pathname = (path ?? '').split(/[?#]/, 1)[0];
  return pathname === '/staff' || pathname.startsWith('/staff/');
}

/** The language a page is drawn in: English on English-only pages, else the switch's cookie, else the browser's. */
export function pageLocale(path: string | null | undefined, cookieLocale: string | undefined, acceptLanguage: string | null): Locale {
  if (isEnglishOnlyPath(path)) return 'en';
  return isLocale(cookieLocale) ? cookieLocale : localeFromAcceptLanguage(acceptLanguage);
}
