import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextAreaField } from '@/components/forms/text-field';
import { PRIVACY_QUESTION_IDS } from '@/lib/privacy-questions';
import { privacyAnswerField } from '@/lib/schemas/developer';
import { findDeveloperApp } from '@/lib/server/developers/find-developer-app';
import { loadSignedInDeveloper } from '@/lib/server/developers/load-signed-in-developer';
import { changePrivacyAnswersAction } from '../../../actions';
import { notFoundContent } from '@/lib/server/http/page-status';
import NotFound from '@/app/not-found';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('developers'))('app.changePrivacy') };
}

/** The fifteen answers, filled in with today's; saving makes a new version members are shown. */
export default async function PrivacyAnswersPage({ params }: { params: Promise<{ appId: string }> }) {
  const developer = await loadSignedInDeveloper();
  if (!developer) redirect('/developers/sign-in');
  const app = await findDeveloperApp(developer.id, (await params).appId);
  if (!app) return notFoundContent(<NotFound />);
  const [t, tc, tp] = await Promise.all([getTranslations('developers'), getTranslations('connect'), getTranslations('privacy')]);
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href={`/developers/apps/${app.id}`} className="inline-flex min-h-11 items-center gap-1">
          <span aria-hidden="true">←</span> {t('privacyForm.back', { app: app.name })}
        </Link>
      </p>
      <h1>{t('privacyForm.title', { app: app.name })}</h1>
      <p className="text-lg">{t('privacyForm.lead')}</p>
      <ActionForm action={changePrivacyAnswersAction} errorTitle={tc('errorTitle')}>
        <input type="hidden" name="appId" value={app.id} />
        {PRIVACY_QUESTION_IDS.map((id, index) => (
          <TextAreaField key={id} name={privacyAnswerField(id)} label={`${index + 1}. ${tp(`questions.${id}`)}`} rows={3} maxLength={2000} initialValue={app.privacy[id]?.answer ?? ''} />
        ))}
        <SubmitButton>{t('privacyForm.save')}</SubmitButton>
      </ActionForm>
    </div>
  );
}
