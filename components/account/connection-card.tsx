'use client';

import { useTranslations } from 'next-intl';
import type { ConnectionView } from '@/lib/schemas/account';

const STATE_BADGE: Record<ConnectionView['state'], string> = {
  active: 'border-ok-700 bg-green-50 text-ok-700',
  paused: 'border-caution-800 bg-amber-50 text-caution-800',
  ended: 'border-slate-500 bg-slate-100 text-slate-800',
};

/** One connection: what the app may get, who approved it and until when, its last read, and what to do. */
export function ConnectionCard({
  connection: c,
  headingLevel,
  showHistoryLink = true,
  compact = false,
}: {
  connection: ConnectionView;
  headingLevel: 2 | 3 | 4;
  showHistoryLink?: boolean;
  /** Past connections in a list: what it could get, when and why it ended, its last read. */
  compact?: boolean;
}) {
  const t = useTranslations('account');
  const Heading = `h${headingLevel}` as const;
  const current = c.state !== 'ended';
  const mayChange = c.canChange !== false;
  const links = [
    showHistoryLink ? { href: `/account/connections/${c.grantId}`, label: t('seeHistory'), danger: false } : null,
    c.state === 'active' && mayChange ? { href: `/account/connections/${c.grantId}/change`, label: t('changeSharing'), danger: false } : null,
    current && mayChange ? { href: `/account/connections/${c.grantId}/stop`, label: t('stopSharing'), danger: true } : null,
  ].filter((link) => link !== null);
  const row = (label: string, value: React.ReactNode) => (
    <div className="sm:grid sm:grid-cols-[14rem_1fr] sm:gap-3">
      <dt className="text-sm font-semibold text-slate-700 sm:text-base">{label}</dt>
      <dd className="mb-2 sm:mb-0">{value}</dd>
    </div>
  );
  return (
    <li className={`card space-y-3 ${current ? '' : 'bg-slate-50'}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Heading className="text-lg font-semibold">{c.appName}</Heading>
        <span className={`rounded-full border px-2.5 py-0.5 text-sm font-semibold ${STATE_BADGE[c.state]}`}>{t(`state_${c.state}`)}</span>
      </div>
      {c.note ? <p className={current ? 'rounded-md bg-amber-50 p-3' : ''}>{c.note}</p> : null}
      <dl className="space-y-1">
        {row(current ? t('labelCategories') : t('labelCategoriesPast'), c.categories.join(', '))}
        {compact ? null : row(t('labelSensitive'), c.sensitive)}
        {compact ? null : row(t('labelYears'), c.years)}
        {row(t('labelApprovedBy'), `${c.approvedBy}, ${c.approvedOn}`)}
        {row(current ? t('labelEndsOn') : t('labelEndedOn'), c.endsOn)}
        {row(t('labelLastRead'), c.lastReadAt ? <time dateTime={c.lastReadAt}>{c.lastRead}</time> : c.lastRead)}
      </dl>
      {links.length > 0 ? (
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href} className={`inline-flex min-h-11 items-center ${link.danger ? 'font-semibold text-warning-700 hover:text-red-900' : ''}`}>
                {link.label}
                <span className="sr-only">: {c.linkName}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
