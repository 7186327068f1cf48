import 'server-only';

import { dayNumber } from './calendar-date';
import type { SeededRandom } from './seeded-random';
import type { EobType } from './synthetic-record';

/**
 * Amounts on a claim line, in whole cents so that totals add up exactly.
 *
 * submitted (the provider's charge) >= eligible (what the payer allows) >= paid to provider,
 * with eligible = paid + member liability and submitted = eligible + discount.
 */
export interface LineAmounts {
  readonly submittedCents: number;
  readonly eligibleCents: number;
  readonly memberLiabilityCents: number;
  readonly paidCents: number;
}

/** Share of the charge a Medicaid fee schedule typically allows, by claim type. */
const ALLOWED_SHARE: Readonly<Record<EobType, readonly [number, number]>> = {
  professional: [0.42, 0.62],
  outpatient: [0.33, 0.5],
  inpatient: [0.28, 0.42],
  pharmacy: [0.82, 0.95],
  oral: [0.45, 0.6],
  vision: [0.5, 0.7],
};

const PRICE_BASE_DAY = dayNumber('2024-01-01');
/** List prices in the vocabulary are 2024 prices; earlier and later claims drift about 3 % a year. */
const YEARLY_PRICE_GROWTH = 1.03;

export function priceLine(
  eobType: EobType,
  unitChargeCents: number,
  units: number,
  serviceDay: number,
  memberLiabilityCents: number,
  random: SeededRandom,
): LineAmounts {
  const drift = YEARLY_PRICE_GROWTH ** ((serviceDay - PRICE_BASE_DAY) / 365.25);
  const submittedCents = Math.max(1, Math.round(unitChargeCents * units * drift * random.between(0.92, 1.08)));
  const [low, high] = ALLOWED_SHARE[eobType];
  const eligibleCents = Math.min(submittedCents, Math.round(submittedCents * random.between(low, high)));
  const liability = Math.min(memberLiabilityCents, eligibleCents);
  return { submittedCents, eligibleCents, memberLiabilityCents: liability, paidCents: eligibleCents - liability };
}

/**
 * MassHealth-style pharmacy copay: $1.00 for generics, $3.65 for brands, none for members under
 * 21 or for medications that treat behavioral health or substance use conditions. Other services
 * carry no copay in this dataset.
 */
export function pharmacyCopayCents(age: number, isBrand: boolean, isSensitive: boolean): number {
  if (age < 21 || isSensitive) return 0;
  return isBrand ? 365 : 100;
}
