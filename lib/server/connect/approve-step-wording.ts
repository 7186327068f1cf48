import 'server-only';

type Translate = (key: string) => string;

/** The approval form's error summary names each field it links to, as other summaries do ("ZIP code: …"). */
export function approveErrorFieldLabels(t: Translate): Record<string, string> {
  return { categories: t('summaryCategories'), includeSensitive: t('sensitiveLegend'), duration: t('summaryDuration'), confirm: t('summaryConfirm') };
}
