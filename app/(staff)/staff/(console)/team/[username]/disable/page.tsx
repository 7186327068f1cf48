import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import { StaffForbidden } from '@/components/staff/staff-forbidden';
import { listStaffAccounts } from '@/lib/server/staff/manage-staff';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { notFoundContent } from '@/lib/server/http/page-status';
import NotFound from '@/app/not-found';
import { manageStaffAction } from '../../actions';

export const dynamic = 'force-dynamic';
export const generateMetadata = (): Promise<Metadata> => staffPageMetadata('staff:manage', 'Disable a staff account');

/**
 * "Disable", step one: what disabling does (their sessions end at once), then one button, a plain
 * form post as on the member side's "Stop sharing". Enabling again needs no such step.
 */
export default async function DisableStaffPage({ params }: { params: Promise<{ username: string }> }) {
  const actor = await staffWithPermission('staff:manage');
  if (!actor) return <StaffForbidden />;
  const username = decodeURIComponent((await params).username);
  const account = (await listStaffAccounts()).find((a) => a.username === username);
  if (!account) return notFoundContent(<NotFound />);
  // Nothing to confirm: already disabled, or one's own account (refused anyway).
  if (account.disabled || account.username === actor.username) redirect('/staff/team');
  return (
    <div className="max-w-2xl space-y-6">
      <h1>
        Disable {account.name} ({account.username})?
      </h1>
      <section aria-labelledby="what-happens" className="card space-y-3">
        <h2 id="what-happens">What happens</h2>
        <ul className="list-disc space-y-2 pl-6">
          <li>
            Every session {account.name} has ends at once, on every workstation: the next thing they do in the console takes them to the sign-in page, and whatever they were typing and had not
            sent is lost. If they are on a call, let them finish it first.
          </li>
          <li>They cannot sign in until an administrator enables the account again on the Staff page.</li>
          <li>Their roles, and everything they did (the audit trail), stay as they are.</li>
        </ul>
      </section>
      <ActionForm action={manageStaffAction} errorTitle={`No change to ${account.username}`} className="flex flex-wrap items-center gap-4">
        <input type="hidden" name="username" value={account.username} />
        <SubmitButton name="do" value="disable" variant="danger">
          {`Disable ${account.username}`}
        </SubmitButton>
        <a href="/staff/team" className="inline-flex min-h-11 items-center">
          Cancel, keep the account
        </a>
      </ActionForm>
    </div>
  );
}
