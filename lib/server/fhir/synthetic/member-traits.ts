import 'server-only';

import { ageInYears, dateFromDayNumber } from './calendar-date';
import {
  BEHAVIORAL_HEALTH_DRUGS,
  CHRONIC_CONDITIONS,
  SUBSTANCE_USE_DRUGS,
  coveredDrug,
  type ChronicCondition,
  type CoveredDrug,
} from './clinical-vocabulary';
import {
  directoryOrganization,
  organizationsOfKind,
  practitionersInRole,
  type DirectoryOrganization,
  type DirectoryPractitioner,
} from './provider-directory';
import type { SeededRandom } from './seeded-random';

/**
 * What stays the same across one member's claims: their long-term conditions and the regular
 * clinicians and pharmacy they go to. Real claim histories repeat themselves (the same PCP, the
 * same monthly refill), and an app's timeline only looks real if the synthetic one does too.
 */
export interface MemberTraits {
  readonly birthDate: string;
  readonly sex: 'female' | 'male' | 'other' | 'unknown';
  readonly chronicConditions: readonly {
    readonly condition: ChronicCondition;
    /** Age in years from which claims show the condition. */
    readonly onsetAge: number;
    readonly maintenanceDrug: CoveredDrug;
  }[];
  readonly primaryCare: DirectoryPractitioner;
  readonly pediatrician: DirectoryPractitioner;
  readonly dentist: DirectoryPractitioner;
  readonly optometrist: DirectoryPractitioner;
  readonly pharmacy: DirectoryOrganization;
  readonly hospital: DirectoryOrganization;
  readonly behavioralHealthDrug: CoveredDrug;
  readonly substanceUseDrug: CoveredDrug;
}

export function memberTraits(
  birthDate: string,
  sex: MemberTraits['sex'],
  city: string,
  random: SeededRandom,
): MemberTraits {
  // People mostly use the clinic, pharmacy and hospital in their own town, when there is one.
  const nearby = <T>(candidates: readonly T[], cityOf: (candidate: T) => string): T => {
    const local = candidates.filter((candidate) => cityOf(candidate) === city);
    return random.pick(local.length > 0 && random.chance(0.85) ? local : candidates);
  };
  const practiceCity = (practitioner: DirectoryPractitioner) => directoryOrganization(practitioner.organizationId).address.city;
  const chronicConditions = CHRONIC_CONDITIONS.filter((condition) => random.chance(condition.prevalence)).map(
    (condition) => ({
      condition,
      onsetAge: condition.minimumAge + random.integer(0, 20),
      maintenanceDrug: coveredDrug(random.pick(condition.maintenanceDrugs)),
    }),
  );
  return {
    birthDate,
    sex,
    chronicConditions,
    primaryCare: nearby(practitionersInRole('primary-care'), practiceCity),
    pediatrician: nearby(practitionersInRole('pediatrics'), practiceCity),
    dentist: nearby(practitionersInRole('dentistry'), practiceCity),
    optometrist: nearby(practitionersInRole('optometry'), practiceCity),
    pharmacy: nearby(organizationsOfKind('pharmacy'), (org) => org.address.city),
    hospital: nearby(organizationsOfKind('hospital'), (org) => org.address.city),
    behavioralHealthDrug: random.pick(BEHAVIORAL_HEALTH_DRUGS),
    substanceUseDrug: random.pick(SUBSTANCE_USE_DRUGS),
  };
}

/** Age on a day, never negative (a span may start at birth). */
export function ageOnDay(traits: MemberTraits, day: number): number {
  return Math.max(0, ageInYears(traits.birthDate, dateFromDayNumber(day)));
}

export function activeChronicConditions(traits: MemberTraits, age: number): MemberTraits['chronicConditions'] {
  return traits.chronicConditions.filter((entry) => age >= entry.onsetAge);
}
