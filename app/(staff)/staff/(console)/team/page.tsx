import type { Metadata } from 'next';
import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import { Badge } from '@/components/staff/staff-section';
import { formatDateTime } from '@/lib/server/account/format-date-time';
import { listStaffAccounts } from '@/lib/server/staff/manage-staff';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { StaffForbidden } from '@/components/staff/staff-forbidden';
import { ROLE_LABELS, STAFF_ROLES } from '@/lib/server/staff/staff-permissions';
import { manageStaffAction } from './actions';
import { disableStaffPath } from './disable-staff-path';

export const dynamic = 'force-dynamic';
export const generateMetadata = (): Promise<Metadata> => staffPageMetadata('staff:manage', 'Staff');

const SOURCE_LABELS = { local: 'Password', demo: 'Demo account (password published)', oidc: 'Your organization’s sign-in' } as const;

/** Who works in the console: their roles, whether they may sign in, and a way to lift a sign-in lockout. */
export default async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await staffWithPermission('staff:manage');
  if (!actor) return <StaffForbidden />;
  const changed = (await searchParams).changed;
  const accounts = await listStaffAccounts();
  return (
    <div className="space-y-6">
      <h1>Staff</h1>
      {typeof changed === 'string' ? (
        <p role="status" className="rounded-md border-2 border-ok-700 bg-green-50 p-3 font-semibold">
          Saved the change to {changed}.
        </p>
      ) : null}
      <p className="max-w-3xl">
        New accounts with a password are added on the server with <code>npm run staff:add</code>. What each role may do is in the README (“The staff console”). Every change here is in the audit trail.
      </p>
      <ul className="space-y-4">
        {accounts.map((account) => {
          const id = account.username.replace(/[^a-z0-9]/gi, '-');
          return (
            <li key={account.username} className="card space-y-3">
              <h2>
                {account.name} <span className="text-base font-normal">({account.username})</span>{' '}
                {account.disabled ? <Badge tone="neutral">Disabled</Badge> : null}
                {account.lockedUntil ? <Badge tone="warning">Locked until {formatDateTime(account.lockedUntil, 'en')}</Badge> : null}
              </h2>
              <p>Signs in with: {SOURCE_LABELS[account.source]}</p>
              <ActionForm action={manageStaffAction} errorTitle={`No change to ${account.username}`} className="space-y-3">
                <input type="hidden" name="username" value={account.username} />
                <fieldset disabled={account.source === 'oidc'} className="space-y-1">
                  <legend className="font-semibold">Roles{account.source === 'oidc' ? ' (from their groups)' : ''}</legend>
                  {STAFF_ROLES.map((role) => (
                    <div key={role} className="flex items-center gap-2">
                      <input type="checkbox" id={`roles-${id}-${role}`} name="roles" value={role} defaultChecked={account.roles.includes(role)} className="size-5 accent-brand-700" />
                      <label htmlFor={`roles-${id}-${role}`}>{ROLE_LABELS[role]}</label>
                    </div>
                  ))}
                </fieldset>
                <div className="flex flex-wrap gap-2">
                  {account.source !== 'oidc' ? (
                    <SubmitButton name="do" value="roles" variant="secondary">
                      Save roles
                    </SubmitButton>
                  ) : null}
                  {account.lockedUntil ? (
                    <SubmitButton name="do" value="unlock" variant="secondary">
                      Unlock sign-in
                    </SubmitButton>
                  ) : null}
                  {account.username === actor.username ? null : account.disabled ? (
                    <SubmitButton name="do" value="enable" variant="secondary">
                      Enable
                    </SubmitButton>
                  ) : (
                    // Disabling ends their sessions at once: it is confirmed on a page of its own first.
                    <a href={disableStaffPath(account.username)} className="btn-secondary">
                      Disable…
                    </a>
                  )}
                </div>
              </ActionForm>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
