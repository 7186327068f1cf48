import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { ActionForm } from '@/components/forms/action-form';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Badge, Facts, StaffSection } from '@/components/staff/staff-section';
import { appClock, todayIn } from '@/lib/calendar';
import { loadRepresentativeRecord } from '@/lib/server/staff/load-representative-record';
import { recordStaffMemberAccess } from '@/lib/server/staff/record-staff-member-access';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { StaffForbidden } from '@/components/staff/staff-forbidden';
import { StaffLookupLimited } from '@/components/staff/staff-lookup-limited';
import { recordAuthorityEndAction } from './actions';
import { notFoundContent } from '@/lib/server/http/page-status';
import NotFound from '@/app/not-found';

export const dynamic = 'force-dynamic';
export const generateMetadata = (): Promise<Metadata> => staffPageMetadata('members:read', 'Representative');

/** A caller who acts for members: whom, under which authority, and whether it holds today. */
export default async function RepresentativePage({ params, searchParams }: { params: Promise<{ repId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await staffWithPermission('members:read');
  if (!actor) return <StaffForbidden />;
  const ended = (await searchParams).ended;
  const canEnd = actor.permissions.has('consent:revoke');
  const today = todayIn(appClock());
  const repId = decodeURIComponent((await params).repId);
  if (!/^[A-Za-z0-9-]{1,40}$/.test(repId)) return notFoundContent(<NotFound />);
  const access = await recordStaffMemberAccess(actor, { action: 'staff.representative-viewed', repId }, (await headers()).get('x-request-id'));
  if (!access.allowed) return <StaffLookupLimited retryAfterSeconds={access.retryAfterSeconds} what="records" />;
  const record = await loadRepresentativeRecord(repId);
  if (!record) return notFoundContent(<NotFound />);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1>{record.name}</h1>
        <Facts
          items={[
            ['Representative ID', record.repId],
            ['Date of birth', record.birthDate],
            ['Email on file', record.maskedEmail],
          ]}
        />
        <p>A representative proves their own identity (their name, date of birth, representative ID, ZIP code and a code sent to their own email), then chooses whose record to act on.</p>
      </div>
      <StaffSection id="members" title="Members they act for">
        <ul className="space-y-2">
          {record.members.map((m) => (
            <li key={`${m.memberId}-${m.authority}`} className="card">
              <a href={`/staff/members/${m.memberId}`} className="text-lg font-semibold">
                {m.name}
              </a>{' '}
              ({m.authority}) <Badge tone={m.active ? 'ok' : 'neutral'}>{m.active ? 'Active' : 'Not active'}</Badge>
              <p>{m.status}</p>
              {ended === String(m.authorityId) ? (
                <p role="status" className="mt-2 font-semibold">
                  The end is recorded. From the day after it, every connection they made for {m.name} ends, and both are emailed why.
                </p>
              ) : null}
              {canEnd && m.active ? (
                <details className="mt-3">
                  <summary className="cursor-pointer font-semibold">Record when this authority ends</summary>
                  <ActionForm action={recordAuthorityEndAction} errorTitle="The end was not recorded" idSuffix={String(m.authorityId)} className="mt-3 space-y-3">
                    <p>From the form or call that ends it. It can only come sooner; a longer authority needs a new designation.</p>
                    <input type="hidden" name="repId" value={record.repId} />
                    <input type="hidden" name="authorityId" value={m.authorityId} />
                    <TextField name="lastDay" type="date" min={today} label={`Last day ${record.name} may act for ${m.name}`} hint="Year, month and day, like 2027-01-31." />
                    <RadioGroup
                      name="reason"
                      legend="Why it ends"
                      options={[
                        { value: 'member-withdrew', label: 'The member withdrew the designation' },
                        { value: 'term-ends', label: 'The designation’s term ends' },
                        { value: 'court-or-agency', label: 'A court or agency decision' },
                      ]}
                    />
                    <SubmitButton>Record the end</SubmitButton>
                  </ActionForm>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      </StaffSection>
      <StaffSection id="verification" title="Recent identity checks">
        {record.verification.locks.map((lock) => (
          <p key={lock}>
            <Badge tone="warning">Locked</Badge> {lock}
          </p>
        ))}
        {record.verification.attempts.length === 0 ? (
          <p>No identity checks recently.</p>
        ) : (
          <ul className="space-y-1">
            {record.verification.attempts.map((a, i) => (
              <li key={`${a.at.toISOString()}-${i}`}>
                {a.when}: {a.step}. {a.outcome}
              </li>
            ))}
          </ul>
        )}
      </StaffSection>
    </div>
  );
}
