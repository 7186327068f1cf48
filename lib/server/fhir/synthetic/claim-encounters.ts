import 'server-only';

import type { ScheduledClaim } from './claim-schedule';
import { priceLine, pharmacyCopayCents, type LineAmounts } from './claim-pricing';
import {
  ACUTE_DRUGS,
  BEHAVIORAL_HEALTH_TEMPLATES,
  FOLLOW_UP_VISIT_LINES,
  INPATIENT_TEMPLATES,
  ORAL_TEMPLATES,
  OUTPATIENT_TEMPLATES,
  PLACES_OF_SERVICE,
  PROFESSIONAL_TEMPLATES,
  SUBSTANCE_USE_TEMPLATES,
  VISION_TEMPLATES,
  type CodedConcept,
  type CoveredDrug,
  type EncounterTemplate,
  type ProviderRole,
  type SensitiveEncounterTemplate,
  type ServiceLineTemplate,
} from './clinical-vocabulary';
import { CODE_SYSTEMS } from './fhir-canonicals';
import { activeChronicConditions, ageOnDay, type MemberTraits } from './member-traits';
import {
  directoryOrganization,
  practitionersInRole,
  type DirectoryOrganization,
  type DirectoryPractitioner,
} from './provider-directory';
import type { SeededRandom } from './seeded-random';
import type { EobType, Sensitivity } from './synthetic-record';

/**
 * What happened in one claim, before it is written as FHIR: who saw the member, for what, which
 * services on which days, and what they cost. Keeping this apart from the FHIR rendering keeps
 * the clinical choices readable and the CARIN structure in one place.
 */
export interface DraftLine {
  /** CPT / HCPCS / CDT / NDC concept; null for institutional lines billed by revenue code only. */
  readonly service: CodedConcept | null;
  readonly revenue: CodedConcept | null;
  /** Units of service, or the quantity dispensed for a pharmacy fill. */
  readonly quantity: number;
  readonly day: number;
  readonly tooth: string | null;
  readonly amounts: LineAmounts;
}

export interface CareTeamEntry {
  readonly practitioner: DirectoryPractitioner;
  /** C4BBClaimCareTeamRole: who rendered an office service, attended a stay, prescribed a fill. */
  readonly role: 'rendering' | 'attending' | 'prescribing';
}

export interface InstitutionalDetails {
  readonly inpatient: boolean;
  readonly admissionType: 'emergency' | 'elective';
  /** The MS-DRG an inpatient stay is paid by. */
  readonly drg: CodedConcept | null;
}

export interface PharmacyFill {
  readonly drug: CoveredDrug;
  readonly refillNumber: number;
  /** Refills the prescription allows in all: a year of monthly fills for a maintenance drug, none for an acute one. */
  readonly refillsAuthorized: number;
}

export interface ClaimDraft {
  readonly eobType: EobType;
  readonly sensitivity: Sensitivity;
  readonly firstDay: number;
  readonly lastDay: number;
  /** Principal first. */
  readonly diagnoses: readonly CodedConcept[];
  /** ICD-10-PCS procedures of an inpatient stay. */
  readonly procedures: readonly CodedConcept[];
  readonly placeOfService: CodedConcept | null;
  readonly billingOrganization: DirectoryOrganization;
  readonly careTeam: readonly CareTeamEntry[];
  readonly lines: readonly DraftLine[];
  readonly institutional: InstitutionalDetails | null;
  readonly pharmacyFill: PharmacyFill | null;
  /** Days from the last service to the payer receiving the claim, and from receipt to adjudication. */
  readonly receiptLagDays: number;
  readonly adjudicationLagDays: number;
}

const POSTERIOR_TEETH = ['2', '3', '4', '5', '12', '13', '14', '15', '18', '19', '20', '21', '28', '29', '30', '31'];
const EXTRACTABLE_TEETH = Array.from({ length: 30 }, (_, i) => String(i + 2));

