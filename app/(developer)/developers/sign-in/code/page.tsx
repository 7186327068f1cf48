import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import { CodeFields } from '@/components/identity/identity-fields';
import { readPendingDeveloperSignIn } from '@/lib/server/developers/pending-developer-sign-in';
import { confirmCodeAction, resendCodeAction, restartSignInAction } from '../../actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('developers'))('signIn.codeTitle') };
}

/** The second step: the code from the email, the member's own code form. */
export default async function DeveloperCodePage() {
  const pending = await readPendingDeveloperSignIn();
  if (!pending) redirect('/developers/sign-in');
  const [t, tc] = await Promise.all([getTranslations('developers'), getTranslations('connect')]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1>{t('signIn.codeTitle')}</h1>
      <p role="status" className="rounded-md border border-ok-700 bg-green-50 p-3">
        {t('signIn.codeSent', { email: pending.email })}
      </p>
      <ActionForm action={confirmCodeAction} errorTitle={tc('errorTitle')}>
        <CodeFields label={t('signIn.code')} hint={t('signIn.codeHint')} confirm={t('signIn.confirm')} />
      </ActionForm>
      <ActionForm action={resendCodeAction} errorTitle={tc('errorTitle')}>
        <SubmitButton variant="secondary">{t('signIn.resend')}</SubmitButton>
      </ActionForm>
      <form action={restartSignInAction}>
        <button type="submit" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
          {t('signIn.otherEmail')}
        </button>
      </form>
    </div>
  );
}
