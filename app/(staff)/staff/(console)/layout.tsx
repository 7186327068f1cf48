import type { ReactNode } from 'react';
import { StaffNav } from '@/components/staff/staff-nav';
import { requireStaff } from '@/lib/server/staff/require-staff';
import { ROLE_LABELS, isStaffRole } from '@/lib/server/staff/staff-permissions';
import { STAFF_NAV_ENTRIES } from './staff-nav-entries';

/**
 * The staff console's frame: its own navigation (only the tools this user's roles open) and sign
 * out. English only, and marked so. Every page checks its own permission again: a layout is not a
 * guard, it does not run on every navigation.
 */
export default async function StaffConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireStaff();
  const roles = actor.roles.filter(isStaffRole).map((role) => ROLE_LABELS[role]);
  return (
    <div lang="en" className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b-2 border-slate-300 pb-3">
        <StaffNav entries={STAFF_NAV_ENTRIES.filter((e) => actor.permissions.has(e.permission)).map(({ href, label }) => ({ href, label }))} />
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <p>
            Signed in as <strong>{actor.name}</strong> ({actor.username}; {roles.join(', ') || 'no role'})
          </p>
          {/* A plain post and a 303, not a server action: a new document, with no caller's record left in it. */}
          <form method="post" action="/staff/sign-out">
            <button type="submit" className="btn-secondary">
              Sign out
            </button>
          </form>
        </div>
      </div>
      {children}
    </div>
  );
}
