import { SelectField } from '@/components/forms/select-field';
import { NOT_LISTED_PLAN } from '@/lib/forms/not-listed-plan';

interface PlanSelectFieldProps {
  name: string;
  label: string;
  hint?: string;
  /** The first, empty choice: "Choose a plan", or "No other plan" where a plan is optional. */
  placeholder: string;
  /** The plans registered for Payer-to-Payer, by their registered names (the value saved). */
  plans: readonly string[];
  /** The last choice, answered with what to do instead (lib/schemas/sharing.ts). */
  notListedLabel: string;
  initialValue?: string;
}

/**
 * The other health plan, chosen from those registered to ask for a member's data: a plan typed by
 * hand ("Harbor Health" for "Harbor Health Plan") would be saved, shown as on, and never matched.
 */
export function PlanSelectField({ plans, notListedLabel, ...field }: PlanSelectFieldProps) {
  const options = [...plans.map((plan) => ({ value: plan, label: plan })), { value: NOT_LISTED_PLAN, label: notListedLabel }];
  return <SelectField {...field} groups={[{ options }]} />;
}
