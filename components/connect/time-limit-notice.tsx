'use client';

import { useEffect, useState } from 'react';

export interface TimeLimit {
  /** Seconds left when the page was rendered (the browser's own clock counts from there). */
  secondsLeft: number;
  /** Shown always, also without JavaScript: until when, as a time of day. */
  statement: string;
  /** Shown (and announced) this many seconds before the end, while the member can still act. */
  warnBeforeSeconds: number;
  warning: string;
}

/**
 * A time limit said before it ends (WCAG 2.2.1): the plain statement of the time, and with
 * JavaScript an alert shortly before the end, while there is still time to finish or ask again.
 */
export function TimeLimitNotice({ secondsLeft, statement, warnBeforeSeconds, warning }: TimeLimit) {
  const [warned, setWarned] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWarned(true), Math.max(0, (secondsLeft - warnBeforeSeconds) * 1000));
    return () => clearTimeout(timer);
  }, [secondsLeft, warnBeforeSeconds]);
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" data-time-limit="">
        {statement}
      </p>
      <div role="alert">{warned ? <p className="rounded-md border-2 border-caution-800 bg-amber-50 p-3 font-semibold">{warning}</p> : null}</div>
    </div>
  );
}
