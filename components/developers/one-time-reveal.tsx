'use client';

import type { ReactNode } from 'react';
import { useFormState } from '@/components/forms/action-form';

interface OneTimeRevealProps {
  title: string;
  lead: string;
  /** What each value of the answer is called, in the order shown. */
  labels: Record<string, string>;
  /** A link on to the next page; `{key}` in the address is filled from the answer (e.g. {appId}). */
  next?: { label: string; href: string };
  /** The form's own fields, until the answer comes. */
  children: ReactNode;
}

/**
 * Inside an ActionForm: once the server answers with values to show once (a new client id and
 * secret), they replace the form. They exist only in this answer: a reload shows the form again.
 */
export function OneTimeReveal({ title, lead, labels, next, children }: OneTimeRevealProps) {
  const { oneTime } = useFormState();
  if (!oneTime) return <>{children}</>;
  return (
    <div role="status" className="space-y-3 rounded-lg border-2 border-ok-700 bg-green-50 p-5">
      <h2>{title}</h2>
      <p>{lead}</p>
      <dl className="space-y-2">
        {Object.entries(labels)
          .filter(([key]) => oneTime[key])
          .map(([key, label]) => (
            <div key={key}>
              <dt className="font-semibold">{label}</dt>
              <dd>
                <code data-testid={`one-time-${key}`} className="block rounded bg-white px-3 py-2 break-all">
                  {oneTime[key]}
                </code>
              </dd>
            </div>
          ))}
      </dl>
      {next ? (
        <a href={next.href.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(oneTime[key] ?? ''))} className="btn-secondary">
          {next.label}
        </a>
      ) : null}
    </div>
  );
}
