import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/forms/action-form';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextAreaField, TextField } from '@/components/forms/text-field';
import { Facts, StaffSection } from '@/components/staff/staff-section';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { PAYER } from '@/lib/payer';
import { CASE_STATUSES } from '@/lib/schemas/staff';
import { formatDateTime } from '@/lib/server/account/format-date-time';
import { caseReference } from '@/lib/server/account/list-account-cases';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, reportedByLabel } from '@/lib/server/staff/case-handling';
import { listCaseOwners, loadCase } from '@/lib/server/staff/load-case';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { StaffForbidden } from '@/components/staff/staff-forbidden';
import { addCaseNoteAction, updateCaseAction } from '../actions';
import { notFoundContent } from '@/lib/server/http/page-status';
import NotFound from '@/app/not-found';

export const dynamic = 'force-dynamic';
export const generateMetadata = (): Promise<Metadata> => staffPageMetadata('cases:manage', 'Case');

type Props = { params: Promise<{ caseId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One case: what was reported, and the privacy officer's handling (status, owner, due date, referrals, notes). */
export default async function CasePage({ params, searchParams }: Props) {
  const viewer = await staffWithPermission('cases:manage');
  if (!viewer) return <StaffForbidden />;
  const record = await loadCase((await params).caseId);
  if (!record) return notFoundContent(<NotFound />);
  const query = await searchParams;
  const owners = await listCaseOwners(record.aboutStaff);
  // An owner who can no longer work cases stays shown (and kept by a save that does not change it).
  if (record.owner && !owners.some((o) => o.username === record.owner)) owners.push({ username: record.owner, name: `${record.owner}, who can no longer work cases` });
  const aboutViewer = record.aboutStaff === viewer.username;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p>
          <Link href="/staff/cases">Back to the queue</Link>
        </p>
        <h1>Case {caseReference(record.id)}</h1>
        {query.saved === '1' ? (
          <p role="status" className="rounded-md border-2 border-ok-700 bg-green-50 p-3 font-semibold">
            Saved.
          </p>
        ) : null}
        <Facts
          items={[
            ['Kind', CASE_KIND_LABELS[record.kind] ?? record.kind],
            ['Opened', formatDateTime(record.createdAt, 'en')],
            ['From', reportedByLabel(record.reportedByKind, record.reportedById)],
            ['Member', record.memberId ? <a href={`/staff/members/${record.memberId}`}>{`${record.memberName} (${record.memberId})`}</a> : '—'],
            ['App', record.appName ?? record.otherAppName ?? '—'],
            ['About staff user', record.aboutStaff ? <a href={`/staff/audit?staff=${encodeURIComponent(record.aboutStaff)}`}>{`${record.aboutStaff} (see their audit trail)`}</a> : '—'],
            ['Contact given', record.contact ?? '—'],
            ['Status', CASE_STATUS_LABELS[record.status]],
            ['Due', record.dueOn ? formatCalendarDate(record.dueOn, 'en') : '—'],
          ]}
        />
        <h2>What was reported</h2>
        <p className="whitespace-pre-line rounded-md border border-slate-300 bg-slate-50 p-4">{record.description}</p>
      </div>

      {aboutViewer ? (
        <p role="note" className="rounded-md border border-caution-800 bg-amber-50 p-3 font-semibold">
          This case is about you, so another privacy officer handles it. You can read it, but not change it or add notes.
        </p>
      ) : null}

      <StaffSection id="handling" title="Handling">
        {aboutViewer ? null : (
          <ActionForm action={updateCaseAction} errorTitle="The case was not saved" className="card space-y-3">
            <input type="hidden" name="caseId" value={record.id} />
            {/* The handling as this page shows it: only what the user changes from it is saved. */}
            <input type="hidden" name="shownStatus" value={record.status} />
            <input type="hidden" name="shownOwner" value={record.owner ?? ''} />
            <input type="hidden" name="shownDueOn" value={record.dueOn ?? ''} />
            <input type="hidden" name="shownOcr" value={record.referredToOcr ? 'yes' : 'no'} />
            <input type="hidden" name="shownFtc" value={record.referredToFtc ? 'yes' : 'no'} />
            <RadioGroup name="status" legend="Status" initialValue={record.status} options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))} />
            <RadioGroup
              name="owner"
              legend="Owner"
              initialValue={record.owner ?? ''}
              options={[...owners.map((o) => ({ value: o.username, label: `${o.name} (${o.username})` })), { value: '', label: 'Nobody yet' }]}
            />
            <TextField name="dueOn" label="Due date" hint="Year, month and day, like 2027-01-31." type="date" initialValue={record.dueOn ?? ''} className="mb-2 max-w-xs" />
            <fieldset className="space-y-2">
              <legend className="font-semibold">Where the member was told they can complain</legend>
              <CheckboxField name="referredToOcr" label="Office for Civil Rights (OCR)" hint={`About ${PAYER.name} and health privacy: ${PAYER.ocrComplaintUrl}`} initialChecked={record.referredToOcr} />
              <CheckboxField name="referredToFtc" label="Federal Trade Commission (FTC)" hint={`About an app: ${PAYER.ftcComplaintUrl}`} initialChecked={record.referredToFtc} />
            </fieldset>
            <SubmitButton>Save</SubmitButton>
          </ActionForm>
        )}
      </StaffSection>

      <StaffSection id="notes" title="Notes">
        {record.notes.length === 0 ? (
          <p>No notes yet.</p>
        ) : (
          <ol className="space-y-2">
            {record.notes.map((note) => (
              <li key={note.id} className="card">
                <p className="text-sm text-slate-700">
                  {note.author}, {formatDateTime(note.createdAt, 'en')}
                </p>
                <p className="whitespace-pre-line">{note.body}</p>
              </li>
            ))}
          </ol>
        )}
        {aboutViewer ? null : (
          <ActionForm action={addCaseNoteAction} errorTitle="The note was not added" className="space-y-3">
            <input type="hidden" name="caseId" value={record.id} />
            <TextAreaField name="note" label="Add a note" hint="Notes are kept as written; they cannot be edited." rows={4} maxLength={4000} />
            <SubmitButton variant="secondary">Add the note</SubmitButton>
          </ActionForm>
        )}
      </StaffSection>
    </div>
  );
}
