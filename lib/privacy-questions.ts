import type { PrivacyAnswer } from '@/lib/db/schema';

export type { PrivacyAnswer };
export type PrivacyFlag = NonNullable<PrivacyAnswer['flag']>;

export const PRIVACY_FLAGS = ['ok', 'caution', 'warning'] as const satisfies readonly PrivacyFlag[];

/**
 * The fifteen questions of the state's Patient Access API page, in the page's order. The ids key the
 * developers' answers (`apps.privacy`); the wording members read is in the `privacy` messages.
 */
export const PRIVACY_QUESTION_IDS = [
  'health-data-collected',
  'protection',
  'use',
  'sale-advertising-research',
  'sharing',
  'third-party-disclosure',
  'limit-use',
  'non-health-data',
  'security-measures',
  'deidentified-storage',
  'deletion',
  'policy-changes',
  'impact-on-others',
  'complaints',
  'access-and-correction',
] as const;

export type PrivacyQuestionId = (typeof PRIVACY_QUESTION_IDS)[number];

/** A developer's answers, keyed by question id; a missing key means the developer did not answer. */
export type PrivacyAnswers = Partial<Record<PrivacyQuestionId, PrivacyAnswer>>;

/**
 * The language of what a developer writes about their app (its summary, its privacy answers): the
 * developer portal takes them in English only. Marked on every page that shows them, so that a
 * screen reader on a Spanish page reads them as English (WCAG 2.2, 3.1.2 Language of Parts).
 */
export const DEVELOPER_TEXT_LANG = 'en';

