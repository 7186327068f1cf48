'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { approvalSchema, chooseMemberSchema, codeSchema, identitySchema, tickSchema } from '@/lib/schemas/connect';
import { formStateAction } from '@/lib/server/actions/form-state-action';
import { runFormAction } from '@/lib/server/actions/run-form-action';
import { browserKey } from '@/lib/server/auth/browser-key';
import { readHubSession, sessionVerifiedNow, writeHubSession } from '@/lib/server/auth/hub-session';
import { localeOfThisRequest } from '@/lib/server/account/remember-preferred-locale';
import { approveConnectFlow } from '@/lib/server/connect/approve-connect-flow';
import { checkRepresentativeAccess } from '@/lib/server/connect/check-connect-access';
import { updateConnectFlow } from '@/lib/server/connect/connect-flow-store';
import { loadFlowForAction } from '@/lib/server/connect/load-flow-for-page';
import { AppError } from '@/lib/server/errors/app-error';
import { confirmVerificationCode } from '@/lib/server/identity/confirm-verification-code';
import { sendVerificationCode } from '@/lib/server/identity/send-verification-code';
import { verifyTypedIdentity } from '@/lib/server/identity/verify-typed-identity';
import { networkKey } from '@/lib/server/http/network-key';
import { DATA_CATEGORIES, type DataCategory } from '@/lib/server/smart/smart-scopes';
import { codeRefusalError, refusalClosesCode } from '@/lib/server/identity/code-refusal';

export const reviewPrivacy = formStateAction(async (_, formData) => {
  const flow = await loadFlowForAction(String(formData.get('flowId')), 'privacy');
  await updateConnectFlow(flow, { privacyReviewed: true });
  redirect(`/connect/${flow.id}/terms`);
});

export const acceptTerms = formStateAction(async (_, formData) => {
  return runFormAction(formData, tickSchema, async ({ flowId }) => {
    const flow = await loadFlowForAction(flowId, 'terms');
    await updateConnectFlow(flow, { termsAccepted: true });
    redirect(`/connect/${flow.id}/identity`);
  });
});

/** A member or representative verified in this browser in the last 15 minutes skips the code. */
export const continueAsSignedIn = formStateAction(async (_, formData) => {
  const flow = await loadFlowForAction(String(formData.get('flowId')), 'identity');
  const session = await readHubSession();
  if (session?.kind === 'member') {
    await updateConnectFlow(flow, { subject: { kind: 'member', id: session.memberId }, pendingSubject: undefined });
    await writeHubSession({ ...session });
    redirect(`/connect/${flow.id}/approve`);
  }
  if (session?.kind === 'representative') {
    await updateConnectFlow(flow, { subject: { kind: 'representative', id: session.repId }, pendingSubject: undefined });
    await writeHubSession({ ...session });
    redirect(`/connect/${flow.id}/member`);
  }
  redirect(`/connect/${flow.id}/identity`);
});

export const submitIdentity = formStateAction(async (_, formData) => {
  return runFormAction(formData, identitySchema, async (input) => {
    const flow = await loadFlowForAction(input.flowId, 'identity');
    const result = await verifyTypedIdentity(input);
    await updateConnectFlow(flow, { pendingSubject: { ...result.subject, maskedEmail: result.maskedEmail }, subject: undefined, actingFor: undefined, codeSentAt: undefined });
    redirect(`/connect/${flow.id}/code`);
  });
});

export const sendCode = formStateAction(async (_, formData) => {
  const flow = await loadFlowForAction(String(formData.get('flowId')), 'code');
  const pending = flow.state.pendingSubject;
  if (!pending) redirect(`/connect/${flow.id}/identity`);
  return runFormAction(formData, tickSchema.pick({ flowId: true }), async () => {
    const result = await sendVerificationCode({
      subject: { kind: pending.kind, id: pending.id },
      purpose: 'connect',
      locale: (await getLocale()) === 'es' ? 'es' : 'en',
      networkKey: await networkKey(),
    });
    if (!result.ok) {
      if (result.reason === 'wait') throw new AppError('wait', 'codeWait', undefined, { seconds: result.retryAfterSeconds });
      throw new AppError('rate-limited', 'rateLimited', undefined, { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) });
    }
    await updateConnectFlow(flow, { codeSentAt: new Date().toISOString() });
    redirect(`/connect/${flow.id}/code?sent=1`);
  });
});

export const confirmCode = formStateAction(async (_, formData) => {
  return runFormAction(formData, codeSchema, async ({ flowId, code }) => {
    const flow = await loadFlowForAction(flowId, 'code');
    const pending = flow.state.pendingSubject;
    if (!pending) redirect(`/connect/${flow.id}/identity`);
    const result = await confirmVerificationCode({ subject: { kind: pending.kind, id: pending.id }, purpose: 'connect', code });
    if (!result.ok) {
      // The page around the form says the code works for 10 minutes: drawn again, it says it does not.
      if (refusalClosesCode(result.reason)) refresh();
      throw codeRefusalError(result);
    }
    const subject = { kind: pending.kind, id: pending.id };
    await updateConnectFlow(flow, { subject, pendingSubject: undefined });
    await writeHubSession(sessionVerifiedNow(subject));
    redirect(`/connect/${flow.id}/${subject.kind === 'representative' ? 'member' : 'approve'}`);
  });
});

export const chooseMember = formStateAction(async (_, formData) => {
  return runFormAction(formData, chooseMemberSchema, async ({ flowId, memberId }) => {
    const flow = await loadFlowForAction(flowId, 'member');
    const subject = flow.state.subject;
    if (subject?.kind !== 'representative') redirect(`/connect/${flow.id}/identity`);
    // The WHERE clause is the permission: only members this representative holds authority for.
    const check = await checkRepresentativeAccess(subject.id, memberId);
    if (!check || !check.represented.authority.active) throw new AppError('authority', 'authorityEnded', 'memberId');
    await updateConnectFlow(flow, { actingFor: { memberId, authorityId: check.represented.authorityId, authorityType: check.represented.authorityType } });
    redirect(`/connect/${flow.id}/approve`);
  });
});

export const approveShare = formStateAction(async (_, formData) => {
  return runFormAction(
    formData,
    approvalSchema,
    async (input) => {
      const flow = await loadFlowForAction(input.flowId, 'approve');
      const key = (await browserKey({ create: false }))!;
      const t = await getTranslations('connect');
      const { locale, source: localeSource } = await localeOfThisRequest();
      const categoryNames = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, t(`category_${c}`)])) as Record<DataCategory, string>;
      await approveConnectFlow(flow, { categories: input.categories, includeSensitive: input.includeSensitive === 'yes', duration: input.duration }, key, { locale, localeSource, categoryNames });
      redirect(`/connect/${flow.id}/done`);
    },
    { arrays: ['categories'] },
  );
});
