import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { loadSignedInDeveloper } from '@/lib/server/developers/load-signed-in-developer';
import { requestCodeAction } from '../actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('developers'))('signIn.title') };
}

/** Sign-in and sign-up in one: an email address, then a code sent to it. No password. */
export default async function DeveloperSignInPage({ searchParams }: { searchParams: Promise<{ signedOut?: string }> }) {
  if (await loadSignedInDeveloper()) redirect('/developers/apps');
  const { signedOut } = await searchParams;
  const [t, tc] = await Promise.all([getTranslations('developers'), getTranslations('connect')]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1>{t('signIn.title')}</h1>
      {signedOut === '1' ? (
        <p role="status" className="rounded-md border-2 border-ok-700 bg-green-50 p-3 font-semibold">
          {t('signIn.signedOut')}
        </p>
      ) : null}
      <p className="text-lg">{t('signIn.lead')}</p>
      <ActionForm action={requestCodeAction} errorTitle={tc('errorTitle')}>
        <TextField name="email" type="email" label={t('signIn.email')} hint={t('signIn.emailHint')} autoComplete="email" spellCheck={false} className="mb-6" required />
        <SubmitButton>{t('signIn.send')}</SubmitButton>
      </ActionForm>
    </div>
  );
}
