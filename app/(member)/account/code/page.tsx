import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { TimeLimitNotice } from '@/components/connect/time-limit-notice';
import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import { CodeSentNotice } from '@/components/identity/code-sent-notice';
import { CodeFields } from '@/components/identity/identity-fields';
import { PAYER } from '@/lib/payer';
import { readPendingSignIn, SIGN_IN_CODE_PURPOSE } from '@/lib/server/account/pending-sign-in';
import { codeIsClosed } from '@/lib/server/identity/confirm-verification-code';
import { codeTimeLimit } from '@/lib/server/connect/time-limits';
import { confirmSignInCode, restartSignIn, sendSignInCode } from '../actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('connect'))('codeTitle') };
}

/** Sign-in, second step: the email code, exactly as in step 4 of a connection. */
export default async function SignInCodePage() {
  const pending = await readPendingSignIn();
  if (!pending) redirect('/account');
  const t = await getTranslations('connect');
  const ta = await getTranslations('account');
  const closed = pending.codeSent && (await codeIsClosed({ kind: pending.kind, id: pending.id }, SIGN_IN_CODE_PURPOSE));
  const codeLimit = pending.codeSent && !closed ? await codeTimeLimit(pending.codeSentAt) : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1>{t('codeTitle')}</h1>
      {pending.codeSent ? (
        <>
          <CodeSentNotice sentAt={pending.codeSentAt ?? 'sent'} email={pending.maskedEmail} closed={closed} />
          <ActionForm action={confirmSignInCode} errorTitle={t('errorTitle')} fieldLabels={{ code: t('codeLabel') }}>
            <CodeFields label={t('codeLabel')} hint={t('codeHint')} confirm={t('confirmButton')} />
          </ActionForm>
          {codeLimit ? <TimeLimitNotice key={pending.codeSentAt} {...codeLimit} /> : null}
          <ActionForm action={sendSignInCode} errorTitle={t('errorTitle')}>
            <SubmitButton variant="secondary">{t('resendButton')}</SubmitButton>
          </ActionForm>
        </>
      ) : (
        <ActionForm action={sendSignInCode} errorTitle={t('errorTitle')} className="space-y-4">
          <p className="[overflow-wrap:anywhere]">{t('codeLead', { email: pending.maskedEmail })}</p>
          <SubmitButton>{t('sendButton')}</SubmitButton>
        </ActionForm>
      )}
      <p className="text-sm text-slate-700">{t('wrongEmail', { phone: PAYER.customerServicePhone })}</p>
      <form action={restartSignIn}>
        <button type="submit" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
          {ta('notYou')}
        </button>
      </form>
    </div>
  );
}
