import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { OneTimeReveal } from '@/components/developers/one-time-reveal';
import { PrivacyChecklist, privacyChecklistLabels } from '@/components/apps/privacy-checklist';
import { ActionForm } from '@/components/forms/action-form';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { SubmitButton } from '@/components/forms/submit-button';
import { formatCalendarDate, formatInstantDate } from '@/lib/i18n/format-calendar-date';
import type { Locale } from '@/lib/i18n/locales';
import { CLIENT_SECRET_GRACE_DAYS } from '@/lib/server/apps/client-secret';
import { criterionLabel } from '@/lib/server/apps/describe-criterion';
import { appConfig } from '@/lib/server/config/app-config';
import { findDeveloperApp } from '@/lib/server/developers/find-developer-app';
import { loadSignedInDeveloper } from '@/lib/server/developers/load-signed-in-developer';
import { writeFhirclientExample } from '@/lib/server/developers/write-fhirclient-example';
import { endPreviousSecretAction, rotateSecretAction } from '../../actions';
import { notFoundContent } from '@/lib/server/http/page-status';
import NotFound from '@/app/not-found';

export const dynamic = 'force-dynamic';

interface AppPageProps {
  params: Promise<{ appId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}

/** The signed-in developer's own app, or nothing: another developer's id is "not found". */
const findOwnApp = cache(async (appId: string) => {
  const developer = await loadSignedInDeveloper();
  if (!developer) return { developer: null, app: null };
  return { developer, app: await findDeveloperApp(developer.id, appId) };
});

export async function generateMetadata({ params }: AppPageProps): Promise<Metadata> {
  const { app } = await findOwnApp((await params).appId);
  return app ? { title: app.name } : {};
}

/** Where a request stands, with every decision's criterion and notes, the client's details and its secret. */
export default async function DeveloperAppPage({ params, searchParams }: AppPageProps) {
  const { developer, app } = await findOwnApp((await params).appId);
  if (!developer) redirect('/developers/sign-in');
  if (!app) return notFoundContent(<NotFound />);
  const flash = await searchParams;
  const [t, tc, tp, locale] = await Promise.all([getTranslations('developers'), getTranslations('connect'), getTranslations('privacy'), getLocale() as Promise<Locale>]);
  const example = app.clientType === 'public' ? writeFhirclientExample({ fhirBase: appConfig().fhirBaseUrl, clientId: app.clientId, redirectUri: app.redirectUris[0], scopes: app.scopes }) : null;
  const link = (url: string | null) => (url ? <a href={url}>{url}</a> : t('app.none'));

  return (
    <div className="max-w-4xl space-y-10">
      <div className="space-y-3">
        <p>
          <Link href="/developers/apps" className="inline-flex min-h-11 items-center gap-1">
            <span aria-hidden="true">←</span> {t('apps.title')}
          </Link>
        </p>
        <h1>{app.name}</h1>
        <p className="text-slate-700">{app.organization}</p>
        {flash.created === '1' ? (
          <p role="status" className="rounded-md border-2 border-ok-700 bg-green-50 p-3 font-semibold">
            {t('request.createdTitle')}. {t('request.createdLead')}
          </p>
        ) : null}
      </div>

      <section aria-labelledby="status-title" className="card space-y-2">
        <h2 id="status-title">{t('app.statusTitle')}</h2>
        <p className="text-xl font-semibold" data-testid="app-status">
          {t(`status.${app.status}`)}
        </p>
        <p className="text-slate-700">{t('app.since', { date: formatCalendarDate(app.statusSince, locale) })}</p>
        <p>{t(`status.${app.status}Help`)}</p>
      </section>

      <section aria-labelledby="decisions-title" className="space-y-3">
        <h2 id="decisions-title">{t('app.decisionsTitle')}</h2>
        {app.decisions.length === 0 ? (
          <p>{t('app.noDecisions')}</p>
        ) : (
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t('app.decisionsCaption')}</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-2 pr-4">
                  {t('app.date')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('app.decision')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('app.criterion')}
                </th>
                <th scope="col" className="py-2">
                  {t('app.notes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {app.decisions.map((decision) => (
                <tr key={`${decision.decision}-${decision.decidedAt.toISOString()}`} className="border-b border-slate-300 align-top">
                  <td className="py-2 pr-4">{formatInstantDate(decision.decidedAt, locale)}</td>
                  <td className="py-2 pr-4">{t(`app.decision_${decision.decision}`)}</td>
                  <td className="py-2 pr-4">{criterionLabel(decision.criterion, locale)}</td>
                  <td className="py-2 whitespace-pre-line">{decision.notes || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="details-title" className="space-y-3">
        <h2 id="details-title">{t('app.detailsTitle')}</h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr] [&_dd]:break-all [&_dt]:font-semibold">
          <dt>{t('app.clientId')}</dt>
          <dd>
            <code data-testid="client-id">{app.clientId}</code>
          </dd>
          <dt>{t('app.clientType')}</dt>
          <dd>{t(`app.clientType_${app.clientType}`)}</dd>
          <dt>{t('app.redirectUris')}</dt>
          <dd>
            <ul>
              {app.redirectUris.map((uri) => (
                <li key={uri}>
                  <code>{uri}</code>
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t('app.scopes')}</dt>
          <dd>
            <code>{app.scopes.join(' ')}</code>
          </dd>
          <dt>{t('app.launchUrl')}</dt>
          <dd>{link(app.launchUrl)}</dd>
          <dt>{t('app.website')}</dt>
          <dd>{link(app.website)}</dd>
          <dt>{t('app.privacyPolicy')}</dt>
          <dd>{link(app.privacyPolicyUrl)}</dd>
          <dt>{t('app.terms')}</dt>
          <dd>{link(app.termsUrl)}</dd>
        </dl>
      </section>

      {app.clientType === 'confidential' ? (
        <section id="secret" aria-labelledby="secret-title" className="card space-y-3">
          <h2 id="secret-title">{t('app.secretTitle')}</h2>
          <p>{t('app.secretLead', { days: CLIENT_SECRET_GRACE_DAYS })}</p>
          {flash.ended === 'secret' ? (
            <p role="status" className="font-semibold">
              {t('app.previousEnded')}
            </p>
          ) : null}
          {app.previousSecretValidUntil ? (
            <ActionForm action={endPreviousSecretAction} errorTitle={tc('errorTitle')} className="space-y-2">
              <p>{t('app.previousValid', { date: formatInstantDate(app.previousSecretValidUntil, locale) })}</p>
              <input type="hidden" name="appId" value={app.id} />
              <SubmitButton variant="secondary">{t('app.endPrevious')}</SubmitButton>
            </ActionForm>
          ) : null}
          <ActionForm action={rotateSecretAction} errorTitle={tc('errorTitle')}>
            <OneTimeReveal
              title={t('app.newSecretTitle')}
              lead={t('request.secretLead')}
              labels={{ clientSecret: t('request.clientSecret'), previousValidUntil: t('app.previousValidLabel') }}
            >
              <input type="hidden" name="appId" value={app.id} />
              {app.previousSecretValidUntil ? (
                <CheckboxField name="endOldSecret" label={t('app.rotateEndsOld', { date: formatInstantDate(app.previousSecretValidUntil, locale) })} />
              ) : null}
              <SubmitButton>{t('app.rotate')}</SubmitButton>
            </OneTimeReveal>
          </ActionForm>
        </section>
      ) : null}

      <section id="privacy" aria-labelledby="privacy-title" className="space-y-3">
        <h2 id="privacy-title">{t('app.privacyTitle')}</h2>
        {flash.saved === 'privacy' ? (
          <p role="status" className="rounded-md border-2 border-ok-700 bg-green-50 p-3 font-semibold">
            {t('app.privacySaved')}
          </p>
        ) : null}
        <p>{t('app.privacyLead')}</p>
        <p>
          <Link href={`/developers/apps/${app.id}/privacy`} className="btn-secondary">
            {t('app.changePrivacy')}
          </Link>
        </p>
        <PrivacyChecklist answers={app.privacy} labels={privacyChecklistLabels((key) => tp(key))} />
      </section>

      {example ? (
        <section aria-labelledby="example-title" className="space-y-3" lang="en">
          <h2 id="example-title">{t('app.exampleTitle')}</h2>
          <p>
            Save this page as <code>{app.redirectUris[0]}</code> (your first redirect URI), open it, and sign in as one of the{' '}
            <Link href="/developers#sandbox">sandbox members</Link>. It uses fhirclient in the browser: a public client with PKCE.
          </p>
          <pre className="overflow-x-auto rounded-md bg-slate-900 p-4 text-sm text-slate-50" tabIndex={0} aria-label="fhirclient example page">
            <code data-testid="fhirclient-example">{example}</code>
          </pre>
        </section>
      ) : null}
    </div>
  );
}
