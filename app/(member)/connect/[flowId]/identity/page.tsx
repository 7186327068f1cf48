import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { StepShell } from '@/components/connect/step-shell';
import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import { IdentityFields, identityErrorFieldLabels, identityFieldLabels } from '@/components/identity/identity-fields';
import { readHubSession } from '@/lib/server/auth/hub-session';
import { loadFlowForPage, sessionIsVerifiedPerson } from '@/lib/server/connect/load-flow-for-page';
import { FocusOnArrival } from '@/components/ui/focus-on-arrival';
import { stepFrame } from '@/lib/server/connect/step-labels';
import { continueAsSignedIn, submitIdentity } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('connect'))('identityTitle') };
}

export default async function IdentityStep({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const { flow, app } = await loadFlowForPage(flowId, 'identity');
  const t = await getTranslations('connect');
  const session = await readHubSession();
  const signedIn = session?.kind === 'member' || session?.kind === 'representative';
  // Who proved their identity in this flow is no longer signed in here (signed out, or the session ended).
  const signedOut = Boolean(flow.state.subject) && !sessionIsVerifiedPerson(flow, session);
  return (
    <StepShell {...await stepFrame(flow, 'identity', app.name)} title={t('identityTitle')}>
      {signedOut ? (
        <FocusOnArrival className="rounded-md border-2 border-caution-800 bg-amber-50 p-3">
          <p>{t('verifyAgain')}</p>
        </FocusOnArrival>
      ) : null}
      {signedIn ? (
        <ActionForm action={continueAsSignedIn} errorTitle={t('errorTitle')} className="card space-y-3">
          <input type="hidden" name="flowId" value={flow.id} />
          <p>{t('alreadyVerified')}</p>
          <SubmitButton>{t('continue')}</SubmitButton>
        </ActionForm>
      ) : null}
      <p>{t('identityLead')}</p>
      <ActionForm action={submitIdentity} errorTitle={t('errorTitle')} fieldLabels={identityErrorFieldLabels(identityFieldLabels(t))}>
        <input type="hidden" name="flowId" value={flow.id} />
        <IdentityFields labels={identityFieldLabels(t)} />
      </ActionForm>
    </StepShell>
  );
}
