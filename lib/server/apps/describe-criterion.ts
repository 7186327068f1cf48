import 'server-only';
import { createTranslator } from 'use-intl/core';
import { isReviewCriterion } from '@/lib/app-review-criteria';
import { formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { loadMessages } from '@/lib/i18n/load-messages';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { PAYER } from '@/lib/payer';

// Outside a request as well (emails are written by whichever instance runs the decision).
const criteriaWords = (locale: Locale) =>
  createTranslator({ locale, messages: loadMessages(locale), namespace: 'appCriteria' }) as unknown as (key: string, values?: Record<string, string>) => string;

/**
 * A decision's criterion in plain words for members, in their language: what their email and
 * account say about why an app was stopped or let back in. Null for a criterion not on the list;
 * the reviewer's own notes never reach members.
 */
export function describeCriterionForMembers(criterion: string | null | undefined, locale: Locale): string | null {
  if (!isReviewCriterion(criterion)) return null;
  return criteriaWords(locale)(`member.${criterion}`, { payer: PAYER.name });
}

/** The criterion's short label, for reviewers and developers. */
export function criterionLabel(criterion: string, locale: Locale = 'en'): string {
  return isReviewCriterion(criterion) ? criteriaWords(locale)(`label.${criterion}`) : criterion;
}

/** The note on a member's past connection that the payer ended by suspending its app. */
export function describeAppStopForMembers(criterion: string | null, stoppedAt: Date, locale: string): string {
  const language: Locale = isLocale(locale) ? locale : 'en';
  const reason = describeCriterionForMembers(criterion, language);
  const values = { payer: PAYER.name, date: formatInstantDate(stoppedAt, language), ...(reason ? { reason } : {}) };
  return criteriaWords(language)(reason ? 'account.stopped' : 'account.stoppedNoReason', values);
}
