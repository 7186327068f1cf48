import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { loadMessages } from './load-messages';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from './locales';

export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookieLocale) ? cookieLocale : localeFromAcceptLanguage((await headers()).get('accept-language'));
  return {
    locale,
    messages: loadMessages(locale),
    timeZone: 'America/New_York',
  };
});
