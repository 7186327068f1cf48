import type { ReactNode } from 'react';

interface AccountHeaderProps {
  title: string;
  signedInAs: string;
  signOutLabel: string;
  /** Where "Sign out" posts: a route that answers 303, so the next page is a new document. */
  signOutPath: string;
  nav: { label: string; links: { href: string; label: string; current: boolean }[] };
  children?: ReactNode;
}

/** The signed-in account's frame: one h1, who is signed in, "Sign out" (a plain form), and its pages. */
export function AccountHeader({ title, signedInAs, signOutLabel, signOutPath, nav, children }: AccountHeaderProps) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1>{title}</h1>
          <p className="text-slate-700">{signedInAs}</p>
        </div>
        <form method="post" action={signOutPath}>
          <button type="submit" className="btn-secondary">
            {signOutLabel}
          </button>
        </form>
      </div>
      <nav aria-label={nav.label}>
        <ul className="flex flex-wrap border-b border-slate-300">
          {nav.links.map((link) => (
            <li key={link.href}>
              <a
                href={link.href}
                aria-current={link.current ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center border-b-4 px-2.5 ${link.current ? 'border-brand-700 font-semibold text-slate-900 no-underline' : 'border-transparent'}`}
              >
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
