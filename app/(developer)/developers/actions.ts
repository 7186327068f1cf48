'use server';

import { refresh } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { connectionRequestSchema, developerAppSchema, developerCodeSchema, developerEmailSchema, privacyAnswersSchema, rotateSecretSchema } from '@/lib/schemas/developer';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runFormAction } from '@/lib/server/actions/run-form-action';
import { changePrivacyAnswers } from '@/lib/server/developers/change-privacy-answers';
import { confirmDeveloperCode } from '@/lib/server/developers/confirm-developer-code';
import { endDeveloperSession, writeDeveloperSession } from '@/lib/server/developers/developer-session';
import { endPreviousClientSecret } from '@/lib/server/developers/end-previous-client-secret';
import { loadSignedInDeveloper } from '@/lib/server/developers/load-signed-in-developer';
import { clearPendingDeveloperSignIn, readPendingDeveloperSignIn, writePendingDeveloperSignIn } from '@/lib/server/developers/pending-developer-sign-in';
import { requestAppConnection } from '@/lib/server/developers/request-app-connection';
import { requestDeveloperCode } from '@/lib/server/developers/request-developer-code';
import { rotateClientSecret } from '@/lib/server/developers/rotate-client-secret';
import { runDeveloperAction } from '@/lib/server/developers/run-developer-action';
import { signOutDeveloper } from '@/lib/server/developers/sign-out-developer';
import { AppError } from '@/lib/server/errors/app-error';
import { networkKey } from '@/lib/server/http/network-key';
import { codeRefusalError } from '@/lib/server/identity/code-refusal';

const ERRORS = { messages: 'developers.errors' };

async function requestId(): Promise<string | null> {
  return (await headers()).get('x-request-id');
}

async function locale(): Promise<'en' | 'es'> {
  return (await getLocale()) === 'es' ? 'es' : 'en';
}

/** Why a code was not sent, as the form's message. */
function codeNotSent(result: { reason: 'wait' | 'rate-limited'; retryAfterSeconds: number }): never {
  if (result.reason === 'wait') throw new AppError('wait', 'codeWait', undefined, { seconds: result.retryAfterSeconds });
  throw new AppError('rate-limited', 'rateLimited', undefined, { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) });
}

export const requestCodeAction = formStateAction(async (_, formData) => {
  return runFormAction(
    formData,
    developerEmailSchema,
    async ({ email }) => {
      const { developerId, sent } = await requestDeveloperCode({ email, locale: await locale(), networkKey: await networkKey() });
      // The same next step whoever owns the address: the code only reaches its owner.
      await writePendingDeveloperSignIn({ developerId, email });
      if (!sent.ok) codeNotSent(sent);
      redirect('/developers/sign-in/code');
    },
    ERRORS,
  );
});

export const resendCodeAction = formStateAction(async (_, formData) => {
  const pending = await readPendingDeveloperSignIn();
  if (!pending) redirect('/developers/sign-in');
  return runFormAction(
    formData,
    z.object({}),
    async () => {
      const { sent } = await requestDeveloperCode({ email: pending.email, locale: await locale(), networkKey: await networkKey() });
      if (!sent.ok) codeNotSent(sent);
      redirect('/developers/sign-in/code');
    },
    ERRORS,
  );
});

export const confirmCodeAction = formStateAction(async (_, formData) => {
  const pending = await readPendingDeveloperSignIn();
  if (!pending) redirect('/developers/sign-in');
  return runFormAction(
    formData,
    developerCodeSchema,
    async ({ code }) => {
      const result = await confirmDeveloperCode({ developerId: pending.developerId, code, requestId: await requestId() });
      if (!result.ok) {
        throw codeRefusalError(result);
      }
      await writeDeveloperSession({ developerId: pending.developerId, signedInAt: Date.now() });
      await clearPendingDeveloperSignIn();
      redirect('/developers/apps');
    },
    ERRORS,
  );
});

/** "Use a different email address". */
export async function restartSignInAction(): Promise<void> {
  await clearPendingDeveloperSignIn();
  redirect('/developers/sign-in');
}

/** "Sign out": this session and every other one of the account end (checked on every request). */
export async function signOutAction(): Promise<void> {
  const developer = await loadSignedInDeveloper();
  if (developer) await signOutDeveloper(developer.id, await requestId());
  await endDeveloperSession();
  redirect('/developers/sign-in?signedOut=1');
}

export const requestConnectionAction = formStateAction(async (_, formData) => {
  return runDeveloperAction(
    formData,
    connectionRequestSchema,
    async (request, developer) => {
      const created = await requestAppConnection(developer, request, await requestId());
      // A public client has nothing secret to show: straight to its status page.
      if (!created.clientSecret) redirect(`/developers/apps/${created.appId}?created=1`);
      return { ok: true, oneTime: { appId: created.appId, clientId: created.clientId, clientSecret: created.clientSecret } };
    },
    { arrays: ['scopes'] },
  );
});

export const changePrivacyAnswersAction = formStateAction(async (_, formData) => {
  return runDeveloperAction(formData, privacyAnswersSchema, async ({ appId, answers }, developer) => {
    const { changed } = await changePrivacyAnswers(developer.id, { appId, answers, requestId: await requestId() });
    if (changed.length === 0) throw new AppError('unchanged', 'nothingChanged');
    redirect(`/developers/apps/${appId}?saved=privacy#privacy`);
  });
});

export const rotateSecretAction = formStateAction(async (_, formData) => {
  return runDeveloperAction(formData, rotateSecretSchema, async ({ appId, endOldSecret }, developer) => {
    const { clientSecret, previousValidUntil } = await rotateClientSecret(developer.id, appId, { endOldSecret: endOldSecret === 'yes', requestId: await requestId(), locale: await locale() });
    // The page is drawn again beside the revealed secret: it now says until when the replaced one works.
    refresh();
    return { ok: true, oneTime: { clientSecret, previousValidUntil: formatInstantDate(previousValidUntil, await locale()) } };
  });
});

export const endPreviousSecretAction = formStateAction(async (_, formData) => {
  return runDeveloperAction(formData, developerAppSchema, async ({ appId }, developer) => {
    await endPreviousClientSecret(developer.id, appId, await requestId());
    redirect(`/developers/apps/${appId}?ended=secret#secret`);
  });
});
