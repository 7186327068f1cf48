import type { Metadata } from 'next';
import { FocusOnArrival } from '@/components/ui/focus-on-arrival';
import { headers } from 'next/headers';
import { ActionForm } from '@/components/forms/action-form';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextAreaField, TextField } from '@/components/forms/text-field';
import { PlanSelectField } from '@/components/sharing/plan-select-field';
import { Badge, Facts, StaffSection } from '@/components/staff/staff-section';
import { STAFF_CASE_KINDS, STOP_REASONS, type StopReason } from '@/lib/schemas/staff';
import { appClock, todayIn } from '@/lib/calendar';
import { formatDateTime } from '@/lib/server/account/format-date-time';
import { getDb } from '@/lib/db/client';
import { listGalleryApps } from '@/lib/server/apps/list-gallery-apps';
import { customerServiceStopWords } from '@/lib/server/consent/customer-service-stop';
import { loadSharingOverview, type SharingHistoryEntry } from '@/lib/server/sharing/load-sharing-overview';
import { listPhoneChoiceCallers, phoneCallerValue, type PhoneChoiceCaller } from '@/lib/server/sharing/phone-choice-callers';
import { PHONE_CALLER_SELF } from '@/lib/server/sharing/record-sharing-choice';
import { listRegisteredPlans } from '@/lib/server/sharing/registered-plans';
import { callerLanguageBeforeChoice, loadCallerLanguages, type CallerLanguages } from '@/lib/server/staff/caller-languages';
import { CASE_KIND_LABELS } from '@/lib/server/staff/case-handling';
import { listConnectLinkCallers, type ConnectLinkCaller } from '@/lib/server/staff/list-connect-link-callers';
import { loadCallerRecord, type CallerConnection } from '@/lib/server/staff/load-caller-record';
import { authorityName } from '@/lib/server/staff/staff-wording';
import { recordStaffMemberAccess } from '@/lib/server/staff/record-staff-member-access';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { CallerLanguageFollows } from '@/components/staff/caller-language-follows';
import { StaffForbidden } from '@/components/staff/staff-forbidden';
import { StaffLookupLimited } from '@/components/staff/staff-lookup-limited';
import { logCaseAction, recordPhoneSharingChoiceAction, sendConnectLinkAction, stopConnectionAction } from './actions';
import { notFoundContent } from '@/lib/server/http/page-status';
import NotFound from '@/app/not-found';

export const dynamic = 'force-dynamic';
export const generateMetadata = (): Promise<Metadata> => staffPageMetadata('members:read', 'Caller');

