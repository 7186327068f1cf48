'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A message that says what just happened ("We sent a code to…", "You stopped sharing with…"),
 * focused when it arrives, so a screen reader reads it and keyboard users continue from it rather
 * than from the top of the page or a button that is gone. Give it a new `key` for a new message.
 */
export function FocusOnArrival({ children, className, role = 'status', id }: { children: ReactNode; className?: string; role?: 'status' | 'alert'; id?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} id={id} tabIndex={-1} role={role} data-focus-on-arrival="" className={className}>
      {children}
    </div>
  );
}
