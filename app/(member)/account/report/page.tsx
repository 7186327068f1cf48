import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { TextAreaField } from '@/components/forms/text-field';
import { ActionForm } from '@/components/forms/action-form';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { ExternalLink } from '@/components/ui/external-link';
import { formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { PAYER } from '@/lib/payer';
import { accountWording } from '@/lib/server/account/account-wording';
import { listAccountConnections } from '@/lib/server/account/list-account-connections';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { AccountFrame } from '../account-frame';
import { reportProblemAction } from '../actions';
import { DraftViewerField, restoredDraftState } from '@/components/account/draft-viewer-field';
import { takeFormDraft } from '@/lib/server/forms/form-drafts';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('reportTitle') };
}

/** "Report a problem": a suspected breach or an app's misuse, to the privacy officer; and where else to complain. */
export default async function ReportProblemPage() {
  const account = await loadSignedInAccount();
  if (!account) redirect('/account');
  const { scope } = account;
  const t = await getTranslations('account');
  const draft = await takeFormDraft(scope.viewer, '/account/report');
  const { locale } = await accountWording();
  // One choice per app (and member): the newest connection to it, current or past.
  const connections = (await listAccountConnections(scope)).filter(
    (c, index, all) => all.findIndex((other) => other.appId === c.appId && other.memberId === c.memberId) === index,
  );
  const several = scope.members.length > 1;
  const memberName = (id: string) => scope.members.find((m) => m.memberId === id)?.name ?? '';
  return (
    <AccountFrame scope={scope} current="report" title={t('reportTitle')}>
      <div className="grid gap-10 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-4">
          <p className="text-lg">{t('reportLead')}</p>
          <ActionForm action={reportProblemAction} errorTitle={t('errorTitle')} initialState={restoredDraftState(draft, t('draftRestored'))}>
            <input type="hidden" name="reportKey" value={randomUUID()} />
            <DraftViewerField viewer={scope.viewer} />
            <RadioGroup
              name="about"
              legend={t('aboutLegend')}
              options={[
                ...connections.map((c) => ({
                  value: c.grantId,
                  label: c.appName,
                  hint: several
                    ? t('aboutConnectionFor', { name: memberName(c.memberId), date: formatInstantDate(c.createdAt, locale) })
                    : t('aboutConnection', { date: formatInstantDate(c.createdAt, locale) }),
                })),
                { value: 'other', label: t('aboutOther') },
              ]}
            />
            <TextField name="otherAppName" label={t('otherAppLabel')} hint={t('otherAppHint')} autoComplete="off" maxLength={120} />
            {several ? (
              <RadioGroup name="memberId" legend={t('memberLegend')} options={scope.members.map((m) => ({ value: m.memberId, label: m.name }))} />
            ) : null}
            <RadioGroup
              name="kind"
              legend={t('kindLegend')}
              options={[
                { value: 'breach', label: t('kindBreach'), hint: t('kindBreachHint') },
                { value: 'misuse', label: t('kindMisuse'), hint: t('kindMisuseHint') },
              ]}
            />
            <TextAreaField name="description" label={t('descriptionLabel')} hint={t('descriptionHint')} maxLength={4000} required />
            <TextField name="contact" label={t('contactLabel')} hint={t('contactHint')} autoComplete="off" maxLength={200} className="mb-6" />
            <SubmitButton>{t('reportButton')}</SubmitButton>
          </ActionForm>
        </div>
        <aside aria-labelledby="complain-title" className="space-y-5 self-start rounded-lg bg-slate-100 p-5">
          <h2 id="complain-title">{t('complainTitle')}</h2>
          <section aria-labelledby="ocr-title" className="space-y-2">
            <h3 id="ocr-title" className="font-semibold">{t('ocrTitle')}</h3>
            <p>{t('ocrBody')}</p>
            <p>
              <ExternalLink href={PAYER.ocrComplaintUrl}>{t('ocrLink')}</ExternalLink>
            </p>
            <p>
              {t('byMail')} <span className="block" lang="en">{PAYER.ocrAddress}</span>
            </p>
          </section>
          <section aria-labelledby="ftc-title" className="space-y-2">
            <h3 id="ftc-title" className="font-semibold">{t('ftcTitle')}</h3>
            <p>{t('ftcBody')}</p>
            <p>
              <ExternalLink href={PAYER.ftcComplaintUrl}>{t('ftcLink')}</ExternalLink>
            </p>
            <p>
              {t('byMail')} <span className="block" lang="en">{PAYER.ftcAddress}</span>
            </p>
          </section>
          <p>{t('callUs', { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty })}</p>
        </aside>
      </div>
    </AccountFrame>
  );
}
