import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/forms/action-form';
import { RadioGroup } from '@/components/forms/radio-group';
import { SelectField } from '@/components/forms/select-field';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextAreaField } from '@/components/forms/text-field';
import { DECISION_RULES, decisionsFor, type AppDecision } from '@/lib/app-review-criteria';
import { formatCalendarDate, formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { loadMessages } from '@/lib/i18n/load-messages';
import { PRIVACY_QUESTION_IDS } from '@/lib/privacy-questions';
import { privacyMarkField, privacyShownField } from '@/lib/schemas/app-review';
import { privacyAnswerShown } from '@/lib/server/apps/mark-privacy-answers';
import { criterionLabel } from '@/lib/server/apps/describe-criterion';
import { findAppForReview } from '@/lib/server/apps/find-app-for-review';
import { staffPageMetadata, staffWithPermission } from '@/lib/server/staff/require-staff';
import { StaffForbidden } from '@/components/staff/staff-forbidden';
import { decideOnAppAction, markPrivacyAnswersAction } from '../actions';
import { STATUS_LABELS } from '../status-labels';
import { notFoundContent } from '@/lib/server/http/page-status';
import NotFound from '@/app/not-found';

export const dynamic = 'force-dynamic';

const DECISION_LABELS: Record<AppDecision, string> = {
  approve: 'Approve: list it and let it connect',
  deny: 'Deny the request',
  suspend: 'Suspend now: out of the gallery, every token refused, connections ended, members told',
  reinstate: 'Reinstate: back in the gallery (old connections stay ended; members told they may connect again)',
};
const DECISION_DONE: Record<AppDecision, string> = { approve: 'Approved', deny: 'Denied', suspend: 'Suspended', reinstate: 'Reinstated' };

export async function generateMetadata({ params }: { params: Promise<{ appId: string }> }): Promise<Metadata> {
  // The page itself refuses (and records the refusal); the title names no app to a role without review.
  return staffPageMetadata('apps:review', 'App review', async () => {
    const app = await findAppForReview((await params).appId);
    return app ? `Review: ${app.name}` : 'App review';
  });
}

/** One app for the reviewer: the request as sent, the decision form, the privacy marks, every earlier decision. */
export default async function AppReviewPage({ params, searchParams }: { params: Promise<{ appId: string }>; searchParams: Promise<{ decided?: string }> }) {
  if (!(await staffWithPermission('apps:review'))) return <StaffForbidden />;
  const app = await findAppForReview((await params).appId);
  if (!app) return notFoundContent(<NotFound />);
  const { decided: decidedId } = await searchParams;
  const decided = app.decisions.find((d) => String(d.id) === decidedId);
  const decisions = decisionsFor(app.status);
  const questions = (loadMessages('en').privacy as { questions: Record<string, string> }).questions;
  const link = (url: string | null) => (url ? <a href={url}>{url}</a> : 'None');

  return (
    <div className="max-w-4xl space-y-10">
      <div className="space-y-2">
        <p>
          <Link href="/staff/apps" className="inline-flex min-h-11 items-center gap-1">
            <span aria-hidden="true">←</span> App review
          </Link>
        </p>
        <h1>{app.name}</h1>
        <p className="text-slate-700">
          {app.developer}
          {app.contactEmail ? ` · ${app.contactEmail}` : ''}
        </p>
        <p className="text-lg font-semibold" data-testid="review-status">
          {STATUS_LABELS[app.status]} since {formatCalendarDate(app.statusSince, 'en')}
        </p>
        {decided ? (
          <p role="status" className="rounded-md border-2 border-ok-700 bg-green-50 p-3 font-semibold">
            Saved: {DECISION_DONE[decided.decision]} ({criterionLabel(decided.criterion)}).
            {decided.decision === 'suspend' ? ` ${decided.grantsEnded} ${decided.grantsEnded === 1 ? 'connection' : 'connections'} ended; the people who approved them are being emailed.` : ''}
          </p>
        ) : null}
      </div>

      {decisions.length > 0 ? (
        <section aria-labelledby="decide-title" className="card space-y-3 border-2 border-brand-700">
          <h2 id="decide-title">Decision</h2>
          {app.status === 'approved' ? (
            <p>
              {app.connectionsInForce} {app.connectionsInForce === 1 ? 'connection is' : 'connections are'} in force. Suspending ends them at once and emails everyone who
              approved one, with the criterion in plain words (English or Spanish). Your notes stay with staff and the developer.
            </p>
          ) : null}
          <ActionForm action={decideOnAppAction} errorTitle="There is a problem">
            <input type="hidden" name="appId" value={app.id} />
            <RadioGroup name="decision" legend="What do you decide?" options={decisions.map((d) => ({ value: d, label: DECISION_LABELS[d] }))} initialValue={decisions.length === 1 ? decisions[0] : undefined} />
            <SelectField
              name="criterion"
              label="Criterion"
              hint="Every decision rests on one criterion from the list. Privacy answers are never a criterion."
              placeholder="Choose a criterion"
              groups={decisions.map((d) => ({ label: `To ${d}`, options: DECISION_RULES[d].criteria.map((c) => ({ value: c, label: criterionLabel(c) })) }))}
            />
            <TextAreaField name="notes" label="Notes (for staff and the developer; never shown to members)" rows={4} maxLength={2000} />
            <SubmitButton>Save decision</SubmitButton>
          </ActionForm>
        </section>
      ) : null}

      <section aria-labelledby="request-title" className="space-y-3">
        <h2 id="request-title">The request</h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr] [&_dd]:break-all [&_dt]:font-semibold">
          <dt>What it does</dt>
          <dd>{app.summary}</dd>
          <dt>Client id</dt>
          <dd>
            <code>{app.clientId}</code>
          </dd>
          <dt>Client type</dt>
          <dd>{app.clientType === 'confidential' ? 'Confidential (secret, HTTP Basic)' : 'Public (PKCE only)'}</dd>
          <dt>Redirect URIs</dt>
          <dd>
            <ul>
              {app.redirectUris.map((uri) => (
                <li key={uri}>
                  <code>{uri}</code>
                </li>
              ))}
            </ul>
          </dd>
          <dt>Scopes</dt>
          <dd>
            <code>{app.scopes}</code>
          </dd>
          <dt>Launch URL</dt>
          <dd>{link(app.launchUrl)}</dd>
          <dt>Website</dt>
          <dd>{link(app.website)}</dd>
          <dt>Privacy policy</dt>
          <dd>{link(app.privacyPolicyUrl)}</dd>
          <dt>Terms of use</dt>
          <dd>{link(app.termsUrl)}</dd>
          <dt>Code of conduct</dt>
          <dd>
            {app.codeOfConductAttested ? `Attested${app.codeOfConductAttestedAt ? ` on ${formatInstantDate(app.codeOfConductAttestedAt, 'en')}` : ''}` : 'Not attested'}
          </dd>
          <dt>Sent</dt>
          <dd>{app.submittedAt ? formatInstantDate(app.submittedAt, 'en') : '—'}</dd>
        </dl>
      </section>

      <section aria-labelledby="privacy-title" className="space-y-3">
        <h2 id="privacy-title">Privacy answers and your marks</h2>
        <p>
          Marks draw the member’s eye to an answer (looks fine, be careful, warning). They never block the app. The developer’s words are shown as they wrote them.
        </p>
        {app.privacyToReview ? (
          <p className="rounded-md border-2 border-caution-800 bg-amber-50 p-3">
            The developer changed {app.privacyToReview.questions.length === 1 ? 'an answer' : `${app.privacyToReview.questions.length} answers`} on{' '}
            {formatInstantDate(app.privacyToReview.changedAt, 'en')}, after the marks were last saved. Members already read the new words, without a mark. Read the answers marked
            “Changed” and save the marks, even if you change none.
          </p>
        ) : null}
        <ActionForm action={markPrivacyAnswersAction} errorTitle="There is a problem">
          <input type="hidden" name="appId" value={app.id} />
          <ol className="space-y-4">
            {PRIVACY_QUESTION_IDS.map((id, index) => {
              const answer = app.privacy[id];
              return (
                <li key={id} className="rounded-lg border border-slate-300 p-4">
                  <input type="hidden" name={privacyShownField(id)} value={privacyAnswerShown(answer)} />
                  <h3 className="text-base font-semibold">
                    {index + 1}. {questions[id]}
                    {app.privacyToReview?.questions.includes(id) ? <span className="ml-2 rounded-full border border-caution-800 bg-amber-50 px-2 text-sm text-caution-800">Changed</span> : null}
                  </h3>
                  {answer ? (
                    <>
                      <p className="my-2 whitespace-pre-line">{answer.answer}</p>
                      <SelectField
                        name={privacyMarkField(id)}
                        label={`Mark for answer ${index + 1}`}
                        initialValue={answer.flag ?? 'none'}
                        className="max-w-xs"
                        groups={[
                          {
                            options: [
                              { value: 'none', label: 'No mark' },
                              { value: 'ok', label: 'Looks fine' },
                              { value: 'caution', label: 'Be careful' },
                              { value: 'warning', label: 'Warning' },
                            ],
                          },
                        ]}
                      />
                    </>
                  ) : (
                    <p className="mt-2 text-slate-700 italic">The developer did not answer this question.</p>
                  )}
                </li>
              );
            })}
          </ol>
          <div className="mt-4">
            <SubmitButton variant="secondary">Save marks</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="history-title" className="space-y-3">
        <h2 id="history-title">Decisions so far</h2>
        {app.decisions.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Every decision on this app, newest first</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-2 pr-4">
                  Date
                </th>
                <th scope="col" className="py-2 pr-4">
                  Decision
                </th>
                <th scope="col" className="py-2 pr-4">
                  Criterion
                </th>
                <th scope="col" className="py-2 pr-4">
                  Notes
                </th>
                <th scope="col" className="py-2">
                  By
                </th>
              </tr>
            </thead>
            <tbody>
              {app.decisions.map((d) => (
                <tr key={d.id} className="border-b border-slate-300 align-top">
                  <td className="py-2 pr-4">{formatInstantDate(d.decidedAt, 'en')}</td>
                  <td className="py-2 pr-4">
                    {DECISION_DONE[d.decision]}
                    {d.decision === 'suspend' ? <span className="block text-sm text-slate-700">{d.grantsEnded} connections ended</span> : null}
                  </td>
                  <td className="py-2 pr-4">{criterionLabel(d.criterion)}</td>
                  <td className="py-2 pr-4 whitespace-pre-line">{d.notes || '—'}</td>
                  <td className="py-2">{d.decidedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
