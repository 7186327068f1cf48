import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { InlineStylesheet } from '@/components/layout/inline-stylesheet';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader, StaffSiteHeader } from '@/components/layout/site-header';
import { SkipLink } from '@/components/layout/skip-link';
import { SITE_ICON_DATA_URL } from '@/lib/design/site-mark';
import { isEnglishOnlyPath } from '@/lib/i18n/english-only';
import { safeReturnPath } from '@/lib/security/safe-return-path';
import { switchLanguage } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('layout');
  return {
    title: { default: t('siteName'), template: `%s · ${t('siteName')}` },
    description: t('footerNote'),
    // For a member who saves the site to a phone's home screen (public/manifest.webmanifest; its
    // link is inserted after the first paint, lib/server/http/start-scripts-after-first-paint.ts).
    manifest: '/manifest.webmanifest',
    // The tab's icon inline, so drawing it needs no request (lib/design/site-mark.ts).
    icons: { icon: [{ url: SITE_ICON_DATA_URL, type: 'image/svg+xml' }], apple: '/icons/apple-touch-icon.png' },
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#14558f' };

/**
 * One root layout for the whole site; the staff console differs only in its header and language.
 * Its pages are English whatever was chosen (lib/i18n/english-only.ts decides the locale, so
 * `lang` and the footer follow), and it gets a header without the member site's navigation and
 * language switch. Every link between the console and the member site is a plain `<a>` (the
 * footer's), a full page load, so this layout is drawn again for the other side.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('layout');
  const requestHeaders = await headers();
  const path = requestHeaders.get('x-pathname');
  const returnTo = safeReturnPath(path);
  const other = locale === 'en' ? 'es' : 'en';
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <InlineStylesheet nonce={requestHeaders.get('x-nonce') ?? undefined} />
        <SkipLink label={t('skipToContent')} />
        {isEnglishOnlyPath(path) ? (
          <StaffSiteHeader siteName={t('siteName')} />
        ) : (
          <SiteHeader
            siteName={t('siteName')}
            nav={{
              label: t('mainNav'),
              links: [
                { href: '/', label: t('home') },
                { href: '/apps', label: t('apps') },
                { href: '/account', label: t('account') },
                { href: '/help', label: t('help') },
              ],
            }}
            languageSwitch={
              <LanguageSwitch
                target={other}
                label={t('switchTo')}
                accessibleLabel={t('switchToLabel')}
                returnTo={returnTo}
                action={switchLanguage}
              />
            }
          />
        )}
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
