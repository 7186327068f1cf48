'use client';

import { useTranslations } from 'next-intl';
import type { CasesPayload, CaseView } from '@/lib/schemas/account';
import type { LiveErrorKind } from './live-data';
import { LiveStatus } from './live-status';

const STATUS_BADGE: Record<CaseView['status'], string> = {
  open: 'border-brand-700 bg-brand-50 text-brand-800',
  in_review: 'border-caution-800 bg-amber-50 text-caution-800',
  closed: 'border-slate-500 bg-slate-100 text-slate-800',
};

/** The member's reports and where each one stands. */
export function CasesView({ data, error }: { data: CasesPayload; error: LiveErrorKind | null }) {
  const t = useTranslations('account');
  return (
    <div className="space-y-3">
      <LiveStatus error={error} />
      {data.cases.length === 0 ? (
        <p>{t('noReports')}</p>
      ) : (
        <ul className="space-y-3">
          {data.cases.map((c) => (
            <li key={c.id} className="card flex flex-wrap items-start justify-between gap-2">
              <div>
                <p className="font-semibold">
                  {c.kind}: {c.appName}
                </p>
                <p className="text-sm text-slate-700">
                  {t('caseReference', { reference: c.reference })} · {t('caseReportedOn', { date: c.reportedOn })}
                </p>
              </div>
              <p className={`rounded-full border px-2.5 py-0.5 text-sm font-semibold ${STATUS_BADGE[c.status]}`}>
                <span className="sr-only">{t('caseStatus')}: </span>
                {c.statusLabel}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
