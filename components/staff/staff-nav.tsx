'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The staff console's own navigation; the current tool is marked for screen readers too. */
export function StaffNav({ entries }: { entries: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const current = (href: string) => (href === '/staff' ? pathname === '/staff' || pathname.startsWith('/staff/members') || pathname.startsWith('/staff/representatives') : pathname.startsWith(href));
  return (
    <nav aria-label="Staff console">
      <ul className="flex flex-wrap gap-1">
        {entries.map((entry) => (
          <li key={entry.href}>
            <Link
              href={entry.href}
              aria-current={current(entry.href) ? 'page' : undefined}
              className="inline-block min-h-11 rounded-md px-3 py-2.5 font-semibold no-underline hover:underline aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
            >
              {entry.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
