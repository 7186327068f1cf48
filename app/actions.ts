'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { isLocale, LOCALE_COOKIE, localeCookieOptions } from '@/lib/i18n/locales';
import { safeReturnPath } from '@/lib/security/safe-return-path';

export async function switchLanguage(formData: FormData): Promise<void> {
  const locale = formData.get('locale');
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, localeCookieOptions());
  }
  redirect(safeReturnPath(formData.get('returnTo')));
}
