'use client';

import { useFormStatus } from 'react-dom';

/** Disabled while the form is on its way, so a double tap sends it once. */
export function SubmitButton({ children, variant = 'primary', name, value }: { children: string; variant?: 'primary' | 'secondary'; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={`${variant === 'primary' ? 'btn-primary' : 'btn-secondary'} disabled:opacity-70`}>
      {children}
    </button>
  );
}
