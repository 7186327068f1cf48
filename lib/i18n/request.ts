import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { pageLocale } from './english-only';
import { loadMessages } from './load-messages';
import { LOCALE_COOKIE } from './locales';

export default getRequestConfig(async () => {
  const requestHeaders = await headers();
  const locale = pageLocale(requestHeaders.get('x-pathname'), (await cookies()).get(LOCALE_COOKIE)?.value, requestHeaders.get('accept-language'));
  return {
    locale,
    messages: loadMessages(locale),
    timeZone: 'America/New_York',
  };
});
