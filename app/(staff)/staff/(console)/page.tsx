import type { Metadata } from 'next';
import { CallerLookupForm } from '@/components/staff/caller-lookup-form';
import { requireStaff } from '@/lib/server/staff/require-staff';
import { lookupCallerAction } from './actions';
import { STAFF_NAV_ENTRIES } from './staff-nav-entries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Staff console' };

/** Customer service starts here: find the caller. Others see the tools their roles open. */
export default async function StaffHome() {
  const actor = await requireStaff();
  if (!actor.permissions.has('members:read')) {
    const tools = STAFF_NAV_ENTRIES.filter((e) => actor.permissions.has(e.permission));
    return (
      <div className="space-y-4">
        <h1>Staff console</h1>
        {tools.length ? (
          <ul className="list-disc space-y-1 pl-6">
            {tools.map((tool) => (
              <li key={tool.href}>
                <a href={tool.href}>{tool.label}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>Your account has no role yet. Ask an administrator.</p>
        )}
      </div>
    );
  }
  return (
    <div className="max-w-3xl space-y-4">
      <h1>Find a caller</h1>
      <p>Every lookup is recorded with your name. Look up only people you are helping now.</p>
      <CallerLookupForm action={lookupCallerAction} />
    </div>
  );
}
