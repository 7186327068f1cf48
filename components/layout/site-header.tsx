import Link from 'next/link';
import type { ReactNode } from 'react';

interface SiteHeaderProps {
  siteName: string;
  navLabel: string;
  links: { href: string; label: string }[];
  languageSwitch: ReactNode;
}

// prefetch={false} here and on the links of the gallery and the connect flow: every page is
// dynamic (a CSP nonce a request) with no loading.js, so a prefetch fetches little that a click can
// reuse, yet each link in view cost a request and main-thread work while the page was still
// loading (8 on every page from this header alone; bench/pages/README.md).
export function SiteHeader({ siteName, navLabel, links, languageSwitch }: SiteHeaderProps) {
  return (
    <header className="focus-on-dark bg-brand-700 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link prefetch={false} href="/" className="text-lg font-bold text-white no-underline hover:text-white">
          {siteName}
        </Link>
        {languageSwitch}
      </div>
      <nav aria-label={navLabel} className="bg-brand-800">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-1 px-2">
          {links.map((link) => (
            <li key={link.href}>
              <Link prefetch={false} href={link.href} className="inline-block min-h-11 px-3 py-2.5 text-white no-underline hover:underline">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
