import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getTranslations } from 'next-intl/server';
import { NoPrivacyPolicyWarning } from '@/components/apps/no-privacy-policy-warning';
import { StepShell } from '@/components/connect/step-shell';
import { ActionForm } from '@/components/forms/action-form';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { SubmitButton } from '@/components/forms/submit-button';
import { ExternalLink } from '@/components/ui/external-link';
import { loadFlowForPage } from '@/lib/server/connect/load-flow-for-page';
import { stepFrame } from '@/lib/server/connect/step-labels';
import { termsStepWording } from '@/lib/server/connect/terms-step-wording';
import { acceptTerms } from '../actions';

/** The step's flow, app and words, read once for the title and the page. */
const loadStep = cache(async (flowId: string) => {
  const { flow, app } = await loadFlowForPage(flowId, 'terms');
  const t = await getTranslations('connect');
  return { flow, app, t, words: termsStepWording((key, values) => t(key, values), app) };
});

export async function generateMetadata({ params }: { params: Promise<{ flowId: string }> }): Promise<Metadata> {
  return { title: (await loadStep((await params).flowId)).words.pageTitle };
}

export default async function TermsStep({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const { flow, app, t, words } = await loadStep(flowId);
  return (
    <StepShell {...await stepFrame(flow, 'terms', app.name)} title={words.title}>
      {words.noPolicy ? <NoPrivacyPolicyWarning title={words.noPolicy} body="" /> : null}
      <p>{t('termsLead')}</p>
      <ul className="list-disc space-y-2 pl-6">
        <li>{t('termsPoint1', { app: app.name })}</li>
        <li>{t('termsPoint2')}</li>
        <li>{t('termsPoint3')}</li>
        <li>{t('termsPoint4')}</li>
      </ul>
      <p>
        <Link prefetch={false} href="/help">{t('helpLink')}</Link>
      </p>
      <ul className="space-y-1">
        {app.privacyPolicyUrl ? (
          <li>
            <ExternalLink href={app.privacyPolicyUrl}>{t('policyLink', { app: app.name })}</ExternalLink>
          </li>
        ) : null}
        {app.termsUrl ? (
          <li>
            <ExternalLink href={app.termsUrl}>{t('termsLink', { app: app.name })}</ExternalLink>
          </li>
        ) : null}
        {words.noTerms ? <li>{words.noTerms}</li> : null}
      </ul>
      <ActionForm action={acceptTerms} errorTitle={t('errorTitle')} fieldLabels={words.errorFieldLabels} className="space-y-4">
        <input type="hidden" name="flowId" value={flow.id} />
        <CheckboxField name="agree" label={words.agreeLabel} initialChecked={flow.state.termsAccepted} />
        <SubmitButton>{t('agreeButton')}</SubmitButton>
      </ActionForm>
    </StepShell>
  );
}
