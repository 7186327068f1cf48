import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { accountLeadKey } from '@/components/account/account-lead';
import { LiveCases } from '@/components/account/live-cases';
import { LiveConnections } from '@/components/account/live-connections';
import { PrivacyChangesNotice } from '@/components/account/privacy-changes-notice';
import { Relationships } from '@/components/account/relationships';
import { privacyChecklistLabels } from '@/components/apps/privacy-checklist';
import { ActionForm } from '@/components/forms/action-form';
import { IdentityFields, identityErrorFieldLabels, identityFieldLabels } from '@/components/identity/identity-fields';
import { FocusOnArrival } from '@/components/ui/focus-on-arrival';
import { formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { accountWording } from '@/lib/server/account/account-wording';
import { describeCases } from '@/lib/server/account/describe-cases';
import { describeConnections, whoseInformationNote } from '@/lib/server/account/describe-connections';
import { caseReference, listAccountCases } from '@/lib/server/account/list-account-cases';
import { findAccountConnection, listAccountConnections } from '@/lib/server/account/list-account-connections';
import { listPrivacyChanges } from '@/lib/server/account/list-privacy-changes';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { AccountFrame } from './account-frame';
import { submitSignInIdentity } from './actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const account = await loadSignedInAccount();
  const t = await getTranslations('account');
  return { title: account ? t('title') : t('signInTitle') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

export default async function AccountPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const account = await loadSignedInAccount();
  if (!account) return <SignIn signedOut={one(params.signedOut) === '1'} formKept={one(params.formKept) === '1'} />;
  const { scope } = account;
  const wording = await accountWording();
  const t = await getTranslations('account');
  const tp = await getTranslations('privacy');
  const ts = await getTranslations('sharing');

  const [connections, cases, privacyChanges] = await Promise.all([listAccountConnections(scope), listAccountCases(scope), listPrivacyChanges(scope)]);
  // What just happened, named by id in the address: looked up in the viewer's scope like anything else.
  const stoppedId = one(params.stopped);
  const stopped = stoppedId ? await findAccountConnection(scope, stoppedId) : null;
  const reportedId = one(params.reported);
  const reported = reportedId ? cases.find((c) => c.id === reportedId) : undefined;
  const questions = privacyChecklistLabels((key) => tp(key)).questions;
  const connectionsView = describeConnections(scope, connections, wording);

  return (
    <AccountFrame scope={scope} current="connections" title={t('title')}>
      {stopped?.state === 'stopped' ? (
        <FocusOnArrival key={stopped.grantId} className="space-y-1 rounded-md border-2 border-ok-700 bg-green-50 p-4">
          <p className="font-semibold">{t('flashStopped', { app: stopped.appName })}</p>
          <p>{whoseInformationNote('flashStoppedMore', stopped, scope, wording)}</p>
        </FocusOnArrival>
      ) : null}
      {reported ? (
        <FocusOnArrival key={reported.id} className="rounded-md border-2 border-ok-700 bg-green-50 p-4 font-semibold">
          {t('flashReported', { reference: caseReference(reported.id) })}
        </FocusOnArrival>
      ) : null}
      <p className="max-w-3xl text-lg">{t(accountLeadKey(scope, connectionsView))}</p>
      <p>
        <a href="/account/sharing">{ts(scope.viewer.kind === 'representative' ? 'forRepresentative.accountLink' : 'accountLink')}</a>
      </p>
      <PrivacyChangesNotice
        title={t('privacyChangesTitle')}
        lead={(app) => t('privacyChangesLead', { app })}
        labels={{ before: t('privacyBefore'), after: t('privacyAfter'), noAnswer: tp('noAnswer') }}
        items={privacyChanges.map((item) => ({
          grantId: item.grantId,
          appName: item.appName,
          changedOn: item.changedAt ? t('privacyChangedOn', { date: formatInstantDate(item.changedAt, wording.locale) }) : '',
          changes: item.changes.map((change) => ({ question: questions[change.questionId], before: change.before, after: change.after })),
        }))}
      />
      <Relationships scope={scope} locale={wording.locale} />
      <LiveConnections initialData={connectionsView} />
      <section id="reports" aria-labelledby="reports-title" className="space-y-3">
        <h2 id="reports-title">{t('reportsTitle')}</h2>
        <LiveCases initialData={describeCases(cases, wording)} />
        <p>
          <a href="/account/report" className="btn-secondary">
            {t('reportLink')}
          </a>
        </p>
      </section>
    </AccountFrame>
  );
}

async function SignIn({ signedOut, formKept }: { signedOut: boolean; formKept: boolean }) {
  const t = await getTranslations('account');
  const tc = await getTranslations('connect');
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1>{t('signInTitle')}</h1>
      {formKept ? (
        <FocusOnArrival role="alert" className="rounded-md border-2 border-caution-800 bg-amber-50 p-3 font-semibold">
          {t('formKept')}
        </FocusOnArrival>
      ) : null}
      {signedOut ? (
        <p role="status" className="rounded-md border-2 border-ok-700 bg-green-50 p-3 font-semibold">
          {t('signedOut')}
        </p>
      ) : null}
      <p className="text-lg">{t('signInLead')}</p>
      <ActionForm action={submitSignInIdentity} errorTitle={tc('errorTitle')} fieldLabels={identityErrorFieldLabels(identityFieldLabels(tc))}>
        <IdentityFields labels={identityFieldLabels(tc)} />
      </ActionForm>
    </div>
  );
}
