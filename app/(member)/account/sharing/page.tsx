import type { Metadata } from 'next';
import { FocusOnArrival } from '@/components/ui/focus-on-arrival';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { StopButton } from '@/components/account/stop-button';
import { ActionForm } from '@/components/forms/action-form';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { PlanSelectField } from '@/components/sharing/plan-select-field';
import { TextField } from '@/components/forms/text-field';
import { getDb } from '@/lib/db/client';
import { formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { PAYER } from '@/lib/payer';
import { accountWording } from '@/lib/server/account/account-wording';
import { isCurrent, listAccountConnections } from '@/lib/server/account/list-account-connections';
import { formatConnectionEnd } from '@/lib/server/account/last-day-of';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { readHubSessionAsActivity } from '@/lib/server/auth/hub-session';
import { loadSharingOverview, type SharingHistoryEntry } from '@/lib/server/sharing/load-sharing-overview';
import { PHONE_CALLER_SELF } from '@/lib/server/sharing/record-sharing-choice';
import { listRegisteredPlans, registeredPlanNamed } from '@/lib/server/sharing/registered-plans';
import { AccountFrame } from '../account-frame';
import { switchSharingAction, turnOnNextPlanAction } from './actions';
import { DraftViewerField, restoredDraftState } from '@/components/account/draft-viewer-field';
import { DRAFT_OWNER_FIELD } from '@/lib/forms/draft-owner-field';
import { draftViewerSeal, takeFormDraft } from '@/lib/server/forms/form-drafts';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('sharing');
  // The same session read as the page's (React cache): a representative's title names whose information.
  return { title: (await readHubSessionAsActivity())?.kind === 'representative' ? t('forRepresentative.title') : t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);
type Confirm = 'providers-off' | 'providers-on' | 'next-plan-off';
const CONFIRMS: Confirm[] = ['providers-off', 'providers-on', 'next-plan-off'];

/**
 * Every way the plan shares the member's data, on one page: apps, providers (on unless turned off),
 * the next health plan (off unless turned on). Works without JavaScript: each change is a plain form
 * after a confirmation step named in the address.
 */
export default async function SharingPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const account = await loadSignedInAccount();
  if (!account) redirect('/account');
  const { scope } = account;
  const t = await getTranslations('sharing');
  const wording = await accountWording();
  // What was typed into the next-plan form before the session ended (form-drafts.ts), for its member.
  const draft = await takeFormDraft(scope.viewer, '/account/sharing');
  const nextPlanDraft = draft && 'planName' in draft ? draft : null;
  const draftSeal = await draftViewerSeal(scope.viewer);
  const member = scope.members.find((m) => m.memberId === (one(params.member) ?? nextPlanDraft?.memberId)) ?? scope.members[0];
  const confirm = CONFIRMS.find((c) => c === one(params.confirm));
  const forRep = scope.viewer.kind === 'representative';
  const title = forRep ? t('forRepresentative.title') : t('title');
  // A designee makes none of these choices (docs/representatives-policy.md): the chooser says what each may do.
  const designees = scope.members.filter((m) => m.authority?.type === 'authorized_representative_designee').length;
  const chooserLead = designees === 0 ? 'leadRepresentative' : designees === scope.members.length ? 'leadDesignee' : 'leadMixed';

  if (!member) {
    return (
      <AccountFrame scope={scope} current="sharing" title={title}>
        <p className="max-w-3xl text-lg">{t('noMembers')}</p>
      </AccountFrame>
    );
  }
  const db = await getDb();
  const [overview, connections, registeredPlans] = await Promise.all([loadSharingOverview(db, member.memberId), listAccountConnections(scope, { memberId: member.memberId }), listRegisteredPlans(db)]);
  const current = connections.filter(isCurrent);
  const here = `/account/sharing?member=${member.memberId}`;
  const date = (at: Date) => formatInstantDate(at, wording.locale);
  // A representative reads every sentence about the member with the member's name
  // (docs/representatives-policy.md); "you" is then the representative. A designee sees only the apps they connected.
  const designee = member.authority?.type === 'authorized_representative_designee';
  const say = (key: string, values: Record<string, string | number> = {}) => (forRep ? t(`forRepresentative.${key}`, { ...values, name: member.name }) : t(key, values));
  const sayApps = (key: string, values: Record<string, string | number> = {}) => (forRep && designee ? say(`designee.${key}`, values) : say(key, values));
  const phone = { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty };
  // A plan saved before plans were chosen from the list is shown as saved, and chosen again here if it is one.
  const savedPlan = (index: number) => {
    const saved = overview.payerToPayer.plans[index];
    return saved ? (registeredPlanNamed(registeredPlans, saved.name) ?? undefined) : undefined;
  };

  return (
    <AccountFrame scope={scope} current="sharing" title={title}>
      <p className="max-w-3xl text-lg">{sayApps('lead')}</p>
      {forRep ? (
        <nav aria-labelledby="choose-member" className="space-y-2">
          <h2 id="choose-member" className="text-lg">
            {t('chooseMember')}
          </h2>
          <p>{t(chooserLead)}</p>
          <ul className="flex flex-wrap gap-3">
            {scope.members.map((m) => (
              <li key={m.memberId}>
                <Link href={`/account/sharing?member=${m.memberId}`} aria-current={m.memberId === member.memberId ? 'page' : undefined} className="btn-secondary">
                  {m.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {forRep ? <h2 className="text-2xl">{t('forMember', { name: member.name })}</h2> : null}
      {one(params.done) || one(params.same) ? (
        <FocusOnArrival id="result" className="rounded-md border-2 border-ok-700 bg-green-50 p-4 font-semibold">
          {one(params.done) ? say('flashDone') : say('flashSame')}
        </FocusOnArrival>
      ) : null}

      <section aria-labelledby="apps-title" className="card space-y-3">
        <h2 id="apps-title">{sayApps('appsTitle')}</h2>
        <p>{sayApps('appsLead')}</p>
        {current.length === 0 ? (
          <p>{sayApps('appsNone')}</p>
        ) : (
          <>
            <p>{sayApps('appsCount', { count: current.length })}</p>
            <ul className="list-disc pl-6">
              {current.map((c) => (
                <li key={c.grantId}>{t('appsUntil', { app: c.appName, date: formatConnectionEnd(c, wording.locale) })}</li>
              ))}
            </ul>
          </>
        )}
        <p>
          <Link href="/account">{sayApps('appsManage')}</Link>
        </p>
      </section>

      {designee || member.makesSharingChoices === false ? (
        // Not theirs to see or change (docs/representatives-policy.md): said, not hidden silently.
        <section aria-labelledby="others-title" className="card space-y-3">
          <h2 id="others-title">{t('othersTitle')}</h2>
          <p>{designee ? t('designeeNote', { name: member.name }) : t('minorNote')}</p>
          <p>
            <Link href="/help/sharing">{t('learnLink')}</Link>
          </p>
        </section>
      ) : (
        <>
        <section aria-labelledby="providers-title" className="card space-y-3">
          <h2 id="providers-title">
            {say('providersTitle')}: <span data-testid="providers-status">{overview.providerAccess.on ? t('statusOn') : t('statusOff')}</span>
          </h2>
          <p className="font-semibold">{overview.providerAccess.on ? say('providersOnLead') : say('providersOffLead')}</p>
          <p>{say('providersWhat')}</p>
          <p>{say('providersWhy')}</p>
          <p>{overview.providerAccess.on ? t('providersDefault') : t('providersDefaultOff')}</p>
          {confirm === 'providers-off' || confirm === 'providers-on' ? (
            <ConfirmBox
              title={confirm === 'providers-off' ? say('confirmOffTitle') : say('confirmOnTitle')}
              body={confirm === 'providers-off' ? say('confirmOffBody') : say('confirmOnBody')}
              button={confirm === 'providers-off' ? t('confirmOffButton') : t('confirmOnButton')}
              danger={confirm === 'providers-off'}
              cancel={t('cancel')}
              cancelHref={here}
              errorTitle={t('errorTitle')}
              fields={{ [DRAFT_OWNER_FIELD]: draftSeal, memberId: member.memberId, kind: 'provider_access', decision: confirm === 'providers-off' ? 'deny' : 'permit' }}
            />
          ) : (
            <p>
              <Link href={`${here}&confirm=${overview.providerAccess.on ? 'providers-off' : 'providers-on'}#providers-title`} className="btn-secondary">
                {overview.providerAccess.on ? say('providersTurnOff') : say('providersTurnOn')}
              </Link>
            </p>
          )}
        </section>

        <section aria-labelledby="next-plan-title" className="card space-y-3">
          <h2 id="next-plan-title">
            {say('nextPlanTitle')}: <span data-testid="next-plan-status">{overview.payerToPayer.on ? t('statusOn') : t('statusOff')}</span>
          </h2>
          <p className="font-semibold">{overview.payerToPayer.on ? say('nextPlanOnLead') : say('nextPlanOffLead')}</p>
          {overview.payerToPayer.on ? (
            <>
              <p>{t('nextPlanPlans')}</p>
              <ul className="list-disc pl-6">
                {overview.payerToPayer.plans.map((p) => (
                  <li key={`${p.name}-${p.memberId}`}>{t('planLine', { name: p.name, memberId: p.memberId, relation: say(`relation_${p.relation}`) })}</li>
                ))}
              </ul>
              {overview.payerToPayer.plans
                .filter((p) => !registeredPlanNamed(registeredPlans, p.name))
                .map((p) => (
                  <p key={`${p.name}-${p.memberId}`} className="font-semibold">
                    {t('planNotConnected', { plan: p.name })}
                  </p>
                ))}
              <p>{overview.payerToPayer.policy === 'sensitive' ? t('sensitiveYes') : t('sensitiveNo')}</p>
            </>
          ) : null}
          <p>{say('nextPlanWhat')}</p>
          <p>{say('nextPlanWhy')}</p>
          <p>{overview.payerToPayer.on ? t('nextPlanDefaultOn') : t('nextPlanDefault')}</p>
          {overview.payerToPayer.on ? (
            confirm === 'next-plan-off' ? (
              <ConfirmBox
                title={t('confirmWithdrawTitle')}
                body={say('confirmWithdrawBody')}
                button={t('confirmWithdrawButton')}
                danger
                cancel={t('cancel')}
                cancelHref={here}
                errorTitle={t('errorTitle')}
                fields={{ [DRAFT_OWNER_FIELD]: draftSeal, memberId: member.memberId, kind: 'payer_to_payer', decision: 'deny' }}
              />
            ) : (
              <p>
                <Link href={`${here}&confirm=next-plan-off#next-plan-title`} className="btn-secondary">
                  {t('withdrawButton')}
                </Link>
              </p>
            )
          ) : null}
          <details className="space-y-3" open={!overview.payerToPayer.on || nextPlanDraft !== null}>
            <summary className="cursor-pointer font-semibold">{say('turnOnTitle')}</summary>
            {registeredPlans.length === 0 ? (
              <p>{t('noPlansYet', phone)}</p>
            ) : (
              <ActionForm
                action={turnOnNextPlanAction}
                errorTitle={t('errorTitle')}
                className="max-w-xl"
                initialState={nextPlanDraft?.memberId === member.memberId ? restoredDraftState(nextPlanDraft, wording.t('draftRestored')) : undefined}
              >
                <input type="hidden" name="memberId" value={member.memberId} />
                <DraftViewerField viewer={scope.viewer} />
                <PlanSelectField
                  name="planName"
                  label={t('planNameLabel')}
                  hint={t('planNameHint')}
                  placeholder={t('planChoose')}
                  plans={registeredPlans}
                  notListedLabel={t('planNotListedOption')}
                  initialValue={savedPlan(0)}
                />
                <TextField name="planMemberId" label={say('planMemberIdLabel')} hint={say('planMemberIdHint')} maxLength={40} autoComplete="off" initialValue={overview.payerToPayer.plans[0]?.memberId} />
                <RadioGroup
                  name="relation"
                  legend={say('relationLegend')}
                  initialValue={overview.payerToPayer.plans[0]?.relation}
                  options={[
                    { value: 'previous', label: say('relationPrevious') },
                    { value: 'concurrent', label: say('relationConcurrent') },
                  ]}
                />
                <fieldset className="mb-5 rounded-md border border-slate-300 p-4">
                  <legend className="font-semibold">{say('secondPlanTitle')}</legend>
                  <PlanSelectField
                    name="plan2Name"
                    label={t('secondPlanNameLabel')}
                    placeholder={t('secondPlanNone')}
                    plans={registeredPlans}
                    notListedLabel={t('planNotListedOption')}
                    initialValue={savedPlan(1)}
                  />
                  <TextField name="plan2MemberId" label={say('secondPlanMemberIdLabel')} maxLength={40} autoComplete="off" initialValue={overview.payerToPayer.plans[1]?.memberId} />
                  <RadioGroup
                    name="relation2"
                    legend={say('secondRelationLegend')}
                    initialValue={overview.payerToPayer.plans[1]?.relation}
                    options={[
                      { value: 'previous', label: say('relationPrevious') },
                      { value: 'concurrent', label: say('relationConcurrent') },
                    ]}
                  />
                </fieldset>
                <RadioGroup
                  name="policy"
                  legend={say('sensitiveLegend')}
                  initialValue={overview.payerToPayer.policy ?? undefined}
                  options={[
                    { value: 'regular', label: t('sensitiveRegular'), hint: say('sensitiveRegularHint') },
                    { value: 'sensitive', label: t('sensitiveAll'), hint: say('sensitiveAllHint') },
                  ]}
                />
                <SubmitButton>{overview.payerToPayer.on ? t('changePlansButton') : t('turnOnButton')}</SubmitButton>
              </ActionForm>
            )}
          </details>
        </section>

        <section aria-labelledby="history-title" className="space-y-3">
          <h2 id="history-title">{say('historyTitle')}</h2>
          {overview.history.length === 0 ? (
            <p>{t('historyNone')}</p>
          ) : (
            <table className="w-full max-w-4xl border-collapse text-left">
              <caption className="sr-only">{t('historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="border-b p-2">
                    {t('colDate')}
                  </th>
                  <th scope="col" className="border-b p-2">
                    {t('colChange')}
                  </th>
                  <th scope="col" className="border-b p-2">
                    {t('colWho')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.history.map((entry, index) => (
                  <tr key={index}>
                    <td className="border-b p-2">{date(entry.at)}</td>
                    <td className="border-b p-2">{t(`change_${entry.kind}_${entry.decision}`)}</td>
                    <td className="border-b p-2">{madeBy(entry, scope.viewer, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            <Link href="/help/sharing">{t('learnLink')}</Link>
          </p>
        </section>
        </>
      )}
    </AccountFrame>
  );
}

function madeBy(entry: SharingHistoryEntry, viewer: { kind: 'member' } | { kind: 'representative'; repId: string }, t: (key: string, values?: Record<string, string>) => string): string {
  if (entry.madeBy === 'staff_phone') {
    // Who called (recorded since callers are): said as for a choice made online, then "by phone".
    if (entry.representativeId) return t('byPhoneBy', { who: madeBy({ ...entry, madeBy: 'representative' }, viewer, t) });
    if (entry.authorityType === PHONE_CALLER_SELF) return t('byPhoneBy', { who: madeBy({ ...entry, madeBy: 'member' }, viewer, t) });
    return t('byPhone');
  }
  if (entry.madeBy === 'representative') {
    if (viewer.kind === 'representative' && viewer.repId === entry.representativeId) return t('byYou');
    return t(viewer.kind === 'member' ? 'byRepresentative' : 'byRepresentativeForMember', { name: entry.representativeName ?? '' });
  }
  return viewer.kind === 'member' ? t('byYou') : t('byMember');
}

function ConfirmBox(props: {
  title: string;
  body: string;
  button: string;
  danger?: boolean;
  cancel: string;
  cancelHref: string;
  errorTitle: string;
  fields: Record<string, string>;
}) {
  return (
    <div className="space-y-3 rounded-md border-2 border-slate-700 p-4">
      <h3 className="text-lg font-semibold">{props.title}</h3>
      <p>{props.body}</p>
      <ActionForm action={switchSharingAction} errorTitle={props.errorTitle} className="flex flex-wrap items-center gap-4">
        {Object.entries(props.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {props.danger ? <StopButton>{props.button}</StopButton> : <SubmitButton>{props.button}</SubmitButton>}
        <Link href={props.cancelHref} className="inline-flex min-h-11 items-center">
          {props.cancel}
        </Link>
      </ActionForm>
    </div>
  );
}
