import { z } from 'zod';
import { APP_DECISIONS } from '@/lib/app-review-criteria';
import { PRIVACY_FLAGS, PRIVACY_QUESTION_IDS, type PrivacyFlag, type PrivacyQuestionId } from '@/lib/privacy-questions';

// The app reviewers' forms. Messages are keys of the staff console's English table
// (lib/server/staff/staff-messages.ts), read by runStaffAction.

const appId = z.string({ message: 'appUnavailable' }).trim().min(1, 'appUnavailable').max(80, 'appUnavailable');

/**
 * A decision. Whether the criterion fits the decision is the domain's rule (changeAppStatus), so
 * that no form, however it was sent, can save a deny or suspend without a criterion from the list.
 */
export const appDecisionSchema = z.object({
  appId,
  decision: z.enum(APP_DECISIONS, { message: 'chooseDecision' }),
  criterion: z.string().trim().max(80, 'criterionRequired').default(''),
  notes: z.string().trim().max(2000, 'notesTooLong').default(''),
});

export const privacyMarkField = (id: PrivacyQuestionId) => `mark-${id}`;
/** A hidden field with the fingerprint of the answer the reviewer was shown (privacyAnswerShown). */
export const privacyShownField = (id: PrivacyQuestionId) => `shown-${id}`;

export const privacyMarksSchema = z
  .object({
    appId,
    ...Object.fromEntries(PRIVACY_QUESTION_IDS.map((id) => [privacyMarkField(id), z.enum(['none', ...PRIVACY_FLAGS]).optional()])),
    ...Object.fromEntries(PRIVACY_QUESTION_IDS.map((id) => [privacyShownField(id), z.string().max(64, 'reloadApp').default('')])),
  })
  .transform((values) => {
    const fields = values as Record<string, string | undefined>;
    const marks: Partial<Record<PrivacyQuestionId, PrivacyFlag | null>> = {};
    const shown: Partial<Record<PrivacyQuestionId, string>> = {};
    for (const id of PRIVACY_QUESTION_IDS) {
      const mark = fields[privacyMarkField(id)];
      if (mark !== undefined) marks[id] = mark === 'none' ? null : (mark as PrivacyFlag);
      shown[id] = fields[privacyShownField(id)] ?? '';
    }
    return { appId: values.appId, marks, shown };
  });
