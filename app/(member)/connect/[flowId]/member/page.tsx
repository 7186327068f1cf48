import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { StepShell } from '@/components/connect/step-shell';
import { ActionForm } from '@/components/forms/action-form';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { ExternalLink } from '@/components/ui/external-link';
import { addDays, type CalendarDate } from '@/lib/calendar';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { PAYER } from '@/lib/payer';
import { listRepresentedMembers } from '@/lib/server/connect/check-connect-access';
import { loadFlowForPage } from '@/lib/server/connect/load-flow-for-page';
import { stepFrame } from '@/lib/server/connect/step-labels';
import { chooseMember } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('connect'))('memberTitle') };
}

export default async function MemberStep({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const { flow, app } = await loadFlowForPage(flowId, 'member');
  const t = await getTranslations('connect');
  const tr = await getTranslations('representatives');
  const locale = await getLocale();
  const represented = await listRepresentedMembers(flow.state.subject!.id);
  const canAct = represented.filter((m) => m.authority.active);
  const cannotAct = represented.filter((m) => !m.authority.active);
  return (
    <StepShell {...await stepFrame(flow, 'member', app.name)} title={t('memberTitle')}>
      {canAct.length ? (
        <ActionForm action={chooseMember} errorTitle={t('errorTitle')}>
          <input type="hidden" name="flowId" value={flow.id} />
          <RadioGroup
            name="memberId"
            legend={t('memberLead')}
            initialValue={flow.state.actingFor?.memberId ?? (canAct.length === 1 ? canAct[0].memberId : undefined)}
            options={canAct.map((m) => ({ value: m.memberId, label: m.name, hint: t(`authority_${m.authorityType}`) }))}
          />
          <SubmitButton>{t('continue')}</SubmitButton>
        </ActionForm>
      ) : (
        <p className="card">{t('noOneToChoose')}</p>
      )}
      {cannotAct.length ? (
        <ul className="space-y-3">
          {cannotAct.map((m) => {
            const status = m.authority.active ? null : m.authority;
            // `since` is the first day without authority; people say it "ended" on the day before.
            const date: CalendarDate | null =
              status && 'since' in status ? (status.reason === 'ended' ? addDays(status.since, -1) : status.since) : status && 'startsOn' in status ? status.startsOn : null;
            return (
              <li key={m.authorityId} className="card space-y-1">
                <p className="font-semibold">
                  {m.name} <span className="font-normal text-slate-700">({t(`authority_${m.authorityType}`)})</span>
                </p>
                {status ? <p>{t(`cannotAct_${status.reason}`, { name: m.name.split(' ')[0], date: date ? formatCalendarDate(date, locale) : '' })}</p> : null}
                {/* What to do next (issue 13): the member may name the parent; a designation is renewed; the phone. */}
                {status && status.reason !== 'member-deceased' ? (
                  <p>
                    {status.reason === 'ended'
                      ? tr('nextEnded', { name: m.name.split(' ')[0], authority: m.authorityType, phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty })
                      : tr(`next_${status.reason}`, { name: m.name.split(' ')[0], date: date ? formatCalendarDate(date, locale) : '', phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty })}
                  </p>
                ) : null}
                {status?.reason === 'member-deceased' ? <ExternalLink href={PAYER.recordsRequestUrl}>{t('recordsLink')}</ExternalLink> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </StepShell>
  );
}
