'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';
import { safeReturnPath } from '@/lib/security/safe-return-path';

export async function switchLanguage(formData: FormData): Promise<void> {
  const locale = formData.get('locale');
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, {
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      sameSite: 'lax',
      httpOnly: true,
      secure: process.env.PUBLIC_URL?.startsWith('https://') ?? false,
    });
  }
  redirect(safeReturnPath(formData.get('returnTo')));
}
