import 'server-only';
import { formatInstantDate } from '@/lib/i18n/format-calendar-date';
import type { CasesPayload } from '@/lib/schemas/account';
import type { AccountWording } from './describe-connections';
import { caseReference, type AccountCase } from './list-account-cases';

/** The member's reports as the page and its live JSON show them. */
export function describeCases(cases: AccountCase[], { t, locale }: Pick<AccountWording, 't' | 'locale'>): CasesPayload {
  return {
    cases: cases.map((c) => ({
      id: c.id,
      reference: caseReference(c.id),
      appName: c.appName ?? c.otherAppName ?? t('caseNoApp'),
      kind: t(`caseKind_${c.kind}`),
      status: c.status,
      statusLabel: t(`caseStatus_${c.status}`),
      reportedOn: formatInstantDate(c.createdAt, locale),
    })),
  };
}
