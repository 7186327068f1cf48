import { z } from 'zod';
import { birthDateFromParts } from './birth-date';

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'invalid');

/** The details on the member's card (or the representative's own). Messages are keys in `errors`. */
const identityFields = z.object({
  who: z.enum(['member', 'representative']).default('member'),
  firstName: text(80),
  lastName: text(80),
  birthMonth: z.string().trim().regex(/^\d{1,2}$/, 'birthDate'),
  birthDay: z.string().trim().regex(/^\d{1,2}$/, 'birthDate'),
  birthYear: z.string().trim().regex(/^\d{4}$/, 'birthDate'),
  memberId: text(40),
  zip: z.string().trim().regex(/^\d{5}(-?\d{4})?$/, 'zipFormat'),
});

/** Month, day and year as one real date of birth (not in the future), 'YYYY-MM-DD'. */
function withBirthDate<T extends z.infer<typeof identityFields>>(value: T, ctx: z.RefinementCtx) {
  const birthDate = birthDateFromParts(value.birthMonth, value.birthDay, value.birthYear);
  if (!birthDate) {
    ctx.addIssue({ code: 'custom', path: ['birthMonth'], message: 'birthDate' });
    return z.NEVER;
  }
  return { ...value, birthDate };
}

/** "Verify identity" when signing in to the account. */
export const signInIdentitySchema = identityFields.transform(withBirthDate);
/** Step 4 of a connection. */
export const identitySchema = identityFields.extend({ flowId: z.string() }).transform(withBirthDate);

const codeField = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'codeFormat'));

export const signInCodeSchema = z.object({ code: codeField });
export const codeSchema = z.object({ flowId: z.string(), code: codeField });

export const tickSchema = z.object({ flowId: z.string(), agree: z.literal('yes', { message: 'tickToContinue' }) });

export const chooseMemberSchema = z.object({ flowId: z.string(), memberId: z.string({ message: 'chooseMemberToActFor' }).regex(/^\d{6,20}$/, 'chooseMemberToActFor') });

export const approvalSchema = z.object({
  flowId: z.string(),
  categories: z.array(z.enum(['personal', 'claims', 'providers', 'drugs', 'coverage'])).min(1, 'chooseCategory'),
  includeSensitive: z.literal('yes').optional(),
  duration: z.enum(['once', '90d', '1y'], { message: 'chooseDuration' }),
  confirm: z.literal('yes', { message: 'tickToContinue' }),
});
