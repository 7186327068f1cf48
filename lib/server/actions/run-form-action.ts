import 'server-only';
import { headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import { AppError } from '@/lib/server/errors/app-error';
import { isDatabaseUnavailable } from '@/lib/server/errors/database-unavailable';
import { formDataToObject } from '@/lib/schemas/form-data';
import { textProblem } from '@/lib/schemas/text-problem';
import { keepFormDraft } from '@/lib/server/forms/form-drafts';
import { log } from '@/lib/server/log/logger';
import { loadStaffActor, type StaffActor } from '@/lib/server/staff/load-staff-actor';
import { recordStaffRefusal, staffSignInPath } from '@/lib/server/staff/require-staff';
import { staffSay } from '@/lib/server/staff/staff-messages';
import type { StaffPermission } from '@/lib/server/staff/staff-permissions';
import type { FormState } from './form-state';
import { typedValues } from './typed-values';

export { typedValues };

/** Turns a message key into words: a next-intl translator, or the staff console's English table. */
export type Say = { (key: string, values?: Record<string, string | number | Date>): string; has(key: string): boolean };

// Boxes that make up one answer get one message, on the first box (the date of birth: month,
// day, year), so the error summary says it once for the group.
const ERROR_GROUPS: Record<string, string> = { birthDay: 'birthMonth', birthYear: 'birthMonth' };

/**
 * The one way a form is handled: parse with zod → domain call → errors mapped to messages next to
 * the fields (in the user's language), anything unexpected logged with a request id and shown as a
 * generic message. Typed values come back so nothing entered is lost. Permission checks live in
 * the domain call (and its WHERE clauses), which receives the parsed input.
 */
export async function runFormAction<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  handler: (input: z.infer<S>) => Promise<FormState | void>,
  { messages = 'errors', arrays = [], say }: { messages?: string; arrays?: string[]; say?: Say } = {},
): Promise<FormState> {
  const t: Say = say ?? (await getTranslations(messages));
  const values = typedValues(formData);
  const submittedAt = Date.now();
  // Bad bytes (NUL, control characters, broken Unicode) or a value past any field's length are
  // answered next to the field, whatever the form, before the schema or the database sees them.
  const badFields: Record<string, string> = {};
  for (const [key, value] of formData) {
    const problem = textProblem(key) ?? (typeof value === 'string' ? textProblem(value) : null);
    if (problem) badFields[textProblem(key) ? 'form' : key] ??= t.has(problem) ? t(problem) : t('invalid');
  }
  if (Object.keys(badFields).length) return { fieldErrors: badFields, formError: t('fixFields'), values, submittedAt };
  const parsed = schema.safeParse(formDataToObject(formData, arrays));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = ERROR_GROUPS[String(issue.path[0] ?? 'form')] ?? String(issue.path[0] ?? 'form');
      fieldErrors[field] ??= t.has(issue.message) ? t(issue.message) : t('invalid');
    }
    return { fieldErrors, formError: t('fixFields'), values, submittedAt };
  }
  try {
    // A handler may give the form other values to show (a form drawn again over newer data).
    const result = await handler(parsed.data);
    return { ...result, values: result?.values ?? values, submittedAt };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are not errors
    if (error instanceof AppError) {
      const message = t.has(error.messageKey) ? t(error.messageKey, error.values) : t('generic');
      return error.field ? { fieldErrors: { [error.field]: message }, formError: t('fixFields'), values, submittedAt } : { formError: message, values, submittedAt };
    }
    // The logger keeps the error's kind only: a database error's message carries its parameters (names, birth dates).
    log.error('action.failed', { error });
    // The database is restarting, full or read-only: nothing was saved, and a retry in a minute will work.
    if (isDatabaseUnavailable(error) && t.has('unavailable')) return { formError: t('unavailable'), values, submittedAt };
    return { formError: t('generic'), values, submittedAt };
  }
}

/**
 * The staff variant of the one wrapper: session → permission → the same parse, domain call and
 * error mapping. No staff session (30 idle minutes, signed out or in elsewhere, disabled): what was
 * typed is kept for the same staff user (form-drafts.ts), and sign-in says so and comes back to the
 * form's page, which holds it again (the console layout). A staff user without the permission gets a
 * refusal (and a line in the audit trail) before anything is parsed, whatever form or request
 * reached the action. Staff tools speak English; what they send members is translated elsewhere.
 */
export async function runStaffAction<S extends z.ZodType>(
  permission: StaffPermission,
  formData: FormData,
  schema: S,
  handler: (input: z.infer<S>, actor: StaffActor) => Promise<FormState | void>,
  options: { arrays?: string[] } = {},
): Promise<FormState> {
  const actor = await loadStaffActor();
  if (!actor) redirect(staffSignInPath(await formPage(), { formKept: await keepFormDraft(formData) }));
  if (!actor.permissions.has(permission)) {
    await recordStaffRefusal(actor, permission, 'action');
    return { formError: 'Your role does not allow this. Ask a supervisor if you need it.', submittedAt: Date.now() };
  }
  return runFormAction(formData, schema, (input) => handler(input, actor), { ...options, say: staffSay });
}

const formPage = async () => (await headers()).get('x-pathname') ?? '/staff';