export function draftClaim(claim: ScheduledClaim, traits: MemberTraits, random: SeededRandom): ClaimDraft {
  switch (claim.eobType) {
    case 'pharmacy':
      return draftPharmacyFill(claim, traits, random);
    case 'inpatient':
      return draftInpatientStay(claim, traits, random);
    case 'outpatient':
      return draftOutpatientVisit(claim, traits, random);
    case 'professional':
    case 'oral':
    case 'vision':
      return draftOfficeVisit(claim, traits, random);
  }
}

function fitsMember(template: EncounterTemplate, age: number, sex: MemberTraits['sex']): boolean {
  if (template.ages && (age < template.ages[0] || age > template.ages[1])) return false;
  if (template.sexes && !(sex === 'female' || sex === 'male' ? template.sexes.includes(sex) : false)) return false;
  return true;
}

function chooseTemplate<T extends EncounterTemplate>(
  templates: readonly T[],
  age: number,
  traits: MemberTraits,
  random: SeededRandom,
): T {
  let candidates = templates.filter((t) => fitsMember(t, age, traits.sex));
  // No template fits (say, a newborn's dental claim): fall back to the ones open to anyone.
  if (candidates.length === 0) candidates = templates.filter((t) => !t.sexes);
  return random.weighted(candidates.map((t) => [t, t.weight] as const));
}

function performerFor(role: ProviderRole, age: number, traits: MemberTraits, random: SeededRandom): DirectoryPractitioner {
  switch (role) {
    case 'primary-care':
    case 'pediatrics':
      return age < 18 ? traits.pediatrician : traits.primaryCare;
    case 'dentistry':
      return traits.dentist;
    case 'optometry':
      return traits.optometrist;
    default: {
      const candidates = practitionersInRole(role);
      const atHomeHospital = candidates.filter((p) => p.organizationId === traits.hospital.id);
      return random.pick(atHomeHospital.length > 0 && random.chance(0.8) ? atHomeHospital : candidates);
    }
  }
}

function toothFor(line: ServiceLineTemplate, random: SeededRandom): string | null {
  if (line.tooth === 'posterior') return random.pick(POSTERIOR_TEETH);
  if (line.tooth === 'any') return random.pick(EXTRACTABLE_TEETH);
  return null;
}

/** Keeps every mandatory line and about half of the optional ones. */
function chosenLines(lines: readonly ServiceLineTemplate[], random: SeededRandom): ServiceLineTemplate[] {
  return lines.filter((line) => !line.optional || random.chance(0.5));
}

function priced(
  eobType: EobType,
  line: ServiceLineTemplate,
  day: number,
  random: SeededRandom,
  tooth: string | null = null,
): DraftLine {
  const quantity = line.units ?? 1;
  return {
    service: line.service,
    revenue: line.revenue ?? null,
    quantity,
    day,
    tooth,
    amounts: priceLine(eobType, line.chargeCents, quantity, day, 0, random),
  };
}

function officeLags(random: SeededRandom) {
  return { receiptLagDays: random.integer(2, 14), adjudicationLagDays: random.integer(5, 25) };
}

