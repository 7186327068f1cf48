import { setPageStatus } from '@/lib/server/http/page-status';
import { staffSay } from '@/lib/server/staff/staff-messages';

/**
 * A staff user past the lookup limit (recordStaffMemberAccess): what to do, and a 429, so that a
 * monitor or a script sees the refusal and not a page that loaded.
 */
export function StaffLookupLimited({ retryAfterSeconds, what }: { retryAfterSeconds: number; what: 'members' | 'records' }) {
  setPageStatus(429);
  return (
    <div role="alert" className="space-y-2 rounded-md border-2 border-warning-700 bg-red-50 p-5">
      <h1>Too many lookups</h1>
      <p>{staffSay('lookupLimitedPage', { what, minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) })}</p>
    </div>
  );
}
