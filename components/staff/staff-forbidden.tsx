import Link from 'next/link';

/** A signed-in staff user whose role does not include the page's permission (staffWithPermission). */
export function StaffForbidden() {
  return (
    <div lang="en" className="space-y-4">
      <h1>You do not have access to this page</h1>
      <p>Your role does not include this part of the staff console. If you need it for your work, ask a supervisor or an administrator.</p>
      <Link href="/staff" className="btn-primary">
        Back to the staff console
      </Link>
    </div>
  );
}
