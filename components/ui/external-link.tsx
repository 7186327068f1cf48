import type { ReactNode } from 'react';

/** Links that leave the site open in a new tab, and the text says so (WCAG 3.2.5). */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
