import Link from 'next/link';
import type { ReactNode } from 'react';

interface SiteHeaderProps {
  siteName: string;
  /** Where the site name leads: the member site's home, or the console's start for staff. */
  homeHref?: string;
  /** Said after the site name, for an area with a name of its own (the staff console). */
  areaName?: string;
  /** The member site's navigation; an area with its own (the staff console) has none here. */
  nav?: { label: string; links: { href: string; label: string }[] };
  languageSwitch?: ReactNode;
}

// prefetch={false} here and on the links of the gallery and the connect flow: every page is
// dynamic (a CSP nonce a request) with no loading.js, so a prefetch fetches little that a click can
// reuse, yet each link in view cost a request and main-thread work while the page was still
// loading (8 on every page from this header alone; bench/pages/README.md).
export function SiteHeader({ siteName, homeHref = '/', areaName, nav, languageSwitch }: SiteHeaderProps) {
  return (
    <header className="focus-on-dark bg-brand-700 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link prefetch={false} href={homeHref} className="text-lg font-bold text-white no-underline hover:text-white">
          {siteName}
          {areaName ? <span className="font-normal">: {areaName}</span> : null}
        </Link>
        {languageSwitch}
      </div>
      {nav ? (
        <nav aria-label={nav.label} className="bg-brand-800">
          <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-1 px-2">
            {nav.links.map((link) => (
              <li key={link.href}>
                <Link prefetch={false} href={link.href} className="inline-block min-h-11 px-3 py-2.5 text-white no-underline hover:underline">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

/**
 * The staff console's header: English only, so no language switch, and none of the member site's
 * navigation (the console layout has its own, by permission).
 */
export function StaffSiteHeader({ siteName }: { siteName: string }) {
  return <SiteHeader siteName={siteName} homeHref="/staff" areaName="staff console" />;
}
