'use client';

import { useFormStatus } from 'react-dom';

const VARIANT_CLASS = { primary: 'btn-primary', secondary: 'btn-secondary', danger: 'btn-danger' } as const;

/** Disabled while the form is on its way, so a double tap sends it once. */
export function SubmitButton({ children, variant = 'primary', name, value }: { children: string; variant?: keyof typeof VARIANT_CLASS; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={`${VARIANT_CLASS[variant]} disabled:opacity-70`}>
      {children}
    </button>
  );
}
