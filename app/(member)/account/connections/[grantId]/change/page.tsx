import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { CheckboxGroup } from '@/components/forms/checkbox-group';
import { ActionForm } from '@/components/forms/action-form';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { FocusOnArrival } from '@/components/ui/focus-on-arrival';
import { addDays, appClock, endOfDayInstant, todayIn } from '@/lib/calendar';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { END_CHOICES } from '@/lib/schemas/account';
import { accountWording } from '@/lib/server/account/account-wording';
import { whoseInformationNote } from '@/lib/server/account/describe-connections';
import { lastDayOf } from '@/lib/server/account/last-day-of';
import { findAccountConnection } from '@/lib/server/account/list-account-connections';
import { mayChange } from '@/lib/server/account/account-scope';
import { loadSignedInAccount } from '@/lib/server/account/load-signed-in-account';
import { AccountFrame } from '../../../account-frame';
import { changeSharingAction } from '../../../actions';
import { notFoundContent } from '@/lib/server/http/page-status';
import ConnectionNotFound from '../not-found';
import { DraftViewerField, restoredDraftState } from '@/components/account/draft-viewer-field';
import { takeFormDraft } from '@/lib/server/forms/form-drafts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ grantId: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const account = await loadSignedInAccount();
  const connection = account ? await findAccountConnection(account.scope, (await params).grantId) : null;
  const t = await getTranslations('account');
  return { title: connection ? t('changeTitle', { app: connection.appName }) : t('notFoundTitle') };
}

/** "Change what is shared": share less (fewer kinds of data, no sensitive data, an earlier end) without starting over. */
export default async function ChangeSharingPage({ params, searchParams }: Props) {
  const { grantId } = await params;
  const changedElsewhere = (await searchParams)?.elsewhere === '1';
  const account = await loadSignedInAccount();
  if (!account) redirect('/account');
  const connection = await findAccountConnection(account.scope, grantId);
  if (!connection) return notFoundContent(<ConnectionNotFound />);
  if (connection.state !== 'active') redirect(`/account/connections/${grantId}`);
  // Seen but not this viewer's to change (a member under 18 and a parent's connection): the
  // connection's page says who can, as "Stop sharing" does; no form that could only be refused.
  if (!mayChange(account.scope, connection)) redirect(`/account/connections/${grantId}`);
  const t = await getTranslations('account');
  const wording = await accountWording();
  const draft = await takeFormDraft(account.scope.viewer, `/account/connections/${grantId}/change`);
  const { locale } = wording;
  const name = connection.appName;
  const today = todayIn(appClock());
  const endOptions = END_CHOICES.flatMap((choice) => {
    if (choice === 'keep') return [{ value: 'keep', label: t('endKeep', { date: formatCalendarDate(lastDayOf(connection.expiresAt), locale) }) }];
    const day = addDays(today, Number(choice));
    return endOfDayInstant(day) < connection.expiresAt ? [{ value: choice, label: t('endInDays', { days: Number(choice), date: formatCalendarDate(day, locale) }) }] : [];
  });
  return (
    <AccountFrame scope={account.scope} current={null} title={t('changeTitle', { app: name })}>
      <div className="max-w-2xl space-y-6">
        {changedElsewhere ? (
          <FocusOnArrival role="alert" className="rounded-md border-2 border-caution-800 bg-amber-50 p-3 font-semibold">
            {t('changedElsewhere')}
          </FocusOnArrival>
        ) : null}
        <p className="text-lg">{t('changeLead')}</p>
        <ActionForm action={changeSharingAction} errorTitle={t('errorTitle')} className="space-y-6" initialState={restoredDraftState(draft, t('draftRestored'))}>
          <input type="hidden" name="grantId" value={connection.grantId} />
          <DraftViewerField viewer={account.scope.viewer} />
          <CheckboxGroup name="categories" legend={t('changeWhatLegend', { app: name })} hint={t('changeWhatHint')}>
            {connection.categories.map((category, index) => (
              <CheckboxField key={category} id={index === 0 ? 'categories' : `categories-${category}`} name="categories" value={category} label={wording.categoryName(category)} initialChecked inGroup />
            ))}
          </CheckboxGroup>
          {connection.includeSensitive ? (
            <fieldset className="space-y-2">
              <legend className="mb-1 font-semibold">{t('labelSensitive')}</legend>
              <CheckboxField name="includeSensitive" label={t('changeKeepSensitive')} hint={t('changeKeepSensitiveHint')} initialChecked />
            </fieldset>
          ) : null}
          <RadioGroup name="ends" legend={t('endLegend')} initialValue="keep" options={endOptions} />
          <p className="rounded-md bg-amber-50 p-3">{whoseInformationNote('changeNote', connection, account.scope, wording)}</p>
          <div className="flex flex-wrap items-center gap-4">
            <SubmitButton>{t('changeButton')}</SubmitButton>
            <a href={`/account/connections/${connection.grantId}`} className="inline-flex min-h-11 items-center">
              {t('cancel')}
            </a>
          </div>
        </ActionForm>
      </div>
    </AccountFrame>
  );
}
