import 'server-only';
import type { CaseKind } from '@/lib/db/schema';

/** The queue's words for the stored statuses (the member's account has its own, translated). */
export const CASE_STATUS_LABELS = { open: 'New', in_review: 'Investigating', closed: 'Closed' } as const;
export type CaseStatus = keyof typeof CASE_STATUS_LABELS;

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  breach: 'Suspected breach',
  misuse: 'Misuse by an app',
  complaint: 'Complaint about an app',
  other: 'Other',
  'staff-access': 'Staff viewed many members',
};

/** Who reported it, as the queue shows it. */
export function reportedByLabel(kind: string, id: string | null): string {
  switch (kind) {
    case 'member':
      return 'Member (Report a problem)';
    case 'representative':
      return `Representative ${id ?? ''} (Report a problem)`.replace('  ', ' ');
    case 'staff':
      return `Customer service (${id ?? 'unknown'})`;
    default:
      return 'System';
  }
}
