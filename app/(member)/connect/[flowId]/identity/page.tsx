import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { StepShell } from '@/components/connect/step-shell';
import { ActionForm } from '@/components/forms/action-form';
import { DateOfBirthField } from '@/components/forms/date-of-birth-field';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { readHubSession } from '@/lib/server/auth/hub-session';
import { loadFlowForPage } from '@/lib/server/connect/load-flow-for-page';
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
  return (
    <StepShell {...await stepFrame(flow, 'identity', app.name)} title={t('identityTitle')}>
      {signedIn ? (
        <ActionForm action={continueAsSignedIn} errorTitle={t('errorTitle')} className="card space-y-3">
          <input type="hidden" name="flowId" value={flow.id} />
          <p>{t('alreadyVerified')}</p>
          <SubmitButton>{t('continue')}</SubmitButton>
        </ActionForm>
      ) : null}
      <p>{t('identityLead')}</p>
      <ActionForm action={submitIdentity} errorTitle={t('errorTitle')}>
        <input type="hidden" name="flowId" value={flow.id} />
        <RadioGroup
          name="who"
          legend={t('whoLegend')}
          initialValue="member"
          options={[
            { value: 'member', label: t('whoMember') },
            { value: 'representative', label: t('whoRepresentative') },
          ]}
        />
        <TextField name="firstName" label={t('firstName')} autoComplete="given-name" required />
        <TextField name="lastName" label={t('lastName')} autoComplete="family-name" required />
        <DateOfBirthField legend={t('dateOfBirth')} hint={t('dateOfBirthHint')} labels={{ month: t('month'), day: t('day'), year: t('year') }} />
        <TextField name="memberId" label={t('memberId')} hint={t('memberIdHint')} autoComplete="off" spellCheck={false} required />
        <TextField name="zip" label={t('zip')} inputMode="numeric" autoComplete="postal-code" className="mb-6 max-w-40" required />
        <SubmitButton>{t('verifyButton')}</SubmitButton>
      </ActionForm>
    </StepShell>
  );
}
