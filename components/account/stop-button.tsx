'use client';

import { useFormStatus } from 'react-dom';

/** The red "Stop sharing" button; disabled while the form is on its way, so a double tap stops once. */
export function StopButton({ children }: { children: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className="btn-danger disabled:opacity-70">
      {children}
    </button>
  );
}
