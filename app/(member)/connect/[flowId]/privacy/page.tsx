import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { NoPrivacyPolicyWarning } from '@/components/apps/no-privacy-policy-warning';
import { PrivacyChecklist, privacyChecklistLabels } from '@/components/apps/privacy-checklist';
import { StepShell } from '@/components/connect/step-shell';
import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import { ExternalLink } from '@/components/ui/external-link';
import type { PrivacyAnswers } from '@/lib/privacy-questions';
import { loadFlowForPage } from '@/lib/server/connect/load-flow-for-page';
import { stepFrame } from '@/lib/server/connect/step-labels';
import { reviewPrivacy } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('privacy'))('checklistTitle') };
}

export default async function PrivacyStep({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const { flow, app } = await loadFlowForPage(flowId, 'privacy');
  const t = await getTranslations('connect');
  const tPrivacy = await getTranslations('privacy');
  return (
    <StepShell {...await stepFrame(flow, 'privacy', app.name)} title={t('privacyTitle', { app: app.name })}>
      <p>{t('privacyLead')}</p>
      {app.privacyPolicyUrl ? (
        <p>
          <ExternalLink href={app.privacyPolicyUrl}>{t('policyLink', { app: app.name })}</ExternalLink>
        </p>
      ) : (
        <NoPrivacyPolicyWarning title={t('noPolicy', { app: app.name })} body="" />
      )}
      <PrivacyChecklist answers={app.privacy as PrivacyAnswers} labels={privacyChecklistLabels(tPrivacy, await getLocale())} headingLevel={2} />
      <ActionForm action={reviewPrivacy} errorTitle={t('errorTitle')}>
        <input type="hidden" name="flowId" value={flow.id} />
        <SubmitButton>{t('privacyContinue')}</SubmitButton>
      </ActionForm>
    </StepShell>
  );
}