function draftOfficeVisit(claim: ScheduledClaim, traits: MemberTraits, random: SeededRandom): ClaimDraft {
  const day = claim.serviceDay;
  const age = ageOnDay(traits, day);
  let diagnoses: readonly CodedConcept[];
  let lineTemplates: ServiceLineTemplate[];
  let placeOfService: CodedConcept;
  let role: ProviderRole;

  const chronic = activeChronicConditions(traits, age);
  if (claim.sensitivity !== 'none') {
    const template = chooseSensitiveTemplate(claim, age, traits, random);
    ({ diagnoses, placeOfService, performer: role } = template);
    lineTemplates = chosenLines(template.lines, random);
  } else if (claim.eobType === 'professional' && chronic.length > 0 && random.chance(0.35)) {
    // A follow-up for a long-term condition, with the labs that monitor it.
    const followed = random.pick(chronic);
    const others = chronic.filter((entry) => entry !== followed).map((entry) => entry.condition.diagnosis);
    diagnoses = [followed.condition.diagnosis, ...others];
    lineTemplates = [random.pick(FOLLOW_UP_VISIT_LINES), ...chosenLines(followed.condition.monitoring, random)];
    placeOfService = PLACES_OF_SERVICE.office;
    role = 'primary-care';
  } else {
    const templates =
      claim.eobType === 'oral' ? ORAL_TEMPLATES : claim.eobType === 'vision' ? VISION_TEMPLATES : PROFESSIONAL_TEMPLATES;
    const template = chooseTemplate(templates, age, traits, random);
    ({ diagnoses, placeOfService, performer: role } = template);
    lineTemplates = chosenLines(template.lines, random);
  }

  const performer = performerFor(role, age, traits, random);
  return {
    eobType: claim.eobType,
    sensitivity: claim.sensitivity,
    firstDay: day,
    lastDay: day,
    diagnoses,
    procedures: [],
    placeOfService,
    billingOrganization: directoryOrganization(performer.organizationId),
    careTeam: [{ practitioner: performer, role: 'rendering' }],
    lines: lineTemplates.map((line) => priced(claim.eobType, line, day, random, toothFor(line, random))),
    institutional: null,
    pharmacyFill: null,
    ...officeLags(random),
  };
}

function chooseSensitiveTemplate(
  claim: ScheduledClaim,
  age: number,
  traits: MemberTraits,
  random: SeededRandom,
): SensitiveEncounterTemplate {
  const all = claim.sensitivity === 'substance-use-disorder' ? SUBSTANCE_USE_TEMPLATES : BEHAVIORAL_HEALTH_TEMPLATES;
  // Where behavioral health is carved out to a partnership, this payer only sees the part of that
  // care that primary care delivers.
  const carvedOut = Boolean(claim.coverage.plan.behavioralHealthVia);
  const allowed = carvedOut ? all.filter((t) => t.primaryCareManaged) : all;
  return chooseTemplate(allowed, age, traits, random);
}

function draftOutpatientVisit(claim: ScheduledClaim, traits: MemberTraits, random: SeededRandom): ClaimDraft {
  const day = claim.serviceDay;
  const age = ageOnDay(traits, day);
  const template = chooseTemplate(OUTPATIENT_TEMPLATES, age, traits, random);
  const performer = performerFor(template.performer, age, traits, random);
  return {
    eobType: 'outpatient',
    sensitivity: 'none',
    firstDay: day,
    lastDay: day,
    diagnoses: template.diagnoses,
    procedures: [],
    placeOfService: template.placeOfService,
    billingOrganization: directoryOrganization(performer.organizationId),
    careTeam: [{ practitioner: performer, role: 'attending' }],
    lines: chosenLines(template.lines, random).map((line) => priced('outpatient', line, day, random)),
    institutional: {
      inpatient: false,
      admissionType: template.placeOfService === PLACES_OF_SERVICE.emergencyRoom ? 'emergency' : 'elective',
      drg: null,
    },
    pharmacyFill: null,
    receiptLagDays: random.integer(5, 20),
    adjudicationLagDays: random.integer(10, 30),
  };
}

