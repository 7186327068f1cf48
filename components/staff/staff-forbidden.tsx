import Link from 'next/link';
import { STAFF_FORBIDDEN_TITLE } from '@/lib/server/staff/require-staff';

/** A signed-in staff user whose role does not include the page's permission (staffWithPermission). */
export function StaffForbidden() {
  return (
    <div lang="en" className="space-y-4">
      <h1>{STAFF_FORBIDDEN_TITLE}</h1>
      <p>Your role does not include this part of the staff console. If you need it for your work, ask a supervisor or an administrator.</p>
      <Link href="/staff" className="btn-primary">
        Back to the staff console
      </Link>
    </div>
  );
}
