import 'server-only';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import type { FormState } from '@/lib/server/actions/form-state';
import { AppError } from '@/lib/server/errors/app-error';
import { staffSay } from './staff-messages';

const day = (date: string | number | undefined) => formatCalendarDate(String(date), 'en');

/**
 * What "Record when this authority ends" says when the end that already applies is not the one on
 * file (a child's 18th birthday, the member's death), keyed like recordAuthorityEnd's AppErrors;
 * the console's other messages are in staff-messages.ts.
 */
const AUTHORITY_END_MESSAGES: Readonly<Record<string, (values: Record<string, string | number>) => string>> = {
  authorityEndsAt18: ({ endsOn }) => `A parent’s authority already ends on ${day(endsOn)}, the day before the member’s 18th birthday. Only an earlier end can be recorded here.`,
  authorityAlreadyEnded: ({ lastDay }) => `This authority has already ended: its last day was ${day(lastDay)}. Nothing was recorded; a longer authority needs a new designation.`,
  authorityEndedAt18: ({ lastDay }) => `This authority has already ended: the member turned 18, so its last day was ${day(lastDay)}. Nothing was recorded.`,
  authorityEndedByDeath: ({ lastDay }) => `This authority has already ended: the member died, so its last day was ${day(lastDay)}. Nothing was recorded.`,
};

/** The form's answer to one of those refusals, next to its field as the wrapper would put it; null for any other error. */
export function authorityEndRefusal(error: unknown): FormState | null {
  const say = error instanceof AppError ? AUTHORITY_END_MESSAGES[error.messageKey] : undefined;
  if (!say || !(error instanceof AppError)) return null;
  const message = say(error.values ?? {});
  return error.field ? { fieldErrors: { [error.field]: message }, formError: staffSay('fixFields') } : { formError: message };
}
