import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { backendClients, type OtherPayer } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors/app-error';
import { samePayerName } from './decide-sharing';

/**
 * The health plans a member can turn Payer-to-Payer sharing on for: those registered to ask
 * (active SMART backend clients of kind 'payer'), by the name the FHIR side compares with the
 * member's choice (decideSharing). A plan not registered could never be matched, so it is not offered.
 */
export async function listRegisteredPlans(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: backendClients.name })
    .from(backendClients)
    .where(and(eq(backendClients.kind, 'payer'), eq(backendClients.status, 'active')))
    .orderBy(asc(backendClients.name));
  return rows.map((r) => r.name);
}

/** The registered plan a name is (ignoring case, spaces and punctuation), under its registered name; null for none. */
export function registeredPlanNamed(plans: readonly string[], name: string): string | null {
  return plans.find((plan) => plan === name) ?? plans.find((plan) => samePayerName(plan, name)) ?? null;
}

/** The form field that names the plan at each place of the list (the second plan is optional). */
const PLAN_FIELDS = ['planName', 'plan2Name'];

/**
 * The plans a choice names, each under its registered name; a name that is not a registered plan
 * (sent by hand: the form offers only the list) is refused next to its field, never saved as a
 * permit no plan could use. Choices saved before the list keep their names as written.
 */
export async function toRegisteredPlans(db: DbOrTx, otherPayers: readonly OtherPayer[]): Promise<OtherPayer[]> {
  const plans = await listRegisteredPlans(db);
  return otherPayers.map((payer, index) => {
    const field = PLAN_FIELDS[index] ?? PLAN_FIELDS[0];
    const registered = registeredPlanNamed(plans, payer.name);
    if (!registered) throw new AppError('plan-not-registered', 'planNotRegistered', field);
    return { ...payer, name: registered };
  });
}
