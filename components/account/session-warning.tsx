'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, useTransition } from 'react';

/** Shown this long before the session's 15 idle minutes run out. */
const WARN_BEFORE_MS = 2 * 60_000;
const RENEWED_NOTE_MS = 5_000;

interface SessionWarningProps {
  /** Seconds the session had left when the page was rendered. */
  secondsLeft: number;
  /** Renews the session; answers the new seconds left, or null when it had already ended. */
  renew: () => Promise<number | null>;
}

type Phase = 'quiet' | 'warning' | 'renewed' | 'ended';

/**
 * Two minutes before the session ends, a warning with "Stay signed in" (WCAG 2.2.1: one action
 * extends the time). Without JavaScript there is no warning: the session simply ends after 15
 * idle minutes. Give it a new `key` when the session was renewed on the server.
 */
export function SessionWarning({ secondsLeft, renew }: SessionWarningProps) {
  const t = useTranslations('account');
  const [phase, setPhase] = useState<Phase>('quiet');
  // Bumped by "Stay signed in", so the timers start over from the new deadline.
  const [renewals, setRenewals] = useState(0);
  const [pending, startTransition] = useTransition();
  const deadline = useRef<number | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    // The clock starts when the page arrives in the browser, whatever the server's clock says.
    deadline.current ??= Date.now() + secondsLeft * 1000;
    const warn = setTimeout(() => {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setPhase('warning');
    }, Math.max(0, deadline.current - WARN_BEFORE_MS - Date.now()));
    const end = setTimeout(() => setPhase('ended'), Math.max(0, deadline.current - Date.now()));
    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [secondsLeft, renewals]);

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

  if (phase === 'quiet') return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-10 border-t-4 border-caution-800 bg-amber-50 px-4 py-3 shadow-lg">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3">
        {phase === 'warning' ? (
          <>
            <div role="alert">
              <p className="font-semibold">{t('sessionWarning')}</p>
              <p className="text-sm">{t('sessionWarningDetail')}</p>
            </div>
            <button ref={button} type="button" onClick={staySignedIn} disabled={pending} className="btn-primary disabled:opacity-70">
              {t('staySignedIn')}
            </button>
          </>
        ) : phase === 'renewed' ? (
          <p role="status" className="font-semibold">
            {t('sessionRenewed')}
          </p>
        ) : (
          <div role="alert">
            <p className="font-semibold">{t('sessionEnded')}</p>
            <p>
              <a href="/account">{t('signInAgain')}</a>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
