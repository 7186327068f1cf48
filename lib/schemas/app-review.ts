import { z } from 'zod';
import { APP_DECISIONS } from '@/lib/app-review-criteria';
import { PRIVACY_FLAGS, PRIVACY_QUESTION_IDS, type PrivacyFlag, type PrivacyQuestionId } from '@/lib/privacy-questions';

// The app reviewers' forms. Messages are keys of the staff console's English table
// (lib/server/staff/staff-messages.ts), read by runStaffAction.

const appId = z.string().trim().min(1, 'appUnavailable').max(80, 'appUnavailable');

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

export const privacyMarksSchema = z
  .object({
    appId,
    ...Object.fromEntries(PRIVACY_QUESTION_IDS.map((id) => [privacyMarkField(id), z.enum(['none', ...PRIVACY_FLAGS]).optional()])),
  })
  .transform((values) => {
    const marks: Partial<Record<PrivacyQuestionId, PrivacyFlag | null>> = {};
    for (const id of PRIVACY_QUESTION_IDS) {
      const mark = (values as Record<string, string | undefined>)[privacyMarkField(id)];
      if (mark !== undefined) marks[id] = mark === 'none' ? null : (mark as PrivacyFlag);
    }
    return { appId: values.appId, marks };
  });
