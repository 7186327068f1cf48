import { safeReturnPath } from '@/lib/security/safe-return-path';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'hub_locale';

/**
 * The language cookie as the switch and a `?lang=` link set it: a year, the whole site, not for
 * scripts; `secure` as the site's other cookies (appConfig().secureCookies, server-side only).
 */
export function localeCookieOptions(secure: boolean) {
  return { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' as const, httpOnly: true, secure };
}

/**
 * The language the person chose, from the hub_locale cookie (the switch or a `?lang=` link set
 * it); null when the page's language came from the browser's Accept-Language instead.
 */
export function chosenLocale(cookieValue: string | null | undefined): Locale | null {
  return isLocale(cookieValue) ? cookieValue : null;
}

/**
 * A link that names its language (`/apps?lang=es`, as a Spanish letter or text message would
 * print it): the URL to send the browser to, without `lang`, and the language to keep; null when
 * the link names none of ours (then `lang` is left as it is and means nothing).
 */
export function languageFromLink(url: URL): { locale: Locale; location: string } | null {
  const named = url.searchParams.getAll('lang');
  if (named.length !== 1) return null;
  const locale = named[0].toLowerCase();
  if (!isLocale(locale)) return null;
  const rest = new URLSearchParams(url.searchParams);
  rest.delete('lang');
  const query = rest.toString();
  // Never another site: a path such as `//evil.example` would be read as one.
  return { locale, location: safeReturnPath(`${url.pathname}${query ? `?${query}` : ''}`) };
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first supported language in an Accept-Language header, by the order the browser gives. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/**
 * The language of a request answered outside Next.js (the plain error pages): the language the
 * member chose (the hub's cookie) first, then the browser's Accept-Language.
 */
export function localeOfRequest(acceptLanguage: string | null | undefined, cookieHeader: string | null | undefined): Locale {
  const chosen = cookieHeader
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(acceptLanguage);
}
