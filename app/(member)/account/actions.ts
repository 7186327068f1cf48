'use server';

import { headers } from 'next/headers';
import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { changeSharingSchema, reportProblemSchema, stopSharingSchema } from '@/lib/schemas/account';
import { signInCodeSchema, signInIdentitySchema } from '@/lib/schemas/connect';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runFormAction } from '@/lib/server/actions/run-form-action';
import { accountViewerOf, type AccountScope } from '@/lib/server/account/account-scope';
import { accountWording } from '@/lib/server/account/account-wording';
import { changeSharing, ConnectionChangedElsewhere } from '@/lib/server/account/change-sharing';
import { keepFormDraft, pageOfKeptForm } from '@/lib/server/forms/form-drafts';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { appClock } from '@/lib/calendar';
import { clearPendingSignIn, readPendingSignIn, SIGN_IN_CODE_PURPOSE, writePendingSignIn } from '@/lib/server/account/pending-sign-in';
import { readSessionExpiry } from '@/lib/server/account/read-session-expiry';
import { recordSessionEvent } from '@/lib/server/account/record-session-event';
import { localeOfThisRequest, rememberPreferredLocale } from '@/lib/server/account/remember-preferred-locale';
import { reportProblem } from '@/lib/server/account/report-problem';
import { stopSharing } from '@/lib/server/account/stop-sharing';
import { readHubSession, sessionVerifiedNow, writeHubSession, type HubSession } from '@/lib/server/auth/hub-session';
import { AppError } from '@/lib/server/errors/app-error';
import { confirmVerificationCode } from '@/lib/server/identity/confirm-verification-code';
import { sendVerificationCode } from '@/lib/server/identity/send-verification-code';
import { verifyTypedIdentity } from '@/lib/server/identity/verify-typed-identity';
import { networkKey } from '@/lib/server/http/network-key';
import { codeRefusalError, refusalClosesCode } from '@/lib/server/identity/code-refusal';

const ACCOUNT_ERRORS = { messages: 'account.errors' };

async function requestId(): Promise<string | null> {
  return (await headers()).get('x-request-id');
}

/**
 * The session and scope of the signed-in viewer; without one (it ended while the form was open),
 * what was typed is kept for the same person, and back to sign-in, which says so.
 */
async function requireAccount(formData: FormData): Promise<{ session: HubSession; scope: AccountScope }> {
  const account = await loadSignedInAccount();
  if (!account) redirect((await keepFormDraft(formData)) ? '/account?formKept=1' : '/account');
  return account;
}

/** Acting on the account is activity: the 15 idle minutes start again. */
async function renew(session: HubSession): Promise<void> {
  await writeHubSession({ ...session });
}

export const submitSignInIdentity = formStateAction(async (_, formData) => {
  return runFormAction(formData, signInIdentitySchema, async (input) => {
    const result = await verifyTypedIdentity(input);
    await writePendingSignIn({ kind: result.subject.kind, id: result.subject.id, maskedEmail: result.maskedEmail, codeSent: false });
    redirect('/account/code');
  });
});

export const sendSignInCode = formStateAction(async (_, formData) => {
  const pending = await readPendingSignIn();
  if (!pending) redirect('/account');
  return runFormAction(formData, z.object({}), async () => {
    const result = await sendVerificationCode({
      subject: { kind: pending.kind, id: pending.id },
      purpose: SIGN_IN_CODE_PURPOSE,
      locale: (await accountWording()).locale,
      networkKey: await networkKey(),
    });
    if (!result.ok) {
      if (result.reason === 'wait') throw new AppError('wait', 'codeWait', undefined, { seconds: result.retryAfterSeconds });
      throw new AppError('rate-limited', 'rateLimited', undefined, { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) });
    }
    await writePendingSignIn({ ...pending, codeSent: true, codeSentAt: appClock().now().toISOString() });
    redirect('/account/code');
  });
});

export const confirmSignInCode = formStateAction(async (_, formData) => {
  const pending = await readPendingSignIn();
  if (!pending) redirect('/account');
  return runFormAction(formData, signInCodeSchema, async ({ code }) => {
    const result = await confirmVerificationCode({ subject: { kind: pending.kind, id: pending.id }, purpose: SIGN_IN_CODE_PURPOSE, code });
    if (!result.ok) {
      // The page around the form says the code works for 10 minutes: drawn again, it says it does not.
      if (refusalClosesCode(result.reason)) refresh();
      throw codeRefusalError(result);
    }
    const session = sessionVerifiedNow(pending);
    await writeHubSession(session);
    await clearPendingSignIn();
    const viewer = accountViewerOf(session)!;
    await recordSessionEvent(viewer, 'account.signed-in', await requestId());
    // The language on file changes only when the person chose one; the browser's fills it only while there is none.
    const { locale, source } = await localeOfThisRequest();
    await rememberPreferredLocale(viewer, locale, undefined, source);
    // Back to a form this person was sending when their last session ended, if any.
    redirect((await pageOfKeptForm(viewer)) ?? '/account');
  });
});

/** Starts the sign-in again (the "Not you?" link's form). */
export async function restartSignIn(): Promise<void> {
  await clearPendingSignIn();
  redirect('/account');
}

/** "Sign out": the session cookie is cleared at once, on this device, and the audit trail says so. */
/** "Stay signed in": renews the session; answers the seconds it now has, or null when it had ended. */
export async function staySignedIn(): Promise<number | null> {
  const session = await readHubSession();
  if (!accountViewerOf(session)) return null;
  await renew(session!);
  return (await readSessionExpiry())?.secondsLeft ?? 15 * 60;
}

export const stopSharingAction = formStateAction(async (_, formData) => {
  return runFormAction(
    formData,
    stopSharingSchema,
    async ({ grantId }) => {
      const { session, scope } = await requireAccount(formData);
      const stopped = await stopSharing(scope, { grantId, locale: (await accountWording()).locale, requestId: await requestId() });
      await renew(session);
      redirect(`/account?stopped=${stopped.grantId}`);
    },
    ACCOUNT_ERRORS,
  );
});

export const changeSharingAction = formStateAction(async (_, formData) => {
  return runFormAction(
    formData,
    changeSharingSchema,
    async (input) => {
      const { session, scope } = await requireAccount(formData);
      const wording = await accountWording();
      const { grantId } = await changeSharing(scope, {
        grantId: input.grantId,
        categories: input.categories,
        includeSensitive: input.includeSensitive === 'yes',
        endInDays: input.ends === 'keep' ? null : Number(input.ends),
        locale: wording.locale,
        categoryNames: wording.categoryNames,
        requestId: await requestId(),
      }).catch((error: unknown) => {
        // Changed in another tab meanwhile: the form of the connection as it now is, saying so.
        if (error instanceof ConnectionChangedElsewhere) redirect(`/account/connections/${error.grantId}/change?elsewhere=1`);
        throw error;
      });
      await renew(session);
      redirect(`/account/connections/${grantId}?changed=1`);
    },
    { ...ACCOUNT_ERRORS, arrays: ['categories'] },
  );
});

export const reportProblemAction = formStateAction(async (_, formData) => {
  return runFormAction(
    formData,
    reportProblemSchema,
    async (input) => {
      const { session, scope } = await requireAccount(formData);
      const { caseId } = await reportProblem(scope, { ...input, requestId: await requestId() });
      await renew(session);
      redirect(`/account?reported=${caseId}#reports`);
    },
    ACCOUNT_ERRORS,
  );
});
