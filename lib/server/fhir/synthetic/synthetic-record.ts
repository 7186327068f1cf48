import 'server-only';

/** The public shapes of the synthetic payer data generator: what goes in and what comes out. */

export type Sex = 'female' | 'male' | 'other' | 'unknown';

export type EobType = 'inpatient' | 'outpatient' | 'professional' | 'pharmacy' | 'oral' | 'vision';

export type Sensitivity = 'none' | 'behavioral-health' | 'substance-use-disorder';

/** The member-facing data categories of the approval screen. */
export type DataCategory = 'patient' | 'coverage' | 'claims' | 'providers' | 'drugs';

export type SyntheticResourceType =
  | 'Patient'
  | 'Coverage'
  | 'ExplanationOfBenefit'
  | 'Organization'
  | 'Practitioner'
  | 'MedicationKnowledge';

export interface EnrollmentSpan {
  /** First enrolled day, 'YYYY-MM-DD'. */
  start: string;
  /** Last enrolled day (inclusive), or null while still enrolled. */
  end: string | null;
  /** Key into `plans`. */
  plan: string;
}

export interface PlanDescription {
  name: string;
  /** The member's health plan, not this payer, holds most claims in managed care. */
  managedCare: boolean;
  /** Behavioral health services carved out to a partnership (e.g. MBHP) rather than paid here. */
  behavioralHealthVia?: string | null;
}

/** Traits that shape one member's claim history beyond the defaults. */
export interface ClaimProfile {
  /**
   * A period before the first enrollment span for which the source also holds claims (an earlier
   * payer period). The claims are generated, with a Coverage of their own, so that the API can
   * prove it never serves them.
   */
  preEnrollmentClaims?: { from: string; to: string; plan?: string };
  /** Number of behavioral-health claims (F-chapter diagnoses other than F10–F19). */
  behavioralHealthClaims?: number;
  /** Number of substance-use-disorder claims (F10–F19 diagnoses). */
  substanceUseClaims?: number;
  /** Sensitive claims fall on or after this date (default: the first day claims can fall on). */
  sensitiveClaimsFrom?: string;
  /** Routine claims per month in fee-for-service style spans (default 1.5). */
  claimsPerMonth?: number;
  /** Upper bound on the default claim count (default 150); `claimCount` overrides it. */
  maxClaims?: number;
}

export interface SyntheticMemberInput {
  memberId: string;
  /** FHIR id of the member's Patient resource; member-specific ids are derived from it. */
  patientId: string;
  given: string;
  family: string;
  birthDate: string;
  sex: Sex;
  address: { line: string; city: string; state: string; zip: string };
  phone: string;
  email: string;
  deceasedDate: string | null;
  spans: EnrollmentSpan[];
  plans: Record<string, PlanDescription>;
  /** The payer's current calendar date, 'YYYY-MM-DD'. Nothing is dated after it. */
  today: string;
  profile?: ClaimProfile;
  /** Exact number of EOBs to generate (benchmarks use 10 000); replaces the default count. */
  claimCount?: number;
}

export interface SyntheticRecord {
  resourceType: SyntheticResourceType;
  /** FHIR id, unique across all members and the shared directory. */
  id: string;
  /** Owning member's Patient id; null for shared directory resources. */
  patientId: string | null;
  /** ISO instant, equal to resource.meta.lastUpdated. */
  lastUpdated: string;
  /** EOB: first service date (billablePeriod.start for institutional claims). */
  serviceDate: string | null;
  /** EOB: billablePeriod.start. */
  billableStart: string | null;
  /** EOB: billablePeriod.end. */
  billableEnd: string | null;
  /** EOB: the distinct service days of its items, in order. */
  itemServiceDates: string[] | null;
  eobType: EobType | null;
  sensitivity: Sensitivity;
  category: DataCategory;
  /** The FHIR R4 resource as JSON. */
  resource: object;
}
