import type { ReactNode } from 'react';

/** One titled part of a staff screen, reachable by its id (links and redirects land on it). */
export function StaffSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="space-y-3 scroll-mt-4">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** A short status word with a border, never colour alone. */
export function Badge({ tone, children }: { tone: 'ok' | 'caution' | 'warning' | 'neutral'; children: ReactNode }) {
  const tones = {
    ok: 'border-ok-700 bg-green-50 text-ok-700',
    caution: 'border-caution-800 bg-amber-50 text-caution-800',
    warning: 'border-warning-700 bg-red-50 text-warning-700',
    neutral: 'border-slate-500 bg-slate-100 text-slate-800',
  };
  return <span className={`inline-block rounded-full border px-2.5 py-0.5 text-sm font-semibold ${tones[tone]}`}>{children}</span>;
}

/** Term and description pairs, for the facts at the top of a screen. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
