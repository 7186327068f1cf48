import type { Locale } from '@/lib/i18n/locales';

interface LanguageSwitchProps {
  target: Locale;
  label: string;
  accessibleLabel: string;
  returnTo: string;
  action: (formData: FormData) => Promise<void>;
}

/** A plain form, so switching language works without JavaScript. */
export function LanguageSwitch({ target, label, accessibleLabel, returnTo, action }: LanguageSwitchProps) {
  return (
    <form action={action}>
      <input type="hidden" name="locale" value={target} />
      <input type="hidden" name="returnTo" value={returnTo} />
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
