import Link from 'next/link';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { loadSignedInDeveloper } from '@/lib/server/developers/load-signed-in-developer';
import { signOutAction } from './actions';

export const dynamic = 'force-dynamic';

/** The developer portal's own navigation: the documentation, the developer's apps, and who is signed in. */
export default async function DeveloperPortalLayout({ children }: { children: ReactNode }) {
  const [t, developer, path] = await Promise.all([getTranslations('developers'), loadSignedInDeveloper(), headers().then((h) => h.get('x-pathname') ?? '')]);
  const links = [
    { href: '/developers', label: t('nav.docs'), current: path === '/developers' },
    { href: '/developers/apps', label: t('nav.apps'), current: path.startsWith('/developers/apps') },
  ];
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-300 pb-3">
        <nav aria-label={t('nav.label')}>
          <ul className="flex flex-wrap gap-x-2">
            <li className="py-2.5 pr-2 font-semibold text-slate-700">{t('portalName')}</li>
            {links.map((link) => (
              <li key={link.href}>
                <a href={link.href} aria-current={link.current ? 'page' : undefined} className="inline-flex min-h-11 items-center px-2 aria-[current=page]:font-semibold">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {developer ? (
          <form action={signOutAction} className="flex flex-wrap items-center gap-3">
            <span className="text-slate-700">{t('nav.signedInAs', { email: developer.email })}</span>
            <button type="submit" className="btn-secondary">
              {t('nav.signOut')}
            </button>
          </form>
        ) : (
          <Link href="/developers/sign-in" className="btn-secondary">
            {t('nav.signIn')}
          </Link>
        )}
      </div>
      {children}
    </div>
  );
}
