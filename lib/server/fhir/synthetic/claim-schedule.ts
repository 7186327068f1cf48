import 'server-only';

import { dayNumber } from './calendar-date';
import type { CoveragePeriod } from './coverage-periods';
import type { SeededRandom } from './seeded-random';
import type { ClaimProfile, EobType, Sensitivity } from './synthetic-record';

/**
 * When each claim happened, of which type, under which coverage. Only days inside a coverage
 * period's claim days are ever drawn, so claims never fall in a gap between spans, after today,
 * or after death.
 */
export interface ScheduledClaim {
  readonly eobType: EobType;
  readonly sensitivity: Sensitivity;
  /** First day of service (admission day for inpatient stays). */
  readonly serviceDay: number;
  readonly coverage: CoveragePeriod;
}

const DAYS_PER_MONTH = 30.436875;
export const DEFAULT_CLAIMS_PER_MONTH = 1.5;
/** Under managed care this payer only sees dental and vision: about two cleanings and one eye visit a year. */
export const MANAGED_CARE_CLAIMS_PER_MONTH = 0.25;
export const DEFAULT_MAX_CLAIMS = 150;

const FEE_FOR_SERVICE_MIX: readonly (readonly [EobType, number])[] = [
  ['professional', 44],
  ['pharmacy', 32],
  ['outpatient', 9],
  ['oral', 8],
  ['vision', 5],
  ['inpatient', 2],
];
/** The health plan holds everything else; the payer keeps the carved-out dental and vision benefits. */
const MANAGED_CARE_MIX: readonly (readonly [EobType, number])[] = [
  ['oral', 65],
  ['vision', 35],
];
/** Sensitive care shows up as visits and as fills of the medications that treat it. */
const SENSITIVE_MIX: readonly (readonly [EobType, number])[] = [
  ['professional', 55],
  ['pharmacy', 45],
];

interface DayRange {
  readonly coverage: CoveragePeriod;
  readonly first: number;
  readonly last: number;
}

export function scheduleClaims(
  periods: readonly CoveragePeriod[],
  profile: ClaimProfile,
  claimCount: number | undefined,
  random: SeededRandom,
): ScheduledClaim[] {
  const ranges: DayRange[] = [];
  for (const coverage of periods) if (coverage.claimDays) ranges.push({ coverage, ...coverage.claimDays });
  if (ranges.length === 0) return [];

  const claimsPerMonth = profile.claimsPerMonth ?? DEFAULT_CLAIMS_PER_MONTH;
  const expected = ranges.map(
    (range) =>
      ((range.last - range.first + 1) / DAYS_PER_MONTH) *
      (range.coverage.plan.managedCare ? MANAGED_CARE_CLAIMS_PER_MONTH : claimsPerMonth),
  );
  const total =
    claimCount ??
    Math.min(
      profile.maxClaims ?? DEFAULT_MAX_CLAIMS,
      expected.reduce((sum, value) => sum + Math.max(1, Math.round(value)), 0),
    );

  // Sensitive claims only where this payer pays for that care (not under managed care).
  const sensitiveFrom = profile.sensitiveClaimsFrom ? dayNumber(profile.sensitiveClaimsFrom) : Number.NEGATIVE_INFINITY;
  const sensitiveRanges = ranges
    .filter((range) => !range.coverage.plan.managedCare)
    .map((range) => ({ ...range, first: Math.max(range.first, sensitiveFrom) }))
    .filter((range) => range.first <= range.last);
  const canHoldSensitive = sensitiveRanges.length > 0;
  const behavioralHealth = canHoldSensitive ? Math.min(profile.behavioralHealthClaims ?? 0, total) : 0;
  const substanceUse = canHoldSensitive ? Math.min(profile.substanceUseClaims ?? 0, total - behavioralHealth) : 0;

  const claims: ScheduledClaim[] = [];
  const routinePerRange = apportion(total - behavioralHealth - substanceUse, expected);
  ranges.forEach((range, index) => {
    const mix = range.coverage.plan.managedCare ? MANAGED_CARE_MIX : FEE_FOR_SERVICE_MIX;
    for (let n = 0; n < routinePerRange[index]; n++) {
      claims.push({
        eobType: random.weighted(mix),
        sensitivity: 'none',
        serviceDay: random.integer(range.first, range.last),
        coverage: range.coverage,
      });
    }
  });
  const addSensitive = (count: number, sensitivity: Sensitivity) => {
    for (let n = 0; n < count; n++) {
      const { coverage, day } = dayInRanges(sensitiveRanges, random);
      claims.push({ eobType: random.weighted(SENSITIVE_MIX), sensitivity, serviceDay: day, coverage });
    }
  };
  addSensitive(behavioralHealth, 'behavioral-health');
  addSensitive(substanceUse, 'substance-use-disorder');

  // Chronological order gives chronological ids; the index keeps ties in a fixed order.
  return claims
    .map((claim, index) => ({ claim, index }))
    .sort((a, b) => a.claim.serviceDay - b.claim.serviceDay || a.index - b.index)
    .map(({ claim }) => claim);
}

/**
 * Splits `total` into whole counts proportional to `weights` (largest remainder), after giving
 * every share one first when there are enough to go round, so that no enrolled span, however
 * short, is left without claims.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const counts = weights.map(() => 0);
  if (total <= 0 || weights.length === 0) return counts;
  let remaining = total;
  if (total >= weights.length) {
    counts.fill(1);
    remaining -= weights.length;
  }
  const weightSum = weights.reduce((sum, w) => sum + Math.max(w, 0), 0);
  const shares = weights.map((w) => (weightSum > 0 ? (Math.max(w, 0) / weightSum) * remaining : remaining / weights.length));
  let given = 0;
  shares.forEach((share, i) => {
    counts[i] += Math.floor(share);
    given += Math.floor(share);
  });
  const byRemainder = shares
    .map((share, i) => ({ i, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let k = 0; k < remaining - given; k++) counts[byRemainder[k % byRemainder.length].i] += 1;
  return counts;
}

function dayInRanges(ranges: readonly DayRange[], random: SeededRandom): { coverage: CoveragePeriod; day: number } {
  const totalDays = ranges.reduce((sum, r) => sum + (r.last - r.first + 1), 0);
  let offset = random.integer(0, totalDays - 1);
  for (const range of ranges) {
    const length = range.last - range.first + 1;
    if (offset < length) return { coverage: range.coverage, day: range.first + offset };
    offset -= length;
  }
  const last = ranges[ranges.length - 1];
  return { coverage: last.coverage, day: last.last };
}
