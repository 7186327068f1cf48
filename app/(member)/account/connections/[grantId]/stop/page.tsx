import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/forms/action-form';
import { mayChange } from '@/lib/server/account/account-scope';
import { StopButton } from '@/components/account/stop-button';
import { ExternalLink } from '@/components/ui/external-link';
import { findAccountConnection, isCurrent } from '@/lib/server/account/list-account-connections';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { AccountFrame } from '../../../account-frame';
import { stopSharingAction } from '../../../actions';
import { notFoundContent } from '@/lib/server/http/page-status';
import ConnectionNotFound from '../not-found';
import { DraftViewerField } from '@/components/account/draft-viewer-field';
import { takeFormDraft } from '@/lib/server/forms/form-drafts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ grantId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const account = await loadSignedInAccount();
  const connection = account ? await findAccountConnection(account.scope, (await params).grantId) : null;
  const t = await getTranslations('account');
  return { title: connection ? t('stopTitle', { app: connection.appName }) : t('notFoundTitle') };
}

/** "Stop sharing", step one: what stopping does and does not do, then one button (a plain form POST). */
export default async function StopSharingPage({ params }: Props) {
  const { grantId } = await params;
  const account = await loadSignedInAccount();
  if (!account) redirect('/account');
  const connection = await findAccountConnection(account.scope, grantId);
  if (!connection) return notFoundContent(<ConnectionNotFound />);
  if (!isCurrent(connection)) redirect(`/account/connections/${grantId}`);
  // Seen but not this viewer's to stop (the written policy): no button, just who can.
  if (!mayChange(account.scope, connection)) redirect(`/account/connections/${grantId}`);
  const t = await getTranslations('account');
  // Back here after signing in again (the session ended before "Stop sharing" was sent): nothing typed to put back.
  await takeFormDraft(account.scope.viewer, `/account/connections/${grantId}/stop`);
  const app = { developer: connection.appDeveloper, privacyPolicyUrl: connection.appPrivacyPolicyUrl, website: connection.appWebsite };
  const name = connection.appName;
  return (
    <AccountFrame scope={account.scope} current={null} title={t('stopTitle', { app: name })}>
      <div className="max-w-2xl space-y-6">
        <section aria-labelledby="what-happens" className="card space-y-3">
          <h2 id="what-happens">{t('stopWhatHappens')}</h2>
          <ul className="list-disc space-y-2 pl-6">
            <li>{t('stopNoNewData', { app: name })}</li>
            <li>{t('stopCopiedStays', { app: name })}</li>
            <li>{t('stopAskDelete', { app: name, developer: app.developer })}</li>
            <li>{t('stopConnectAgain', { app: name })}</li>
          </ul>
          {app.privacyPolicyUrl ? (
            <p>
              <ExternalLink href={app.privacyPolicyUrl}>{t('stopPolicyLink', { app: name })}</ExternalLink>
            </p>
          ) : app.website ? (
            <p>
              <ExternalLink href={app.website}>{t('stopWebsiteLink', { app: name })}</ExternalLink>
            </p>
          ) : null}
        </section>
        <ActionForm action={stopSharingAction} errorTitle={t('errorTitle')} className="flex flex-wrap items-center gap-4">
          <input type="hidden" name="grantId" value={connection.grantId} />
          <DraftViewerField viewer={account.scope.viewer} />
          <StopButton>{t('stopButton')}</StopButton>
          <a href="/account" className="inline-flex min-h-11 items-center">
            {t('stopCancel')}
          </a>
        </ActionForm>
      </div>
    </AccountFrame>
  );
}
