import type { AppStatus } from '@/lib/app-review-criteria';

export const STATUS_LABELS: Record<AppStatus, string> = {
  pending: 'Waiting for review',
  approved: 'Approved (in the gallery)',
  denied: 'Denied',
  suspended: 'Suspended',
};
