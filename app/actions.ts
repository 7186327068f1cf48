'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { isLocale, LOCALE_COOKIE, localeCookieOptions } from '@/lib/i18n/locales';
import { appConfig } from '@/lib/server/config/app-config';
import { safeReturnPath } from '@/lib/security/safe-return-path';

export async function switchLanguage(formData: FormData): Promise<void> {
  const locale = formData.get('locale');
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, localeCookieOptions(appConfig().secureCookies));
  }
  redirect(safeReturnPath(formData.get('returnTo')));
}
