import 'server-only';

import { compactDate, dateFromDayNumber, isIsoDate } from './calendar-date';
import { draftClaim } from './claim-encounters';
import { scheduleClaims } from './claim-schedule';
import { coveragePeriods } from './coverage-periods';
import { explanationOfBenefitRecord } from './explanation-of-benefit';
import { coverageRecord, patientRecord } from './member-resources';
import { memberTraits } from './member-traits';
import { SeededRandom, hashToSeed } from './seeded-random';
import type { SyntheticMemberInput, SyntheticRecord } from './synthetic-record';

/** FHIR R4 id: 1–64 of letters, digits, '-' and '.'. */
export const FHIR_ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * Longest patient id used verbatim as the prefix of the member's other resource ids; longer ones
 * are replaced by a hash so that "<prefix>-eob-<n>" still fits in 64 characters.
 */
const MAX_VERBATIM_PREFIX = 40;

/** Prefix of every member-specific id (Coverage, ExplanationOfBenefit), derived from the patient id. */
export function memberResourcePrefix(patientId: string): string {
  if (patientId.length <= MAX_VERBATIM_PREFIX) return patientId;
  return `m${hashToSeed(patientId).toString(16).padStart(8, '0')}`;
}

/**
 * The member's Patient, one Coverage per enrollment span (plus one for an earlier payer period
 * when the profile asks), and their ExplanationOfBenefit history, oldest first. The same input
 * always gives the same records: every random choice comes from a stream seeded by the member ID.
 */
export function generateMemberRecords(input: SyntheticMemberInput): SyntheticRecord[] {
  assertUsableInput(input);
  const prefix = memberResourcePrefix(input.patientId);
  const random = SeededRandom.fromText(`synthetic-member:${input.memberId}`);
  const periods = coveragePeriods(input, prefix);
  const traits = memberTraits(input.birthDate, input.sex, input.address.city, random.derive('traits'));
  const schedule = scheduleClaims(periods, input.profile ?? {}, input.claimCount, random.derive('schedule'));
  const claimRandom = random.derive('claims');

  const records: SyntheticRecord[] = [patientRecord(input), ...periods.map((period) => coverageRecord(input, period))];
  schedule.forEach((claim, index) => {
    const sequence = String(index + 1).padStart(5, '0');
    const draft = draftClaim(claim, traits, claimRandom);
    records.push(
      explanationOfBenefitRecord(draft, {
        id: `${prefix}-eob-${sequence}`,
        claimNumber: `${input.memberId}-${compactDate(dateFromDayNumber(draft.firstDay))}-${sequence}`,
        patientId: input.patientId,
        coverageId: claim.coverage.coverageId,
        today: input.today,
        adjudicationSecond: claimRandom.integer(8 * 3600, 20 * 3600),
      }),
    );
  });
  return records;
}

function assertUsableInput(input: SyntheticMemberInput): void {
  if (!FHIR_ID_PATTERN.test(input.patientId)) throw new Error(`patientId "${input.patientId}" is not a valid FHIR id`);
  const dates: [string, string | null][] = [
    ['today', input.today],
    ['birthDate', input.birthDate],
    ['deceasedDate', input.deceasedDate],
    ...input.spans.flatMap((span, i): [string, string | null][] => [
      [`spans[${i}].start`, span.start],
      [`spans[${i}].end`, span.end],
    ]),
  ];
  const earlier = input.profile?.preEnrollmentClaims;
  if (earlier) dates.push(['profile.preEnrollmentClaims.from', earlier.from], ['profile.preEnrollmentClaims.to', earlier.to]);
  if (input.profile?.sensitiveClaimsFrom) dates.push(['profile.sensitiveClaimsFrom', input.profile.sensitiveClaimsFrom]);
  for (const [name, value] of dates) {
    if (value !== null && !isIsoDate(value)) throw new Error(`${name} "${value}" is not a calendar date (YYYY-MM-DD)`);
  }
  if (input.claimCount !== undefined && !(Number.isInteger(input.claimCount) && input.claimCount >= 0)) {
    throw new Error(`claimCount must be a whole number of claims, not ${input.claimCount}`);
  }
}
