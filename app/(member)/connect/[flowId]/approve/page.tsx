import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { RefusalNotice } from '@/components/connect/refusal-notice';
import { StepShell } from '@/components/connect/step-shell';
import { ActionForm } from '@/components/forms/action-form';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { CheckboxGroup } from '@/components/forms/checkbox-group';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { addDays, appClock, eighteenthBirthday, endOfDayInstant, todayIn, type CalendarDate } from '@/lib/calendar';
import { formatCalendarDate, formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { PAYER } from '@/lib/payer';
import { requestedScopeFor } from '@/lib/server/connect/approve-connect-flow';
import { approveErrorFieldLabels, designeeSensitiveNote, routingNotice } from '@/lib/server/connect/approve-step-wording';
import { checkMemberAccess, checkRepresentativeAccess } from '@/lib/server/connect/check-connect-access';
import { capacityWords } from '@/lib/server/representatives/representative-wording';
import { flowMemberId } from '@/lib/server/connect/connect-flow-state';
import { loadFlowForPage } from '@/lib/server/connect/load-flow-for-page';
import { stepFrame } from '@/lib/server/connect/step-labels';
import { grantExpiresAt } from '@/lib/server/consent/grant-duration';
import { dataWindowEnd, dataWindowStart } from '@/lib/server/eligibility';
import { categoriesRequested } from '@/lib/server/smart/smart-scopes';
import { approveShare } from '../actions';

/** The step's flow, app and the member's access, read once for the title and the page. */
const loadStep = cache(async (flowId: string) => {
  const { flow, app } = await loadFlowForPage(flowId, 'approve');
  const memberId = flowMemberId(flow);
  return { flow, app, memberId, access: await checkMemberAccess(memberId) };
});

export async function generateMetadata({ params }: { params: Promise<{ flowId: string }> }): Promise<Metadata> {
  const { access } = await loadStep((await params).flowId);
  return { title: (await getTranslations('connect'))(access.ok ? 'titleApprove' : 'refusedTitle') };
}

/** For a flow the app started: a plain form that sends the member back to it, the app told only "not connected". */
function ReturnToApp({ flowId, lead, button }: { flowId: string; lead: string; button: string }) {
  return (
    <form method="post" action={`/connect/${flowId}/return`} className="space-y-2">
      <p>{lead}</p>
      <button type="submit" className="btn-secondary">
        {button}
      </button>
    </form>
  );
}

export default async function ApproveStep({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const { flow, app, memberId, access } = await loadStep(flowId);
  const t = await getTranslations('connect');
  const locale = await getLocale();
  const frame = await stepFrame(flow, 'approve', app.name);

  if (!access.ok) {
    const refusal = access.eligibility && !access.eligibility.eligible ? access.eligibility : null;
    const date = refusal?.eligibleFrom ?? refusal?.endedOn;
    const formatted = date ? formatCalendarDate(date, locale) : '';
    // The answer to step 4 ("can this member connect?"), shown once identity is proven so that
    // nobody learns anything about a member they could not verify.
    return (
      <StepShell {...frame} stepLabel={t('stepOf', { n: 4 })} step={4} title={t('refusedTitle')} timeLimit={null}>
        <RefusalNotice
          reason={refusal ? t(`refused_${refusal.reason}`, { date: formatted }) : t('refused_never-enrolled')}
          nextStep={t(`next_${refusal?.nextStep ?? 'customer-service'}`, { date: formatted, phone: PAYER.customerServicePhone })}
          records={refusal?.nextStep === 'records-request' ? { href: PAYER.recordsRequestUrl, label: t('recordsLink') } : null}
        />
        {flow.interactionUid ? (
          <ReturnToApp flowId={flow.id} lead={t('returnToAppLead', { app: app.name })} button={t('returnToAppButton', { app: app.name })} />
        ) : (
          <p>
            <Link prefetch={false} href="/apps" className="btn-secondary">
              {t('backToApps')}
            </Link>
          </p>
        )}
      </StepShell>
    );
  }

  const offered = categoriesRequested(await requestedScopeFor(flow));
  const now = appClock().now();
  // The real end: the member's own access, and for a representative their authority (a parent's
  // ends the day before the child turns 18), whichever comes first, said before approval.
  const rep = flow.state.subject?.kind === 'representative' && flow.state.actingFor ? await checkRepresentativeAccess(flow.state.subject.id, memberId) : null;
  const authority = rep?.represented.authority.active ? rep.represented.authority : null;
  const authorityType = flow.state.actingFor?.authorityType ?? '';
  const memberName = `${access.member.given} ${access.member.family}`;
  const capDay = [access.eligibility.accessEndsOn, authority?.endsOn].filter((d): d is CalendarDate => Boolean(d)).sort()[0];
  const cap = capDay ? endOfDayInstant(capDay) : null;
  const tr = await getTranslations('representatives');
  const capReason = !capDay
    ? null
    : authority?.endsOn === capDay
      ? authorityType === 'parent' && capDay === addDays(eighteenthBirthday(access.member.facts.birthDate), -1)
        ? tr('capReason_child18', { name: memberName, birthday: formatCalendarDate(eighteenthBirthday(access.member.facts.birthDate), locale), date: formatCalendarDate(capDay, locale) })
        : tr('capReason_authority', { name: memberName, date: formatCalendarDate(capDay, locale) })
      : rep
        ? tr('capReason_coverage', { name: memberName, date: formatCalendarDate(capDay, locale) })
        : t('accessCap', { date: formatCalendarDate(capDay, locale) });
  // A duration the member's access cuts short says so, with its real end; one year is not offered
  // when it would end on the same day as 90 days.
  const durationLabel = (duration: '90d' | '1y') => {
    const end = grantExpiresAt(duration, now, cap);
    const date = formatInstantDate(new Date(end.getTime() - 1), locale);
    return cap && end.getTime() >= cap.getTime() ? t('duration_capped', { date }) : t(`duration_${duration}`, { date });
  };
  const oneYearAddsNothing = grantExpiresAt('1y', now, cap).getTime() === grantExpiresAt('90d', now, cap).getTime();
  const spans = access.member.facts.spans;
  const windowStart = dataWindowStart(spans) ?? '2016-01-01';
  const windowEnd = dataWindowEnd(spans, todayIn(appClock()));
  const previous = flow.state.approval;
  const routing = routingNotice(t, tr, access.routing, rep ? memberName : null);
  return (
    <StepShell {...frame} title={t('approveTitle', { app: app.name })}>
      {rep ? (
        <div className="space-y-1">
          <p className="text-lg font-semibold">{tr('forMember', { name: memberName })}</p>
          <p>{tr('approveLead', { app: app.name, name: memberName, capacity: capacityWords(locale === 'es' ? 'es' : 'en', authorityType, access.member.sex) })}</p>
        </div>
      ) : null}
      {routing ? <p className="rounded-md border border-brand-700 bg-brand-50 p-4">{routing}</p> : null}
      <ActionForm action={approveShare} errorTitle={t('errorTitle')} fieldLabels={approveErrorFieldLabels((key) => t(key))} className="space-y-6">
        <input type="hidden" name="flowId" value={flow.id} />
        <CheckboxGroup name="categories" legend={t('whatLegend', { app: app.name })} hint={t('whatHint')}>
          {offered.map((category, index) => (
            <CheckboxField
              key={category}
              id={index === 0 ? 'categories' : `categories-${category}`}
              name="categories"
              value={category}
              label={t(`category_${category}`)}
              hint={rep && category !== 'drugs' ? tr(`category_${category}_hint`, { name: memberName }) : t(`category_${category}_hint`)}
              initialChecked={previous ? previous.categories.includes(category) : true}
              inGroup
            />
          ))}
        </CheckboxGroup>
        <section aria-labelledby="years" className="space-y-1">
          <h2 id="years">{t('yearsTitle')}</h2>
          <p>
            {windowEnd
              ? t('yearsBodyEnded', { start: formatCalendarDate(windowStart, locale), end: formatCalendarDate(windowEnd, locale) })
              : t('yearsBody', { start: formatCalendarDate(windowStart, locale) })}
          </p>
        </section>
        {offered.includes('claims') && authorityType === 'authorized_representative_designee' ? (
          <section aria-labelledby="sensitive-title" className="space-y-1">
            <h2 id="sensitive-title">{t('sensitiveLegend')}</h2>
            <p>{designeeSensitiveNote(tr, { name: memberName, birthDate: access.member.facts.birthDate, sex: access.member.sex }, todayIn(appClock()))}</p>
          </section>
        ) : offered.includes('claims') ? (
          <CheckboxGroup name="includeSensitive" legend={t('sensitiveLegend')}>
            <CheckboxField name="includeSensitive" label={t('sensitiveLabel')} hint={t('sensitiveHint')} initialChecked={previous?.includeSensitive ?? false} />
          </CheckboxGroup>
        ) : null}
        <RadioGroup
          name="duration"
          legend={rep ? tr('durationLegend', { app: app.name, name: memberName }) : t('durationLegend', { app: app.name })}
          headingLevel={2}
          initialValue={previous?.duration === '1y' && oneYearAddsNothing ? '90d' : (previous?.duration ?? '90d')}
          options={[
            { value: 'once', label: t('duration_once') },
            { value: '90d', label: durationLabel('90d') },
            ...(oneYearAddsNothing ? [] : [{ value: '1y', label: durationLabel('1y') }]),
          ]}
        />
        {capReason ? <p id="access-cap">{capReason}</p> : null}
        <CheckboxField name="confirm" label={t('confirmLabel', { app: app.name })} />
        <SubmitButton>{t('approveButton')}</SubmitButton>
      </ActionForm>
      {flow.interactionUid ? (
        <ReturnToApp flowId={flow.id} lead={t('declineLead', { app: app.name })} button={t('declineButton', { app: app.name })} />
      ) : null}
    </StepShell>
  );
}
