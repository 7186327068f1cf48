import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from '@/lib/calendar';
import { LOCALES } from '@/lib/i18n/locales';
import { birthDateFromParts } from './birth-date';

// The staff console's forms. Messages are keys of the staff console's English table
// (lib/server/staff/staff-messages.ts), read by runStaffAction.

const optional = (max: number) => z.string().trim().max(max, 'tooLong').optional().default('');
const grantId = z.string({ message: 'connectionNotFound' }).trim().regex(/^[0-9a-f-]{36}$/i, 'connectionNotFound');
const memberId = z.string({ message: 'memberNotFound' }).trim().regex(/^\d{6,20}$/, 'memberNotFound');

/**
 * A caller, by the member ID or representative ID they read out, or by last name (first name
 * optional) and date of birth. Spacing, dashes and case as typed do not matter.
 */
export const lookupCallerSchema = z
  .object({
    id: optional(40),
    lastName: optional(80),
    firstName: optional(80),
    birthMonth: optional(2),
    birthDay: optional(2),
    birthYear: optional(4),
  })
  .transform((value, ctx) => {
    if (value.id) return { by: 'id' as const, id: value.id };
    const anyBirthPart = value.birthMonth || value.birthDay || value.birthYear;
    if (!value.lastName && !anyBirthPart) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'lookupEmpty' });
      return z.NEVER;
    }
    if (!value.lastName) {
      ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'lookupNeedsName' });
      return z.NEVER;
    }
    const birthDate = birthDateFromParts(value.birthMonth, value.birthDay, value.birthYear);
    if (!birthDate) {
      ctx.addIssue({ code: 'custom', path: ['birthMonth'], message: anyBirthPart ? 'birthDate' : 'lookupNeedsBirthDate' });
      return z.NEVER;
    }
    return { by: 'name' as const, lastName: value.lastName, firstName: value.firstName, birthDate };
  });
export type LookupCallerInput = z.infer<typeof lookupCallerSchema>;

/** Why customer service stopped a connection: the member's account and email say it in their language. */
export const STOP_REASONS = ['caller-asked', 'caller-did-not-approve', 'suspected-misuse', 'lost-device', 'representative-asked'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const stopConnectionSchema = z.object({
  memberId,
  grantId,
  reason: z.enum(STOP_REASONS, { message: 'chooseReason' }),
  note: z.string().trim().max(1000, 'noteTooLong').optional().default(''),
});

/**
 * The language the caller speaks on the phone: what is sent to them is in it, and it is saved as
 * theirs. The form always sends one (it starts on the language on file); none keeps that language.
 */
export const callerLocale = z.enum(LOCALES, { message: 'chooseLanguage' }).optional();

/** Its fields are named apart from the phone choice's on the same page (`caller`), so their ids are too. */
export const sendConnectLinkSchema = z
  .object({
    memberId,
    appId: z.string({ message: 'chooseApp' }).trim().min(1, 'chooseApp').max(100, 'chooseApp'),
    /** Who is calling: `member`, or the representative's ID (the domain checks they may act). */
    linkCaller: z.string({ message: 'chooseCaller' }).trim().min(1, 'chooseCaller').max(40, 'chooseCaller'),
    linkLanguage: callerLocale,
  })
  .transform(({ linkCaller, linkLanguage, ...rest }) => ({ ...rest, caller: linkCaller, locale: linkLanguage }));

export const STAFF_CASE_KINDS = ['breach', 'complaint', 'other'] as const;

export const logCaseSchema = z.object({
  memberId,
  kind: z.enum(STAFF_CASE_KINDS, { message: 'chooseCaseKind' }),
  /** One of the member's connections, another app by id, or nothing. */
  about: z.string().trim().max(100, 'chooseApp').optional().default(''),
  description: z.string({ message: 'describeCase' }).trim().min(10, 'describeCase').max(4000, 'tooLong'),
});

export const CASE_STATUSES = ['open', 'in_review', 'closed'] as const;

/** A day as a date input gives it (YYYY-MM-DD, a real day of a real month), or '' for none; null for none. */
const optionalDay = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((value) => value === '' || isCalendarDate(value), message)
    .transform((value) => (value === '' ? null : (value as CalendarDate)));

/**
 * The case's handling as the form shows it when it is opened (hidden fields), so that only what
 * the user changed is saved: one status, owner, due date and pair of referrals, as they were.
 */
const shownHandling = {
  shownStatus: z.enum(CASE_STATUSES, { message: 'reloadCase' }),
  shownOwner: z.string().trim().max(200, 'reloadCase').optional().default(''),
  shownDueOn: optionalDay('reloadCase'),
  shownOcr: z.enum(['yes', 'no'], { message: 'reloadCase' }),
  shownFtc: z.enum(['yes', 'no'], { message: 'reloadCase' }),
};

export const updateCaseSchema = z.object({
  caseId: z.string({ message: 'caseNotFound' }).trim().regex(/^[0-9a-f-]{36}$/i, 'caseNotFound'),
  status: z.enum(CASE_STATUSES, { message: 'chooseStatus' }),
  owner: z.string().trim().max(200, 'chooseOwner').optional().default(''),
  dueOn: optionalDay('dueDate'),
  referredToOcr: z.literal('yes').optional(),
  referredToFtc: z.literal('yes').optional(),
  ...shownHandling,
});

export const addCaseNoteSchema = z.object({
  caseId: z.string({ message: 'caseNotFound' }).trim().regex(/^[0-9a-f-]{36}$/i, 'caseNotFound'),
  note: z.string({ message: 'writeNote' }).trim().min(1, 'writeNote').max(4000, 'tooLong'),
});

const username = z.string({ message: 'staffNotFound' }).trim().min(1, 'staffNotFound').max(200, 'staffNotFound');

/** The administrator's changes to a staff account: which one, and what to do. */
export const manageStaffSchema = z.discriminatedUnion(
  'do',
  [
    z.object({ do: z.literal('roles'), username, roles: z.array(z.enum(['csr', 'privacy_officer', 'app_reviewer', 'admin'])).default([]) }),
    z.object({ do: z.enum(['disable', 'enable', 'unlock']), username }),
  ],
  { message: 'reloadPage' },
);

/** Why a representative's authority ends, as the form or call that ended it says. */
export const AUTHORITY_END_REASONS = ['member-withdrew', 'term-ends', 'court-or-agency'] as const;
export type AuthorityEndReason = (typeof AUTHORITY_END_REASONS)[number];

export const authorityEndSchema = z.object({
  repId: z.string({ message: 'authorityNotFound' }).trim().regex(/^[A-Za-z0-9-]{1,40}$/, 'authorityNotFound'),
  authorityId: z.string({ message: 'authorityNotFound' }).trim().regex(/^\d{1,9}$/, 'authorityNotFound').transform(Number),
  lastDay: z
    .string({ message: 'lastDay' })
    .trim()
    .refine((value) => isCalendarDate(value), 'lastDay')
    .transform((value) => value as CalendarDate),
  reason: z.enum(AUTHORITY_END_REASONS, { message: 'chooseReason' }),
});
