import 'server-only';
import { AGE_OF_MAJORITY, ageOn, type CalendarDate } from '@/lib/calendar';
import type { PlanRouting } from '@/lib/server/eligibility/plan-routing-for';
import { genderOf } from '@/lib/server/representatives/representative-wording';

type Translate = (key: string) => string;

/** The approval form's error summary names each field it links to, as other summaries do ("ZIP code: …"). */
export function approveErrorFieldLabels(t: Translate): Record<string, string> {
  return { categories: t('summaryCategories'), includeSensitive: t('sensitiveLegend'), duration: t('summaryDuration'), confirm: t('summaryConfirm') };
}

type TranslateWith = { (key: string, values?: Record<string, string>): string; has(key: string): boolean };

/**
 * Where else the member's data is, above the choices: their health plan's own app connection
 * first, or the behavioral health partnership. `memberName` when a representative reads it.
 */
export function routingNotice(t: TranslateWith, tr: TranslateWith, routing: PlanRouting | null, memberName: string | null): string | null {
  if (!routing || routing.kind === 'all-here') return null;
  if (routing.kind === 'behavioral-health-elsewhere') {
    return memberName ? tr('routing_behavioral-health-elsewhere', { via: routing.via, name: memberName }) : t('routing_behavioral-health-elsewhere', { via: routing.via });
  }
  // The plan's name in the member's language where the payer's wording has one; else as the payer's data writes it.
  const plan = t.has(`planNames.${routing.planCode}`) ? t(`planNames.${routing.planCode}`) : routing.planName;
  return memberName ? tr('routing_managed-care', { plan, name: memberName }) : t('routing_managed-care', { plan });
}

/**
 * A designee's approval page: the member's mental health and substance use claims are not shared,
 * and who can choose to share them, by the member's age (a parent only for a member under 18;
 * docs/representatives-policy.md).
 */
export function designeeSensitiveNote(tr: (key: string, values?: Record<string, string>) => string, member: { name: string; birthDate: CalendarDate; sex: string | null }, today: CalendarDate): string {
  return tr('designeeNoSensitive', { name: member.name, gender: genderOf(member.sex), age: ageOn(member.birthDate, today) < AGE_OF_MAJORITY ? 'minor' : 'adult' });
}
