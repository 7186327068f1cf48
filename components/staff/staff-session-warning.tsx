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

export function StaffSessionWarning({ expiry, renew, signInHref }: { expiry: { expiresAt: number; secondsLeft: number }; renew: () => Promise<number | null>; signInHref: string }) {
  return <SessionWarning expiresAt={expiry.expiresAt} secondsLeft={expiry.secondsLeft} renew={renew} words={staffSessionWords(signInHref)} />;
}
