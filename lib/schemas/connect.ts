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
  // Checked in checkFormats, after the member ID, so the error summary lists problems in the form's order.
  zip: z.string().trim(),
});

/** As printed on the card: 12 numbers, in groups or not. */
const MEMBER_ID = /^\d{12}$/;
/** A representative's own ID, like R-0002. */
const REPRESENTATIVE_ID = /^R-?\d{4,}$/i;

/**
 * Every format problem at once, beside each field: a date of birth that is no real day, a member
 * ID that is not 12 numbers (a representative's not like R-0002), next to the fields' own
 * checks (a ZIP code of letters). Details that are well formed are then checked against the
 * records, where any mismatch gets the one message that names no field.
 */
function checkFormats(value: Partial<z.infer<typeof identityFields>>, ctx: z.RefinementCtx) {
  const { birthMonth, birthDay, birthYear, memberId, who, zip } = value;
  const partsTyped = [birthMonth, birthDay, birthYear].every((part) => typeof part === 'string');
  if (partsTyped && /^\d{1,2}$/.test(birthMonth!) && /^\d{1,2}$/.test(birthDay!) && /^\d{4}$/.test(birthYear!) && !birthDateFromParts(birthMonth!, birthDay!, birthYear!)) {
    ctx.addIssue({ code: 'custom', path: ['birthMonth'], message: 'birthDate' });
  }
  if (typeof memberId === 'string' && memberId !== '') {
    const compact = memberId.replace(/[\s-]/g, '');
    const representative = who === 'representative';
    const wellFormed = representative ? REPRESENTATIVE_ID.test(memberId.replace(/\s/g, '')) : MEMBER_ID.test(compact);
    if (!wellFormed) ctx.addIssue({ code: 'custom', path: ['memberId'], message: representative ? 'repIdFormat' : 'memberIdFormat' });
  }
  if (typeof zip === 'string' && !/^\d{5}(-?\d{4})?$/.test(zip)) ctx.addIssue({ code: 'custom', path: ['zip'], message: 'zipFormat' });
}

/** Run checkFormats whatever else is wrong (a field missing from the post too): every problem is said at once. */
const EVEN_WITH_OTHER_PROBLEMS = { when: () => true };

/** Month, day and year as one date of birth, 'YYYY-MM-DD' (checkFormats made sure it is a real one). */
function withBirthDate<T extends z.infer<typeof identityFields>>(value: T, ctx: z.RefinementCtx) {
  const birthDate = birthDateFromParts(value.birthMonth, value.birthDay, value.birthYear);
  if (!birthDate) {
    ctx.addIssue({ code: 'custom', path: ['birthMonth'], message: 'birthDate' });
    return z.NEVER;
  }
  return { ...value, birthDate };
}

/** "Verify identity" when signing in to the account. */
export const signInIdentitySchema = identityFields.superRefine(checkFormats, EVEN_WITH_OTHER_PROBLEMS).transform(withBirthDate);
/** Step 4 of a connection. */
export const identitySchema = identityFields.extend({ flowId: z.string() }).superRefine(checkFormats, EVEN_WITH_OTHER_PROBLEMS).transform(withBirthDate);

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
