import 'server-only';
import type { AppDecision, AppStatus } from '@/lib/app-review-criteria';

/** What the developer's status page says: an app back after a suspension reads "reinstated". */
export type DeveloperAppStatus = AppStatus | 'reinstated';

export function developerAppStatus(status: AppStatus, lastDecision: AppDecision | null): DeveloperAppStatus {
  return status === 'approved' && lastDecision === 'reinstate' ? 'reinstated' : status;
}
