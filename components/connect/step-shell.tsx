import Link from 'next/link';
import type { ReactNode } from 'react';
import { TimeLimitNotice, type TimeLimit } from './time-limit-notice';

interface StepShellProps {
  stepLabel: string;
  step: number;
  appLabel: string;
  title: string;
  back?: { href: string; label: string } | null;
  /** The connection's two hours: said on every step, with a warning before the end. */
  timeLimit?: TimeLimit | null;
  children: ReactNode;
}

// Classes, not a style attribute: the CSP allows no inline styles.
const PROGRESS_WIDTH: Record<number, string> = { 1: 'w-1/6', 2: 'w-2/6', 3: 'w-3/6', 4: 'w-4/6', 5: 'w-5/6', 6: 'w-full' };

/** The frame of every step: where you are ("Step 4 of 6"), a way back, one h1. */
export function StepShell({ stepLabel, step, appLabel, title, back, timeLimit, children }: StepShellProps) {
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      {back ? (
        <p>
          <Link prefetch={false} href={back.href} className="inline-flex min-h-11 items-center">
            <span aria-hidden="true">←&nbsp;</span>
            {back.label}
          </Link>
        </p>
      ) : null}
      <div className="space-y-2">
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">
          {stepLabel} · {appLabel}
        </p>
        <div className="h-2 w-full overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
          <div className={`h-full rounded-full bg-brand-700 ${PROGRESS_WIDTH[step] ?? 'w-full'}`} />
        </div>
        <h1>{title}</h1>
      </div>
      {children}
      {timeLimit ? <TimeLimitNotice {...timeLimit} /> : null}
    </div>
  );
}
