'use client';

import { useEffect, useRef, useState, useTransition } from 'react';

/** Shown this long before the session's idle minutes run out. */
const WARN_BEFORE_MS = 2 * 60_000;
const RENEWED_NOTE_MS = 5_000;

interface SessionWarningProps {
  /** Seconds the session had left when the page was rendered. */
  secondsLeft: number;
  /** When the session ends (changes when the server renewed it): the timers start over. */
  expiresAt: string | number;
  /** Renews the session; answers the new seconds left, or null when it had already ended. */
  renew: () => Promise<number | null>;
  /** The words, in the page's language (the account's translations, the console's English). */
  words: SessionWarningWords;
}

export interface SessionWarningWords {
  warning: string;
  warningDetail: string;
  staySignedIn: string;
  renewed: string;
  ended: string;
  signInAgain: string;
  /** Where "Sign in again" leads. */
  signInHref: string;
}

type Phase = 'quiet' | 'warning' | 'renewed' | 'ended';

/**
 * Two minutes before the session ends, a warning with "Stay signed in" (WCAG 2.2.1: one action
 * extends the time), on the member account (15 idle minutes) and the staff console (30). Without
 * JavaScript there is no warning: the session simply ends after its idle minutes. A renewal on the server (a new `expiresAt`) starts the timers over without
 * remounting, so "You are still signed in" stays to be read, in a live region that was already on
 * the page (WCAG 4.1.3). While the bar shows, the page keeps room for it below and scrolls focused
 * elements clear of it (`--fixed-bar-height`, WCAG 2.4.11).
 */
export function SessionWarning({ secondsLeft, expiresAt, renew, words }: SessionWarningProps) {
  const [phase, setPhase] = useState<Phase>('quiet');
  // Bumped by "Stay signed in", so the timers start over from the new deadline.
  const [renewals, setRenewals] = useState(0);
  const [pending, startTransition] = useTransition();
  const deadline = useRef<number | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const renderedExpiry = useRef<string | number | null>(null);

  useEffect(() => {
    // The clock starts when the page arrives in the browser, whatever the server's clock says;
    // a new expiry from the server (the session was renewed) starts it again.
    if (renderedExpiry.current !== expiresAt) {
      renderedExpiry.current = expiresAt;
      deadline.current = Date.now() + secondsLeft * 1000;
    }
    const until = deadline.current ?? Date.now() + secondsLeft * 1000;
    const warn = setTimeout(() => {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setPhase('warning');
    }, Math.max(0, until - WARN_BEFORE_MS - Date.now()));
    const end = setTimeout(() => setPhase('ended'), Math.max(0, until - Date.now()));
    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [secondsLeft, expiresAt, renewals]);

  // Room for the fixed bar: focused links (the footer's) never end up under it.
  useEffect(() => {
    const root = document.documentElement;
    if (phase === 'quiet' || !bar.current) {
      root.style.removeProperty('--fixed-bar-height');
      return;
    }
    const measure = () => root.style.setProperty('--fixed-bar-height', `${bar.current?.offsetHeight ?? 0}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(bar.current);
    // Where a browser ignores scroll-padding when focus moves, scroll the focused element clear.
    const keepClear = (event: FocusEvent) => {
      const target = event.target;
      if (!(target instanceof HTMLElement) || !bar.current || bar.current.contains(target)) return;
      const covered = target.getBoundingClientRect().bottom - bar.current.getBoundingClientRect().top;
      if (covered > 0) window.scrollBy({ top: covered + 8 });
    };
    document.addEventListener('focusin', keepClear);
    return () => {
      document.removeEventListener('focusin', keepClear);
      observer.disconnect();
      root.style.removeProperty('--fixed-bar-height');
    };
  }, [phase]);

  useEffect(() => {
    if (phase === 'warning') button.current?.focus();
    if (phase !== 'renewed') return;
    const hide = setTimeout(() => setPhase('quiet'), RENEWED_NOTE_MS);
    return () => clearTimeout(hide);
  }, [phase]);

  const staySignedIn = () =>
    startTransition(async () => {
      const left = await renew().catch(() => null);
      if (left === null) {
        setPhase('ended');
        return;
      }
      deadline.current = Date.now() + left * 1000;
      setRenewals((n) => n + 1);
      setPhase('renewed');
      returnFocus.current?.focus();
    });

  const barClass = 'fixed inset-x-0 bottom-0 z-10 border-t-4 border-caution-800 bg-amber-50 px-4 py-3 shadow-lg';
  return (
    <>
      {/* Always on the page, so what is put in it is announced. */}
      <div ref={phase === 'renewed' ? bar : undefined} role="status" className={phase === 'renewed' ? barClass : 'sr-only'}>
        {phase === 'renewed' ? <p className="mx-auto max-w-5xl font-semibold">{words.renewed}</p> : null}
      </div>
      {phase === 'warning' || phase === 'ended' ? (
        <div ref={bar} className={barClass}>
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3">
            {phase === 'warning' ? (
              <>
                <div role="alert">
                  <p className="font-semibold">{words.warning}</p>
                  <p className="text-sm">{words.warningDetail}</p>
                </div>
                <button ref={button} type="button" onClick={staySignedIn} disabled={pending} className="btn-primary disabled:opacity-70">
                  {words.staySignedIn}
                </button>
              </>
            ) : (
              <div role="alert">
                <p className="font-semibold">{words.ended}</p>
                <p>
                  <a href={words.signInHref}>{words.signInAgain}</a>
                </p>
              </div>
            )}
          </div>
        </div>
      ) : null}
    </>
  );
}
