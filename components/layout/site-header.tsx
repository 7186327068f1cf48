import Link from 'next/link';
import type { ReactNode } from 'react';

interface SiteHeaderProps {
  siteName: string;
  navLabel: string;
  links: { href: string; label: string }[];
  languageSwitch: ReactNode;
}

export function SiteHeader({ siteName, navLabel, links, languageSwitch }: SiteHeaderProps) {
  return (
    <header className="focus-on-dark bg-brand-700 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-white no-underline hover:text-white">
          {siteName}
        </Link>
        {languageSwitch}
      </div>
      <nav aria-label={navLabel} className="bg-brand-800">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-1 px-2">
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="inline-block min-h-11 px-3 py-2.5 text-white no-underline hover:underline">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
