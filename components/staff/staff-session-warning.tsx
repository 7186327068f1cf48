'use client';

import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { SessionWarning, type SessionWarningWords } from '@/components/layout/session-warning';

/** The console's idle warning, in its English (the staff session's 30 idle minutes). */
export function staffSessionWords(signInHref: string): SessionWarningWords {
  return {
    warning: 'You will be signed out in 2 minutes.',
    warningDetail: 'The console signs you out after 30 minutes without activity. If that happens, what you typed in a form is kept for an hour.',
    staySignedIn: 'Stay signed in',
    renewed: 'You are still signed in.',
    ended: 'You were signed out because there was no activity for 30 minutes. Anything you send now is kept for when you sign in again.',
    signInAgain: 'Sign in again',
    signInHref,
  };
}

interface StaffSessionWarningProps {
  /** Seconds the session had left when the layout was drawn, and its end then (seconds since the epoch). */
  secondsLeft: number;
  expiresAt: number;
  /** The idle minutes, and the seconds to the absolute end (8 hours from sign-in) when the layout was drawn. */
  idleSeconds: number;
  absoluteSecondsLeft: number;
  renew: () => Promise<number | null>;
}

/**
 * The console's layout is drawn once and kept while the user moves between its pages, each of
 * which is activity on the server: so each new page starts the idle time again here too (never
 * past the absolute end), or the warning would come early for someone busy in the console.
 * "Sign in again" comes back to the page shown.
 */
export function StaffSessionWarning({ secondsLeft, expiresAt, idleSeconds, absoluteSecondsLeft, renew }: StaffSessionWarningProps) {
  const pathname = usePathname();
  const [drawnAt] = useState(() => Date.now());
  const [shown, setShown] = useState({ pathname, expiresAt, timer: { left: secondsLeft, key: `${expiresAt}` } });
  if (shown.pathname !== pathname || shown.expiresAt !== expiresAt) {
    const renewedOnServer = shown.expiresAt !== expiresAt;
    // eslint-disable-next-line react-hooks/purity -- the moment of the navigation, read once as it happens
    const now = Date.now();
    const absoluteLeft = absoluteSecondsLeft - (now - drawnAt) / 1000;
    const left = renewedOnServer ? secondsLeft : Math.max(0, Math.floor(Math.min(idleSeconds, absoluteLeft)));
    setShown({ pathname, expiresAt, timer: { left, key: `${expiresAt}:${pathname}:${now}` } });
  }
  return <SessionWarning secondsLeft={shown.timer.left} expiresAt={shown.timer.key} renew={renew} words={staffSessionWords(`/staff/sign-in?callbackUrl=${encodeURIComponent(pathname || '/staff')}`)} />;
}