type Props = { params: Promise<{ memberId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const STOP_REASON_STAFF_LABELS: Record<StopReason, string> = {
  'caller-asked': 'The caller asked us to stop it',
  'caller-did-not-approve': 'The caller did not approve this connection',
  'suspected-misuse': 'The caller thinks the app misuses their information',
  'lost-device': 'The caller lost the phone or computer that has the app',
  'representative-asked': 'The member’s representative asked us to stop it',
};

const ELIGIBILITY_BADGE = { yes: ['ok', 'Yes'], 'not-yet': ['caution', 'Not yet'], no: ['warning', 'No'] } as const;

/**
 * The one screen for a caller: can they connect and why, where their data is, who may act for
 * them, every connection, recent identity checks; and what customer service can do for them.
 * Opening it is counted against the lookup limit and written to the audit trail first.
 */
export default async function CallerPage({ params, searchParams }: Props) {
  const actor = await staffWithPermission('members:read');
  if (!actor) return <StaffForbidden />;
  const { memberId } = await params;
  const query = await searchParams;
  if (!/^\d{6,20}$/.test(memberId)) return notFoundContent(<NotFound />);
  const access = await recordStaffMemberAccess(actor, { action: 'staff.member-viewed', memberId }, (await headers()).get('x-request-id'));
  if (!access.allowed) return <StaffLookupLimited retryAfterSeconds={access.retryAfterSeconds} what="members" />;
  const record = await loadCallerRecord(memberId);
  if (!record) return notFoundContent(<NotFound />);
  const can = (permission: Parameters<typeof actor.permissions.has>[0]) => actor.permissions.has(permission);
  const current = record.connections.filter((c) => c.current);
  const past = record.connections.filter((c) => !c.current);
  const stopped = typeof query.stopped === 'string' ? record.connections.find((c) => c.grantId === query.stopped && !c.current) : undefined;
  const loggedCase = typeof query.case === 'string' ? record.cases.find((c) => c.id === query.case) : undefined;
  const [badgeTone, badgeWord] = ELIGIBILITY_BADGE[record.eligibility.answer];
  const galleryApps = can('flow:send-link') || can('cases:create') ? await listGalleryApps() : [];
  const db = await getDb();
  const sharing = await loadSharingOverview(db, record.memberId);
  const phoneCallers = can('consent:revoke') ? await listPhoneChoiceCallers(db, record.memberId, todayIn(appClock())) : null;
  const registeredPlans = phoneCallers && !phoneCallers.deceased ? await listRegisteredPlans(db) : [];
  const linkCallers = can('flow:send-link') ? ((await listConnectLinkCallers(db, record.memberId, todayIn(appClock()))) ?? []) : [];
  // Each caller's own language on file: the forms start on it, and follow the caller chosen.
  const callerLanguages = await loadCallerLanguages(db, record.memberId, [
    ...(phoneCallers?.callers ?? []).flatMap((c) => (c.kind === 'representative' ? [c.repId] : [])),
    ...linkCallers.flatMap((c) => (c.kind === 'representative' ? [c.repId] : [])),
  ]);
  const phoneCallerValues = (phoneCallers?.callers ?? []).map(phoneCallerValue);
  const emailed = stopped ? whoWasEmailed(query.emailed, record.name, stopped) : null;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1>{record.name}</h1>
        <Facts
          items={[
            ['Member ID', record.memberId],
            ['Date of birth', record.birthDate],
            ['City', record.city],
            ['Email on file', record.maskedEmail],
            ['Language', record.language],
          ]}
        />
      </div>

      {stopped ? (
        <FocusOnArrival className="rounded-md border-2 border-ok-700 bg-green-50 p-4 font-semibold">
          The connection to {stopped.appName} is stopped. The app cannot read anything more.{emailed ? ` We emailed ${emailed}` : ''}
        </FocusOnArrival>
      ) : null}
      {loggedCase ? (
        <FocusOnArrival className="rounded-md border-2 border-ok-700 bg-green-50 p-4 font-semibold">
          Case {loggedCase.reference} is logged and in the privacy officer’s queue. Give the caller this reference.
        </FocusOnArrival>
      ) : null}

      <StaffSection id="eligibility" title="Can they connect an app?">
        <div className="card space-y-2">
          <p className="text-lg">
            <Badge tone={badgeTone}>{badgeWord}</Badge> <strong>{record.eligibility.headline}</strong>
          </p>
          <p>{record.eligibility.why}</p>
          {record.eligibility.nextStep ? <p>What they can do: {record.eligibility.nextStep}</p> : null}
          <p>Where their data is: {record.routing}</p>
        </div>
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">Coverage on file</summary>
          <ul className="list-disc pl-6">
            {record.coverage.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      </StaffSection>

      <StaffSection id="representatives" title="Representatives">
        {record.representatives.length === 0 ? (
          <p>Nobody is on file to act for this member.</p>
        ) : (
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Representatives and their authority</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-1 pr-3">Representative</th>
                <th scope="col" className="py-1 pr-3">Authority</th>
                <th scope="col" className="py-1 pr-3">Dates on file</th>
                <th scope="col" className="py-1">Today</th>
              </tr>
            </thead>
            <tbody>
              {record.representatives.map((r) => (
                <tr key={`${r.repId}-${r.type}`} className="border-b border-slate-200 align-top">
                  <td className="py-1 pr-3">
                    <a href={`/staff/representatives/${encodeURIComponent(r.repId)}`}>{r.repName}</a> ({r.repId})
                  </td>
                  <td className="py-1 pr-3">{r.type}</td>
                  <td className="py-1 pr-3">{r.dates}</td>
                  <td className="py-1">{r.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </StaffSection>

      <StaffSection id="connections" title="Connected apps">
        {current.length === 0 ? <p>No app can read their data now.</p> : <ConnectionList label="Current connections" connections={current} />}
        {past.length ? (
          <details>
            <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">Past connections ({past.length})</summary>
            <ConnectionList label="Past connections" connections={past} />
          </details>
        ) : null}
        {current.length && can('consent:revoke') ? (
          <div className="card space-y-3">
            <h3 className="text-lg font-semibold">Stop a connection for the caller</h3>
            <p>
              The app’s access ends at once. The member’s account says that customer service stopped it, and why (the reason you choose). We email whoever approved it, in their language. When a
              representative approved it, we also email the member, unless they are under 18 or have died. Your name is not shown to them.
            </p>
            <ActionForm action={stopConnectionAction} errorTitle="The connection was not stopped">
              <input type="hidden" name="memberId" value={record.memberId} />
              <RadioGroup
                name="grantId"
                legend="Which connection"
                options={current.map((c) => ({ value: c.grantId, label: c.appName, hint: `Approved ${c.approvedOn} by ${c.approvedBy === 'The member' ? 'the member' : c.approvedBy}` }))}
                initialValue={current.length === 1 ? current[0].grantId : undefined}
              />
              <RadioGroup
                name="reason"
                legend="Why"
                options={STOP_REASONS.map((reason) => ({ value: reason, label: STOP_REASON_STAFF_LABELS[reason], hint: `The member reads: “${customerServiceStopWords('en').reason(reason)}”` }))}
              />
              <TextAreaField name="note" label="Note for the record (optional; staff only, the member does not see it)" rows={3} maxLength={1000} />
              <SubmitButton>Stop this connection</SubmitButton>
            </ActionForm>
          </div>
        ) : null}
      </StaffSection>

      <StaffSection id="sharing" title="Sharing with providers and other health plans">
        {query.sharing === 'saved' || query.sharing === 'same' ? (
          <FocusOnArrival className="rounded-md border-2 border-ok-700 bg-green-50 p-4 font-semibold">
            {query.sharing === 'saved'
              ? 'The caller’s choice is saved as made by phone with customer service. A receipt is on its way by email (for a member under 18, to the parent or guardian).'
              : 'That was already their choice. Nothing changed.'}
          </FocusOnArrival>
        ) : null}
        <Facts
          items={[
            ['Sharing with their providers', sharing.providerAccess.on ? 'On (the default unless they turn it off)' : 'Off'],
            [
              'Sharing with other health plans',
              sharing.payerToPayer.on
                ? `On: ${sharing.payerToPayer.plans.map((p) => `${p.name} (member ID ${p.memberId}, ${p.relation === 'previous' ? 'previous plan' : 'plan they have now'})`).join('; ')}; ${sharing.payerToPayer.policy === 'sensitive' ? 'behavioral health and substance use data included' : 'no behavioral health or substance use data'}`
                : 'Off (the default unless they turn it on)',
            ],
          ]}
        />
        {sharing.history.length ? (
          <ul className="list-disc pl-6">
            {sharing.history.map((h, i) => (
              <li key={i}>
                {formatDateTime(h.at, 'en')}: {h.kind === 'provider_access' ? 'providers' : 'other health plans'} turned {h.decision === 'permit' ? 'on' : 'off'},{' '}
                {madeByWords(h)}
              </li>
            ))}
          </ul>
        ) : (
          <p>No choices recorded: the defaults apply.</p>
        )}
        {phoneCallers?.deceased ? (
          <div className="card space-y-2">
            <h3 className="text-lg font-semibold">No choice can be recorded</h3>
            <p>This member has died. Death ends every representative’s authority, so nobody can make a sharing choice for them.</p>
            <p>What the caller can do: a personal representative can ask for the member’s records with a member records request.</p>
          </div>
        ) : phoneCallers ? (
          <ActionForm action={recordPhoneSharingChoiceAction} errorTitle="The choice was not recorded" className="card space-y-3">
            <h3 className="text-lg font-semibold">Record a choice the caller makes by phone</h3>
            <p>
              Only the people listed below can make this choice: the member, unless they are under 18 and a parent, guardian or personal representative acts for them; and a parent, legal guardian
              or personal representative acting for them today. A designee (authorized representative) cannot make these choices
              {phoneCallers.designees.length ? `: that includes ${phoneCallers.designees.map((d) => d.name).join(' and ')}` : ''}.
            </p>
            <p>
              The member’s page and the audit trail will say it was made by phone with customer service, and the audit trail and this page say who called. The member is emailed a receipt; for a
              member under 18, their parent or guardian is, never the child. The language you choose is saved as the caller’s, and a receipt to them is in it. It starts on the
              caller’s language on file (under each name); with none chosen, the caller’s own is kept.
            </p>
            <input type="hidden" name="memberId" value={record.memberId} />
            <RadioGroup
              name="caller"
              legend="Who is calling?"
              options={phoneCallers.callers.map((c) => ({ value: phoneCallerValue(c), label: callerLabel(c), hint: languageOnFile(callerLanguages, phoneCallerValue(c)) }))}
            />
            <RadioGroup name="language" legend="Which language does the caller speak?" options={LANGUAGE_OPTIONS} initialValue={callerLanguageBeforeChoice(phoneCallerValues, callerLanguages)} />
            <CallerLanguageFollows callerField="caller" languageField="language" languages={callerLanguages} />
            <RadioGroup
              name="choice"
              legend="What does the caller want?"
              options={[
                { value: 'providers-off', label: 'Turn off sharing with their providers' },
                { value: 'providers-on', label: 'Turn sharing with their providers back on' },
                { value: 'next-plan-on', label: 'Turn on sharing with another health plan (fill in below)' },
                { value: 'next-plan-off', label: 'Stop sharing with other health plans' },
              ]}
            />
            <PlanSelectField
              name="planName"
              label="Other health plan (only to turn on sharing with another plan)"
              hint="Only plans connected to ask us for data are listed."
              placeholder="Choose a plan"
              plans={registeredPlans}
              notListedLabel="The caller’s plan is not on this list"
            />
            <TextField name="planMemberId" label="Their member ID at that plan" maxLength={40} autoComplete="off" />
            <RadioGroup
              name="relation"
              legend="Is it their previous plan or a plan they have now?"
              options={[
                { value: 'previous', label: 'Previous plan' },
                { value: 'concurrent', label: 'A plan they have now' },
              ]}
            />
            <RadioGroup
              name="policy"
              legend="May behavioral health and substance use data go too?"
              options={[
                { value: 'regular', label: 'No, leave it out' },
                { value: 'sensitive', label: 'Yes, share it too' },
              ]}
            />
            <SubmitButton>Record the caller’s choice</SubmitButton>
          </ActionForm>
        ) : null}
      </StaffSection>

      {can('flow:send-link') ? (
        <StaffSection id="send-link" title="Send a link to connect an app">
          {record.eligibility.answer !== 'yes' ? (
            <p>They cannot connect an app today, so there is no link to send. {record.eligibility.headline}</p>
          ) : (
            <ActionForm action={sendConnectLinkAction} errorTitle="No link was sent" className="card space-y-3">
              <p>
                The link is emailed to the caller you choose, at their address on file, in the language you choose (saved as theirs for later emails). It starts on the caller’s language on
                file (under each name); with none chosen, the caller’s own is kept. They read the app’s privacy answers and terms, and verify their identity with a code only they see. Never
                ask for that code.
              </p>
              {!linkCallers.some((c) => c.kind === 'member') ? (
                <p>{record.name} is under 18 and a parent, guardian or personal representative acts for them: the link goes to the representative who is calling, never to the child.</p>
              ) : null}
              <input type="hidden" name="memberId" value={record.memberId} />
              <RadioGroup
                name="linkCaller"
                legend="Who is calling? The link goes to them."
                options={linkCallers.map((c) => ({ value: c.value, label: linkCallerLabel(c), hint: `${linkCallerHint(c, record.name, record.maskedEmail)} ${languageOnFile(callerLanguages, c.value)}` }))}
                initialValue={linkCallers.length === 1 ? linkCallers[0].value : undefined}
              />
              <RadioGroup
                name="linkLanguage"
                legend="Which language does the caller speak?"
                options={LANGUAGE_OPTIONS}
                initialValue={callerLanguageBeforeChoice(
                  linkCallers.map((c) => c.value),
                  callerLanguages,
                )}
              />
              <CallerLanguageFollows callerField="linkCaller" languageField="linkLanguage" languages={callerLanguages} />
              <RadioGroup name="appId" legend="Which app" options={galleryApps.map((app) => ({ value: app.id, label: app.name, hint: app.developer }))} />
              <SubmitButton>Send the link</SubmitButton>
            </ActionForm>
          )}
        </StaffSection>
      ) : null}

      <StaffSection id="verification" title="Recent identity checks">
        {record.verification.locks.length ? (
          <ul className="space-y-1">
            {record.verification.locks.map((lock) => (
              <li key={lock}>
                <Badge tone="warning">Locked</Badge> {lock}
              </li>
            ))}
          </ul>
        ) : null}
        {record.verification.attempts.length === 0 ? (
          <p>No identity checks recently.</p>
        ) : (
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Recent identity checks, newest first</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-1 pr-3">When</th>
                <th scope="col" className="py-1 pr-3">Step</th>
                <th scope="col" className="py-1">What happened</th>
              </tr>
            </thead>
            <tbody>
              {record.verification.attempts.map((a, i) => (
                <tr key={`${a.at.toISOString()}-${i}`} className="border-b border-slate-200 align-top">
                  <td className="py-1 pr-3 whitespace-nowrap">{a.when}</td>
                  <td className="py-1 pr-3">{a.step}</td>
                  <td className="py-1">{a.failed ? <Badge tone="caution">Did not work</Badge> : null} {a.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </StaffSection>

      <StaffSection id="cases" title="Cases">
        {record.cases.length ? (
          <ul className="space-y-1">
            {record.cases.map((c) => (
              <li key={c.id}>
                {can('cases:manage') ? <a href={`/staff/cases/${c.id}`}>Case {c.reference}</a> : <>Case {c.reference}</>}: {c.kind}, {c.status.toLowerCase()}, opened {c.openedOn}
              </li>
            ))}
          </ul>
        ) : (
          <p>No cases about this member.</p>
        )}
        {can('cases:create') ? (
          <ActionForm action={logCaseAction} errorTitle="The case was not logged" className="card space-y-3">
            <h3 className="text-lg font-semibold">Log a case for the caller</h3>
            <input type="hidden" name="memberId" value={record.memberId} />
            <RadioGroup name="kind" legend="What kind of case" options={STAFF_CASE_KINDS.map((kind) => ({ value: kind, label: CASE_KIND_LABELS[kind] }))} />
            <RadioGroup
              name="about"
              legend="Which app (if any)"
              initialValue=""
              options={[
                ...record.connections.filter((c, i, all) => all.findIndex((o) => o.appId === c.appId) === i).map((c) => ({ value: c.grantId, label: `${c.appName} (their connection)` })),
                ...galleryApps.filter((app) => !record.connections.some((c) => c.appId === app.id)).map((app) => ({ value: app.id, label: app.name })),
                { value: '', label: 'No app, or one not listed (say which in the description)' },
              ]}
            />
            <TextAreaField name="description" label="What the caller told you" rows={5} maxLength={4000} />
            <SubmitButton>Log the case</SubmitButton>
          </ActionForm>
        ) : null}
      </StaffSection>
    </div>
  );
}

function ConnectionList({ label, connections }: { label: string; connections: CallerConnection[] }) {
  return (
    <ul aria-label={label} className="space-y-3">
      {connections.map((c) => (
        <li key={c.grantId} className="card space-y-1">
          <h3 className="text-lg font-semibold">{c.appName}</h3>
          <Facts
            items={[
              ['Status', c.state],
              ['May read', c.mayRead],
              ['Sensitive data', c.sensitive],
              ['Approved by', `${c.approvedBy}, ${c.approvedOn}`],
              [c.current ? 'Until' : 'Ended', c.until],
              ['Last read', c.lastRead],
            ]}
          />
          {c.note ? <p>{c.note}</p> : null}
        </li>
      ))}
    </ul>
  );
}

const LANGUAGE_OPTIONS = [
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Spanish' },
];

/** A caller's language on file, read under their name: what the language choice starts on for them. */
function languageOnFile(languages: CallerLanguages, callerValue: string): string {
  return `Language on file: ${LANGUAGE_OPTIONS.find((o) => o.value === languages[callerValue])?.label ?? 'English'}.`;
}

function linkCallerLabel(caller: ConnectLinkCaller): string {
  return caller.kind === 'member' ? `${caller.name}, the member` : `${caller.name}, ${authorityName(caller.authorityType).toLowerCase()}`;
}

/** Where the link goes, and, for a representative, what they do with it. */
function linkCallerHint(caller: ConnectLinkCaller, memberName: string, memberEmail: string): string {
  if (caller.kind === 'member') return `Emailed to the member’s address on file (${memberEmail}).`;
  return `Emailed to ${caller.name}’s address on file (${caller.maskedEmail}). They verify as a representative with their own code, then choose ${memberName}; the email says so.`;
}

function callerLabel(caller: PhoneChoiceCaller): string {
  return caller.kind === 'member' ? `${caller.name}, the member` : `${caller.name}, ${authorityName(caller.authorityType).toLowerCase()}`;
}

/** Who made a choice, in staff words; phone choices name the caller when one was recorded. */
function madeByWords(h: SharingHistoryEntry): string {
  if (h.madeBy === 'representative') return `by ${h.representativeName} (representative)`;
  if (h.madeBy !== 'staff_phone') return 'by the member';
  if (h.representativeName) return `made by phone by ${h.representativeName} (${authorityName(h.authorityType ?? '').toLowerCase()}), with customer service`;
  return h.authorityType === PHONE_CALLER_SELF ? 'made by phone by the member, with customer service' : 'made by phone with customer service';
}

/** The confirmation's list of who was emailed, from what the stop reported (`emailed=member,representative`). */
function whoWasEmailed(param: string | string[] | undefined, memberName: string, stopped: CallerConnection): string | null {
  const parties = (typeof param === 'string' ? param.split(',') : []).filter((p) => p === 'member' || p === 'representative');
  if (parties.length === 0) return null;
  const names = parties.map((p) => (p === 'member' ? `${memberName} (the member)` : `${stopped.approvedBy}, who approved it`));
  const notMember = !parties.includes('member') ? ' Not the member: a member under 18, or one who has died, is not written to about it.' : '';
  return `${names.join(' and ')}.${notMember}`;
}
