import 'server-only';
import type { PlanRouting } from '@/lib/server/eligibility/plan-routing-for';

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