function draftInpatientStay(claim: ScheduledClaim, traits: MemberTraits, random: SeededRandom): ClaimDraft {
  const admission = claim.serviceDay;
  const age = ageOnDay(traits, admission);
  const template = chooseTemplate(INPATIENT_TEMPLATES, age, traits, random);
  // Discharge stays inside the coverage's claim days: a stay never runs past today or past the
  // end of the span.
  const latest = claim.coverage.claimDays ? claim.coverage.claimDays.last : admission;
  const discharge = Math.min(admission + random.integer(template.lengthOfStay[0], template.lengthOfStay[1]), latest);
  const nights = Math.max(1, discharge - admission);
  const performer = performerFor(template.performer, age, traits, random);
  const lines = template.lines.map((line) => {
    const isRoomAndBoard = line.revenue?.code === '0120';
    const day = isRoomAndBoard ? admission : admission + random.integer(0, discharge - admission);
    return priced('inpatient', isRoomAndBoard ? { ...line, units: nights } : line, day, random);
  });
  return {
    eobType: 'inpatient',
    sensitivity: 'none',
    firstDay: admission,
    lastDay: discharge,
    diagnoses: template.diagnoses,
    procedures: template.procedures,
    placeOfService: template.placeOfService,
    billingOrganization: directoryOrganization(performer.organizationId),
    careTeam: [{ practitioner: performer, role: 'attending' }],
    lines,
    institutional: { inpatient: true, admissionType: template.admissionType, drg: template.drg },
    pharmacyFill: null,
    receiptLagDays: random.integer(5, 20),
    adjudicationLagDays: random.integer(10, 30),
  };
}

function draftPharmacyFill(claim: ScheduledClaim, traits: MemberTraits, random: SeededRandom): ClaimDraft {
  const day = claim.serviceDay;
  const age = ageOnDay(traits, day);
  let drug: CoveredDrug;
  let refillNumber: number;
  let refillsAuthorized: number;
  let prescriber: DirectoryPractitioner;
  const routinePrescriber = age < 18 ? traits.pediatrician : traits.primaryCare;

  if (claim.sensitivity === 'behavioral-health') {
    drug = traits.behavioralHealthDrug;
    refillNumber = random.integer(0, 5);
    refillsAuthorized = 5;
    const carvedOut = Boolean(claim.coverage.plan.behavioralHealthVia);
    prescriber = !carvedOut && random.chance(0.5) ? random.pick(practitionersInRole('psychiatry')) : routinePrescriber;
  } else if (claim.sensitivity === 'substance-use-disorder') {
    drug = traits.substanceUseDrug;
    refillNumber = random.integer(0, 5);
    refillsAuthorized = 5;
    prescriber = random.pick(practitionersInRole('addiction-medicine'));
  } else {
    const chronic = activeChronicConditions(traits, age);
    if (chronic.length > 0 && random.chance(0.75)) {
      drug = random.pick(chronic).maintenanceDrug;
      refillNumber = random.integer(1, 11);
      refillsAuthorized = 11;
    } else {
      drug = random.pick(ACUTE_DRUGS.filter((d) => d.minimumAge <= age));
      refillNumber = 0;
      refillsAuthorized = 0;
    }
    prescriber = routinePrescriber;
  }

  const copay = pharmacyCopayCents(age, drug.brandName !== null, drug.sensitivity !== 'none');
  const line: DraftLine = {
    service: { system: CODE_SYSTEMS.ndc, code: drug.ndc, display: drug.name },
    revenue: null,
    quantity: drug.quantityPerFill,
    day,
    tooth: null,
    amounts: priceLine('pharmacy', drug.pharmacyChargeCents, 1, day, copay, random),
  };
  return {
    eobType: 'pharmacy',
    sensitivity: claim.sensitivity,
    firstDay: day,
    lastDay: day,
    // A sensitive fill carries its indication (NCPDP diagnosis code), which is what marks it.
    diagnoses: drug.indication && claim.sensitivity !== 'none' ? [drug.indication] : [],
    procedures: [],
    placeOfService: PLACES_OF_SERVICE.pharmacy,
    billingOrganization: traits.pharmacy,
    careTeam: [{ practitioner: prescriber, role: 'prescribing' }],
    lines: [line],
    institutional: null,
    pharmacyFill: { drug, refillNumber, refillsAuthorized },
    // Pharmacy claims are adjudicated in real time at the counter.
    receiptLagDays: 0,
    adjudicationLagDays: random.integer(0, 1),
  };
}
