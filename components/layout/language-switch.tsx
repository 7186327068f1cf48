'use client';

import { usePathname } from 'next/navigation';
import type { Locale } from '@/lib/i18n/locales';

interface LanguageSwitchProps {
  target: Locale;
  label: string;
  accessibleLabel: string;
  /** The page as the server rendered it (path and query): the return path without JavaScript. */
  returnTo: string;
  action: (formData: FormData) => Promise<void>;
}

/**
 * A plain form, so switching language works without JavaScript. The root layout is rendered once
 * and kept while the app moves between pages (the connect flow's steps), so the return path
 * follows the page shown now, not the one first loaded.
 */
export function LanguageSwitch({ target, label, accessibleLabel, returnTo, action }: LanguageSwitchProps) {
  const pathname = usePathname();
  const rendered = returnTo.split(/[?#]/, 1)[0];
  const current = pathname && pathname !== rendered ? pathname : returnTo;
  return (
    <form action={action}>
      <input type="hidden" name="locale" value={target} />
      <input type="hidden" name="returnTo" value={current} />
      <button
        type="submit"
        lang={target}
        aria-label={accessibleLabel}
        className="min-h-11 rounded-md border-2 border-white px-3 py-1 font-semibold text-white hover:bg-brand-800"
      >
        {label}
      </button>
    </form>
  );
}
