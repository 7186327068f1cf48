import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { StepShell } from '@/components/connect/step-shell';
import { TimeLimitNotice } from '@/components/connect/time-limit-notice';
import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import { CodeSentNotice } from '@/components/identity/code-sent-notice';
import { CodeFields } from '@/components/identity/identity-fields';
import { ExternalLink } from '@/components/ui/external-link';
import { PAYER } from '@/lib/payer';
import { appConfig } from '@/lib/server/config/app-config';
import { loadFlowForPage } from '@/lib/server/connect/load-flow-for-page';
import { stepFrame } from '@/lib/server/connect/step-labels';
import { codeTimeLimit } from '@/lib/server/connect/time-limits';
import { confirmCode, sendCode } from '../actions';
import { codeIsClosed } from '@/lib/server/identity/confirm-verification-code';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('connect'))('codeTitle') };
}

export default async function CodeStep({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const { flow, app } = await loadFlowForPage(flowId, 'code');
  const t = await getTranslations('connect');
  const pending = flow.state.pendingSubject;
  const email = pending?.maskedEmail ?? '';
  const sent = Boolean(flow.state.codeSentAt);
  const config = appConfig();
  const closed = sent && pending !== undefined && (await codeIsClosed({ kind: pending.kind, id: pending.id }, 'connect'));
  const codeLimit = sent && !closed ? await codeTimeLimit(flow.state.codeSentAt) : null;
  return (
    <StepShell {...await stepFrame(flow, 'code', app.name)} title={t('codeTitle')}>
      {sent ? (
        <>
          <CodeSentNotice sentAt={String(flow.state.codeSentAt)} email={email} closed={closed} />
          <ActionForm action={confirmCode} errorTitle={t('errorTitle')} fieldLabels={{ code: t('codeLabel') }}>
            <input type="hidden" name="flowId" value={flow.id} />
            <CodeFields label={t('codeLabel')} hint={t('codeHint')} confirm={t('confirmButton')} />
          </ActionForm>
          {codeLimit ? <TimeLimitNotice key={String(flow.state.codeSentAt)} {...codeLimit} /> : null}
          <ActionForm action={sendCode} errorTitle={t('errorTitle')}>
            <input type="hidden" name="flowId" value={flow.id} />
            <SubmitButton variant="secondary">{t('resendButton')}</SubmitButton>
          </ActionForm>
        </>
      ) : (
        <ActionForm action={sendCode} errorTitle={t('errorTitle')} className="space-y-4">
          <input type="hidden" name="flowId" value={flow.id} />
          <p className="[overflow-wrap:anywhere]">{t('codeLead', { email })}</p>
          <SubmitButton>{t('sendButton')}</SubmitButton>
        </ActionForm>
      )}
      <p className="text-sm text-slate-700">{t('wrongEmail', { phone: PAYER.customerServicePhone })}</p>
      {config.demoMode && !config.smtpUrl ? (
        <p className="rounded-md bg-slate-100 p-3 text-sm">
          <ExternalLink href="/dev/outbox">{t('demoOutbox')}</ExternalLink>
        </p>
      ) : null}
    </StepShell>
  );
}
