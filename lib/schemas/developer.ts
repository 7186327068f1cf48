import { z } from 'zod';
import { PRIVACY_QUESTION_IDS, type PrivacyQuestionId } from '@/lib/privacy-questions';
import { MAX_REDIRECT_URIS, redirectUriProblem, redirectUriSetProblems, webAddressProblem } from './redirect-uri';

// Messages are keys in the `developers` messages (see runFormAction).

export const developerEmailSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, 'emailInvalid').pipe(z.email('emailInvalid')),
});

export const developerCodeSchema = z.object({
  code: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'codeFormat')),
});

/** Scopes that are not about a resource type, which an app may ask to be registered for. */
export const IDENTITY_SCOPE_CHOICES = ['launch/patient', 'openid', 'fhirUser', 'offline_access'] as const;
/** One read-and-search scope per resource type the Patient Access API serves. */
export const RESOURCE_SCOPE_CHOICES = [
  'patient/Patient.rs',
  'patient/Coverage.rs',
  'patient/ExplanationOfBenefit.rs',
  'patient/Organization.rs',
  'patient/Practitioner.rs',
  'patient/MedicationKnowledge.rs',
  'patient/Consent.rs',
] as const;
export const SCOPE_CHOICES = [...IDENTITY_SCOPE_CHOICES, ...RESOURCE_SCOPE_CHOICES] as const;

/** The form field of each redirect URI: one field each, so each has its own message. */
export const REDIRECT_URI_FIELDS = Array.from({ length: MAX_REDIRECT_URIS }, (_, i) => `redirectUri${i + 1}`);

/** The form field of each privacy answer. */
export const privacyAnswerField = (id: PrivacyQuestionId) => `privacy-${id}`;

/** `missing` is a message that names the field: the error summary's links must say which field each is (WCAG 2.4.4, 3.3.1). */
const text = (min: number, max: number, missing: string) => z.string().trim().min(min, missing).max(max, 'tooLong');
/**
 * A name members read to choose whom to trust (the app's, its company's): it must show something
 * (a letter or digit, not only invisible characters) and hold no bidirectional controls, which
 * make "Good\u202Eppa liveE" display as "GoodEvil app".
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const shownName = (min: number, max: number, missing: string) =>
  text(min, max, missing)
    .refine((v) => !BIDI_CONTROLS.test(v), 'nameHiddenCharacters')
    .refine((v) => /[\p{L}\p{N}]/u.test(v), 'nameHiddenCharacters');
const optionalWebAddress = z
  .string()
  .trim()
  .max(2000, 'tooLong')
  .refine((v) => v === '' || webAddressProblem(v) === null, 'webAddressInvalid');
const requiredWebAddress = z
  .string()
  .trim()
  .min(1, 'websiteRequired')
  .max(2000, 'tooLong')
  .refine((v) => webAddressProblem(v) === null, 'webAddressInvalid');

function redirectUriField(required: boolean) {
  return z
    .string()
    .trim()
    .default('')
    .superRefine((uri, ctx) => {
      if (uri === '' && !required) return;
      const problem = redirectUriProblem(uri);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

const privacyAnswerFields = Object.fromEntries(PRIVACY_QUESTION_IDS.map((id) => [privacyAnswerField(id), z.string().trim().max(2000, 'tooLong').default('')])) as Record<
  string,
  z.ZodDefault<z.ZodString>
>;

/** The fifteen answers as stored: only the questions answered (a blank one is "not answered"). */
function collectPrivacyAnswers(values: Record<string, unknown>): Partial<Record<PrivacyQuestionId, string>> {
  const answers: Partial<Record<PrivacyQuestionId, string>> = {};
  for (const id of PRIVACY_QUESTION_IDS) {
    const answer = values[privacyAnswerField(id)];
    if (typeof answer === 'string' && answer !== '') answers[id] = answer;
  }
  return answers;
}

export const privacyAnswersSchema = z.object({ appId: z.string(), ...privacyAnswerFields }).transform((v) => ({ appId: v.appId, answers: collectPrivacyAnswers(v) }));

export const connectionRequestSchema = z
  .object({
    name: shownName(2, 80, 'nameRequired'),
    organization: shownName(2, 120, 'organizationRequired'),
    description: text(10, 500, 'descriptionRequired'),
    website: requiredWebAddress,
    launchUrl: optionalWebAddress,
    // Each URI typed is checked in its own field (so every message shows at once); the first is required.
    ...Object.fromEntries(REDIRECT_URI_FIELDS.map((field, index) => [field, redirectUriField(index === 0)])),
    clientType: z.enum(['public', 'confidential'], { message: 'chooseClientType' }),
    scopes: z
      .array(z.enum(SCOPE_CHOICES, { message: 'chooseScopes' }))
      .refine((scopes) => scopes.some((s) => (RESOURCE_SCOPE_CHOICES as readonly string[]).includes(s)), 'chooseScopes'),
    privacyPolicyUrl: optionalWebAddress,
    termsUrl: optionalWebAddress,
    ...privacyAnswerFields,
    attest: z.literal('yes', { message: 'attestRequired' }),
  })
  .superRefine((v, ctx) => {
    const values = v as Record<string, unknown>;
    const problems = redirectUriSetProblems(REDIRECT_URI_FIELDS.map((field) => String(values[field] ?? '')));
    problems.forEach((problem, i) => problem && ctx.addIssue({ code: 'custom', path: [REDIRECT_URI_FIELDS[i]], message: problem }));
  })
  .transform((v) => {
    const values = v as Record<string, unknown>;
    return {
      name: v.name,
      organization: v.organization,
      description: v.description,
      website: v.website,
      launchUrl: v.launchUrl || null,
      redirectUris: REDIRECT_URI_FIELDS.map((field) => String(values[field] ?? '')).filter(Boolean),
      clientType: v.clientType,
      // In a fixed order, so the registered scope string does not depend on the order of the boxes.
      scopes: SCOPE_CHOICES.filter((s) => v.scopes.includes(s)),
      privacyPolicyUrl: v.privacyPolicyUrl || null,
      termsUrl: v.termsUrl || null,
      privacy: collectPrivacyAnswers(values),
    };
  });

export type ConnectionRequest = z.infer<typeof connectionRequestSchema>;

export const developerAppSchema = z.object({ appId: z.string().trim().min(1).max(80) });
/** "Make a new secret": `endOldSecret` ticked when a replaced secret still works (rotateClientSecret). */
export const rotateSecretSchema = developerAppSchema.extend({ endOldSecret: z.literal('yes').optional() });
