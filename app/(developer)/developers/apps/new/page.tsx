import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { OneTimeReveal } from '@/components/developers/one-time-reveal';
import { ScopeChoices } from '@/components/developers/scope-choices';
import { ActionForm } from '@/components/forms/action-form';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { RadioGroup } from '@/components/forms/radio-group';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextAreaField, TextField } from '@/components/forms/text-field';
import { PAYER } from '@/lib/payer';
import { PRIVACY_QUESTION_IDS } from '@/lib/privacy-questions';
import { privacyAnswerField, REDIRECT_URI_FIELDS, SCOPE_CHOICES } from '@/lib/schemas/developer';
import { loadSignedInDeveloper } from '@/lib/server/developers/load-signed-in-developer';
import { requestConnectionAction } from '../../actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('developers'))('request.title') };
}

/** Message keys cannot hold "/" or ".": "patient/Patient.rs" is "scope_patient_Patient_rs". */
const scopeKey = (scope: string) => `request.scope_${scope.replace(/[/.]/g, '_')}`;

const CONDUCT = ['conduct1', 'conduct2', 'conduct3', 'conduct4', 'conduct5', 'conduct6'] as const;

/**
 * The connection request: every field on one page that works without JavaScript; an error shows
 * next to its field and everything typed comes back.
 */
export default async function RequestConnectionPage() {
  if (!(await loadSignedInDeveloper())) redirect('/developers/sign-in');
  const [t, tc, tp] = await Promise.all([getTranslations('developers'), getTranslations('connect'), getTranslations('privacy')]);
  return (
    <div className="max-w-3xl space-y-6">
      <h1>{t('request.title')}</h1>
      <p className="text-lg">{t('request.lead')}</p>
      <ActionForm action={requestConnectionAction} errorTitle={tc('errorTitle')} className="space-y-10">
        <OneTimeReveal
          title={t('request.createdTitle')}
          lead={`${t('request.createdLead')} ${t('request.secretLead')}`}
          labels={{ clientId: t('request.clientId'), clientSecret: t('request.clientSecret') }}
          next={{ label: t('request.viewApp'), href: '/developers/apps/{appId}' }}
        >
          <section aria-labelledby="about-title">
            <h2 id="about-title" className="mb-4">
              {t('request.aboutTitle')}
            </h2>
            <TextField name="name" label={t('request.name')} hint={t('request.nameHint')} maxLength={80} autoComplete="off" required />
            <TextField name="organization" label={t('request.organization')} hint={t('request.organizationHint')} maxLength={120} autoComplete="organization" required />
            <TextAreaField name="description" label={t('request.description')} hint={t('request.descriptionHint')} rows={3} maxLength={500} required />
            <TextField name="website" type="url" label={t('request.website')} hint={t('request.websiteHint')} autoComplete="url" spellCheck={false} required />
          </section>

          <section aria-labelledby="technical-title">
            <h2 id="technical-title" className="mb-4">
              {t('request.technicalTitle')}
            </h2>
            <RadioGroup
              name="clientType"
              legend={t('request.clientType')}
              options={[
                { value: 'public', label: t('request.clientPublic') },
                { value: 'confidential', label: t('request.clientConfidential') },
              ]}
            />
            <fieldset className="mb-5">
              <legend className="font-semibold">{t('request.redirectTitle')}</legend>
              <p className="mb-3 text-sm text-slate-700">{t('request.redirectLead')}</p>
              {REDIRECT_URI_FIELDS.map((field, index) => (
                <TextField
                  key={field}
                  name={field}
                  label={index === 0 ? t('request.redirectUri', { number: 1 }) : t('request.redirectOptional', { number: index + 1 })}
                  inputMode="url"
                  autoComplete="off"
                  spellCheck={false}
                  required={index === 0}
                />
              ))}
            </fieldset>
            <TextField name="launchUrl" type="url" label={t('request.launchUrl')} hint={t('request.launchUrlHint')} autoComplete="off" spellCheck={false} />
            <ScopeChoices legend={t('request.scopesTitle')} hint={t('request.scopesLead')} choices={SCOPE_CHOICES.map((scope) => ({ scope, label: t(scopeKey(scope)) }))} />
          </section>

          <section aria-labelledby="policies-title">
            <h2 id="policies-title" className="mb-4">
              {t('request.policiesTitle')}
            </h2>
            <TextField name="privacyPolicyUrl" type="url" label={t('request.privacyPolicyUrl')} hint={t('request.privacyPolicyHint')} autoComplete="off" spellCheck={false} />
            <TextField name="termsUrl" type="url" label={t('request.termsUrl')} autoComplete="off" spellCheck={false} />
          </section>

          <section aria-labelledby="privacy-title">
            <h2 id="privacy-title" className="mb-2">
              {t('request.privacyTitle')}
            </h2>
            <p className="mb-4">{t('request.privacyLead')}</p>
            {PRIVACY_QUESTION_IDS.map((id, index) => (
              <TextAreaField key={id} name={privacyAnswerField(id)} label={`${index + 1}. ${tp(`questions.${id}`)}`} rows={3} maxLength={2000} />
            ))}
          </section>

          <section aria-labelledby="attest-title" className="space-y-3">
            <h2 id="attest-title">{t('request.attestTitle')}</h2>
            <p>{t('request.attestLead', { payer: PAYER.name })}</p>
            <ol className="list-decimal space-y-1 pl-6">
              {CONDUCT.map((key) => (
                <li key={key}>{t(`request.${key}`)}</li>
              ))}
            </ol>
            <CheckboxField name="attest" label={t('request.attest')} />
          </section>

          <SubmitButton>{t('request.submit')}</SubmitButton>
        </OneTimeReveal>
      </ActionForm>
    </div>
  );
}
