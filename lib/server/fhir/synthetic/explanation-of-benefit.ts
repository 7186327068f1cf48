import 'server-only';

import { dateFromDayNumber } from './calendar-date';
import type { ClaimDraft, DraftLine } from './claim-encounters';
import type { CodedConcept } from './clinical-vocabulary';
import { CARIN_BB_PROFILE_URLS, CODE_SYSTEMS, PAYER_IDENTIFIER_SYSTEMS, versionedProfile } from './fhir-canonicals';
import { PAYER_NAME, PAYER_ORGANIZATION_ID } from './provider-directory';
import { RECORD_VERSION, instantOnDate } from './record-instants';
import { SeededRandom, hashToSeed } from './seeded-random';
import type { EobType, Sensitivity, SyntheticRecord } from './synthetic-record';

/**
 * Writes a claim draft as a CARIN Blue Button ExplanationOfBenefit: the profile for its claim
 * type, adjudication amounts per line and in total, the security labels of sensitive claims.
 */

export interface EobIdentity {
  readonly id: string;
  /** The payer's claim number (CARIN "unique claim id"). */
  readonly claimNumber: string;
  readonly patientId: string;
  readonly coverageId: string;
  readonly today: string;
  /** Second of the day at which adjudication was recorded. */
  readonly adjudicationSecond: number;
}

const PROFILE_BY_TYPE: Readonly<Record<EobType, string>> = {
  inpatient: CARIN_BB_PROFILE_URLS.inpatientInstitutional,
  outpatient: CARIN_BB_PROFILE_URLS.outpatientInstitutional,
  professional: CARIN_BB_PROFILE_URLS.professionalNonClinician,
  vision: CARIN_BB_PROFILE_URLS.professionalNonClinician,
  pharmacy: CARIN_BB_PROFILE_URLS.pharmacy,
  oral: CARIN_BB_PROFILE_URLS.oral,
};

const CLAIM_TYPE: Readonly<Record<EobType, { code: string; display: string }>> = {
  inpatient: { code: 'institutional', display: 'Institutional' },
  outpatient: { code: 'institutional', display: 'Institutional' },
  professional: { code: 'professional', display: 'Professional' },
  vision: { code: 'vision', display: 'Vision' },
  pharmacy: { code: 'pharmacy', display: 'Pharmacy' },
  oral: { code: 'oral', display: 'Oral' },
};

/**
 * HL7 v3 ActCode information-sensitivity labels plus the "restricted" confidentiality code:
 * both the older codes (PSY, ETH) and the newer, more specific ones (BH, SUD), since apps and
 * consent engines in use key on either.
 */
const SECURITY_LABELS: Readonly<Record<Exclude<Sensitivity, 'none'>, readonly object[]>> = {
  'behavioral-health': [
    { system: CODE_SYSTEMS.actCode, code: 'PSY', display: 'psychiatry disorder information sensitivity' },
    { system: CODE_SYSTEMS.actCode, code: 'BH', display: 'behavioral health information sensitivity' },
    { system: CODE_SYSTEMS.confidentiality, code: 'R', display: 'restricted' },
  ],
  'substance-use-disorder': [
    { system: CODE_SYSTEMS.actCode, code: 'SUD', display: 'substance use disorder information sensitivity' },
    { system: CODE_SYSTEMS.actCode, code: 'ETH', display: 'substance abuse information sensitivity' },
    { system: CODE_SYSTEMS.confidentiality, code: 'R', display: 'restricted' },
  ],
};

const IN_NETWORK = { coding: [{ system: CODE_SYSTEMS.c4bbPayerAdjudicationStatus, code: 'innetwork', display: 'In Network' }] };

const codeable = (concept: CodedConcept) => ({ coding: [{ system: concept.system, code: concept.code, display: concept.display }] });
const money = (cents: number) => ({ value: cents / 100, currency: 'USD' });

type AmountKind = 'submitted' | 'eligible' | 'discount' | 'memberliability' | 'paidtoprovider';

const AMOUNT_CATEGORIES: Readonly<Record<AmountKind, { system: string; code: string; display: string }>> = {
  submitted: { system: CODE_SYSTEMS.hl7Adjudication, code: 'submitted', display: 'Submitted Amount' },
  eligible: { system: CODE_SYSTEMS.hl7Adjudication, code: 'eligible', display: 'Eligible Amount' },
  discount: { system: CODE_SYSTEMS.c4bbAdjudication, code: 'discount', display: 'Discount' },
  memberliability: { system: CODE_SYSTEMS.c4bbAdjudication, code: 'memberliability', display: 'Member liability' },
  paidtoprovider: { system: CODE_SYSTEMS.c4bbAdjudication, code: 'paidtoprovider', display: 'Paid to provider' },
};

function amountEntries(amounts: Record<AmountKind, number>) {
  return (Object.keys(AMOUNT_CATEGORIES) as AmountKind[]).map((kind) => ({
    category: { coding: [AMOUNT_CATEGORIES[kind]], text: AMOUNT_CATEGORIES[kind].display },
    amount: money(amounts[kind]),
  }));
}

function lineAmounts(line: DraftLine): Record<AmountKind, number> {
  const a = line.amounts;
  return {
    submitted: a.submittedCents,
    eligible: a.eligibleCents,
    discount: a.submittedCents - a.eligibleCents,
    memberliability: a.memberLiabilityCents,
    paidtoprovider: a.paidCents,
  };
}

function supportingInfoCategory(code: string, display: string) {
  return { coding: [{ system: CODE_SYSTEMS.c4bbSupportingInfoType, code, display }] };
}

function careTeamRole(role: 'rendering' | 'attending' | 'prescribing') {
  const display = { rendering: 'Rendering provider', attending: 'Attending', prescribing: 'Prescribing provider' }[role];
  return { coding: [{ system: CODE_SYSTEMS.c4bbClaimCareTeamRole, code: role, display }] };
}

function diagnosisType(draft: ClaimDraft, index: number) {
  if (index === 0) return { coding: [{ system: CODE_SYSTEMS.diagnosisType, code: 'principal', display: 'Principal Diagnosis' }] };
  if (draft.institutional) return { coding: [{ system: CODE_SYSTEMS.c4bbClaimDiagnosisType, code: 'other', display: 'Other' }] };
  return { coding: [{ system: CODE_SYSTEMS.c4bbClaimDiagnosisType, code: 'secondary', display: 'Secondary' }] };
}

export function explanationOfBenefitRecord(draft: ClaimDraft, identity: EobIdentity): SyntheticRecord {
  const firstDate = dateFromDayNumber(draft.firstDay);
  const lastDate = dateFromDayNumber(draft.lastDay);
  const receivedDay = draft.lastDay + draft.receiptLagDays;
  const receivedDate = minDate(dateFromDayNumber(receivedDay), identity.today);
  const created = minDate(dateFromDayNumber(receivedDay + draft.adjudicationLagDays), identity.today);
  // The EOB was last written when the claim was adjudicated.
  const lastUpdated = instantOnDate(created, identity.today, identity.adjudicationSecond);
  const billing = { reference: `Organization/${draft.billingOrganization.id}`, display: draft.billingOrganization.name };
  // CARIN's oral claims name the treating dentist as the provider; the practice is paid.
  const dentist = draft.eobType === 'oral' ? draft.careTeam[0].practitioner : null;
  const provider = dentist
    ? { reference: `Practitioner/${dentist.id}`, display: `${dentist.given} ${dentist.family}, ${dentist.credential}` }
    : billing;
  const claimType = CLAIM_TYPE[draft.eobType];
  const extras = claimExtras(draft, identity);

  const totals: Record<AmountKind, number> = { submitted: 0, eligible: 0, discount: 0, memberliability: 0, paidtoprovider: 0 };
  for (const line of draft.lines) {
    const amounts = lineAmounts(line);
    for (const kind of Object.keys(totals) as AmountKind[]) totals[kind] += amounts[kind];
  }
  const header = headerAdjudication(draft);
  // Some institutional claims are adjudicated as a whole: amounts at the claim level, none per line.
  if (extras.amountsAtHeader) header.push(...amountEntries(totals), adjustmentReason(totals.discount));

  const resource = {
    resourceType: 'ExplanationOfBenefit',
    id: identity.id,
    meta: {
      versionId: RECORD_VERSION,
      lastUpdated,
      profile: [versionedProfile(PROFILE_BY_TYPE[draft.eobType])],
      ...(draft.sensitivity !== 'none' ? { security: SECURITY_LABELS[draft.sensitivity] } : {}),
    },
    identifier: [
      {
        type: { coding: [{ system: CODE_SYSTEMS.c4bbIdentifierType, code: 'uc', display: 'Unique Claim ID' }] },
        system: PAYER_IDENTIFIER_SYSTEMS.claimId,
        value: identity.claimNumber,
      },
    ],
    status: 'active',
    type: { coding: [{ system: CODE_SYSTEMS.claimType, code: claimType.code, display: claimType.display }], text: claimType.display },
    ...(draft.institutional
      ? {
          subType: {
            coding: [
              draft.institutional.inpatient
                ? { system: CODE_SYSTEMS.institutionalSubType, code: 'inpatient', display: 'Inpatient' }
                : { system: CODE_SYSTEMS.institutionalSubType, code: 'outpatient', display: 'Outpatient' },
            ],
          },
        }
      : {}),
    use: 'claim',
    patient: { reference: `Patient/${identity.patientId}` },
    billablePeriod: { start: firstDate, end: lastDate },
    created,
    insurer: { reference: `Organization/${PAYER_ORGANIZATION_ID}`, display: PAYER_NAME },
    provider,
    payee: {
      type: { coding: [{ system: CODE_SYSTEMS.payeeType, code: 'provider', display: 'Provider' }] },
      party: billing,
    },
    ...(extras.related ? { related: [extras.related] } : {}),
    outcome: 'complete',
    careTeam: draft.careTeam.map((member, index) => ({
      sequence: index + 1,
      provider: {
        reference: `Practitioner/${member.practitioner.id}`,
        display: `${member.practitioner.given} ${member.practitioner.family}, ${member.practitioner.credential}`,
      },
      responsible: index === 0,
      role: careTeamRole(member.role),
      qualification: codeable(member.practitioner.taxonomy),
    })),
    supportingInfo: supportingInfo(draft, receivedDate, extras),
    ...(draft.diagnoses.length > 0
      ? {
          diagnosis: draft.diagnoses.map((diagnosis, index) => ({
            sequence: index + 1,
            diagnosisCodeableConcept: codeable(diagnosis),
            type: [diagnosisType(draft, index)],
            // Present on admission (UB-04 POA indicator): the reason for the stay was.
            ...(draft.institutional?.inpatient ? { onAdmission: { coding: [{ system: CODE_SYSTEMS.presentOnAdmission, code: 'Y', display: 'Yes' }] } } : {}),
          })),
        }
      : {}),
    ...(draft.procedures.length > 0
      ? {
          procedure: draft.procedures.map((procedure, index) => ({
            sequence: index + 1,
            type: [
              {
                coding: [
                  index === 0
                    ? { system: CODE_SYSTEMS.c4bbClaimProcedureType, code: 'principal', display: 'Principal' }
                    : { system: CODE_SYSTEMS.c4bbClaimProcedureType, code: 'other', display: 'Other' },
                ],
              },
            ],
            date: firstDate,
            procedureCodeableConcept: codeable(procedure),
          })),
        }
      : {}),
    insurance: [{ focal: true, coverage: { reference: `Coverage/${identity.coverageId}` } }],
    item: draft.lines.map((line, index) => item(draft, line, index, extras)),
    adjudication: header,
    total: amountEntries(totals),
    payment: {
      type: { coding: [{ system: CODE_SYSTEMS.c4bbPayerAdjudicationStatus, code: 'paid', display: 'Paid' }] },
      date: created,
      amount: money(totals.paidtoprovider),
    },
    ...(extras.note ? { processNote: [{ number: 1, type: 'display', text: extras.note }] } : {}),
  };

  return {
    resourceType: 'ExplanationOfBenefit',
    id: identity.id,
    patientId: identity.patientId,
    lastUpdated,
    serviceDate: firstDate,
    billableStart: firstDate,
    billableEnd: lastDate,
    itemServiceDates: [...new Set(draft.lines.map((line) => line.day))].sort((a, b) => a - b).map(dateFromDayNumber),
    eobType: draft.eobType,
    sensitivity: draft.sensitivity,
    category: 'claims',
    resource,
  };
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function supportingInfo(draft: ClaimDraft, receivedDate: string, extras: ClaimExtras): object[] {
  const entries: object[] = [
    { category: supportingInfoCategory('clmrecvddate', 'Claim Received Date'), timingDate: receivedDate },
  ];
  if (extras.patientAccountNumber) {
    entries.push(
      { category: supportingInfoCategory('patientaccountnumber', 'Patient Account Number'), valueString: extras.patientAccountNumber },
      { category: supportingInfoCategory('medicalrecordnumber', 'Medical Record Number'), valueString: extras.medicalRecordNumber },
    );
  }
  if (draft.eobType === 'professional' || draft.eobType === 'vision' || draft.eobType === 'oral') {
    entries.push({
      category: supportingInfoCategory('servicefacility', 'Service Facility'),
      valueReference: { reference: `Organization/${draft.billingOrganization.id}`, display: draft.billingOrganization.name },
    });
  }
  if (draft.institutional) {
    const inpatient = draft.institutional.inpatient;
    const emergency = draft.institutional.admissionType === 'emergency';
    if (inpatient) {
      entries.push({
        category: supportingInfoCategory('admissionperiod', 'Admission Period'),
        timingPeriod: { start: dateFromDayNumber(draft.firstDay), end: dateFromDayNumber(draft.lastDay) },
      });
      if (draft.institutional.drg) entries.push({ category: supportingInfoCategory('drg', 'Diagnosis Related Group'), code: codeable(draft.institutional.drg) });
    }
    entries.push(
      {
        category: supportingInfoCategory('typeofbill', 'Type of Bill'),
        // 0111: hospital inpatient, admit through discharge; 0131: hospital outpatient.
        code: { coding: [{ system: CODE_SYSTEMS.typeOfBill, code: inpatient ? '0111' : '0131' }] },
      },
      {
        category: supportingInfoCategory('pointoforigin', 'Point Of Origin'),
        code: { coding: [{ system: CODE_SYSTEMS.pointOfOrigin, code: '1', display: 'Non-Health Care Facility Point of Origin' }] },
      },
      {
        category: supportingInfoCategory('admtype', 'Admission Type'),
        code: {
          coding: [
            emergency
              ? { system: CODE_SYSTEMS.admissionType, code: '1', display: 'Emergency' }
              : { system: CODE_SYSTEMS.admissionType, code: '3', display: 'Elective' },
          ],
        },
      },
      {
        category: supportingInfoCategory('discharge-status', 'Discharge Status'),
        code: { coding: [{ system: CODE_SYSTEMS.dischargeStatus, code: '01', display: 'Discharged to home or self care (routine discharge)' }] },
      },
    );
  }
  if (draft.pharmacyFill) {
    const { drug, refillNumber, refillsAuthorized } = draft.pharmacyFill;
    entries.push(
      { category: supportingInfoCategory('dayssupply', 'Days Supply'), valueQuantity: { value: drug.daysSupply } },
      {
        category: supportingInfoCategory('dawcode', 'Dispense As Written Product Selection Code'),
        code: { coding: [{ system: CODE_SYSTEMS.ncpdpDispensedAsWritten, code: '0', display: 'No Product Selection Indicated' }] },
      },
      { category: supportingInfoCategory('refillnum', 'Refill Number'), valueQuantity: { value: refillNumber } },
      { category: supportingInfoCategory('refillsauthorized', 'Refills Authorized'), valueQuantity: { value: refillsAuthorized } },
      {
        category: supportingInfoCategory('brandgenericindicator', 'Brand Generic Indicator'),
        code: {
          coding: [
            drug.brandName
              ? { system: CODE_SYSTEMS.ncpdpBrandGeneric, code: '1', display: 'Brand' }
              : { system: CODE_SYSTEMS.ncpdpBrandGeneric, code: '2', display: 'Generic' },
          ],
        },
      },
      {
        category: supportingInfoCategory('rxorigincode', 'Prescription Origin Code'),
        code: { coding: [{ system: CODE_SYSTEMS.ncpdpPrescriptionOrigin, code: '3', display: 'Electronic' }] },
      },
      {
        category: supportingInfoCategory('compoundcode', 'Compound Code'),
        code: { coding: [{ system: CODE_SYSTEMS.ncpdpCompound, code: '1', display: 'Not a Compound' }] },
      },
    );
  }
  return entries.map((entry, index) => ({ sequence: index + 1, ...entry }));
}

function item(draft: ClaimDraft, line: DraftLine, index: number, extras: ClaimExtras): object {
  const productOrService = line.service
    ? codeable(line.service)
    : { coding: [{ system: CODE_SYSTEMS.dataAbsentReason, code: 'not-applicable', display: 'Not Applicable' }] };
  const amounts = lineAmounts(line);
  const adjudication: object[] = extras.amountsAtHeader ? [] : amountEntries(amounts);
  if (draft.eobType !== 'pharmacy') {
    adjudication.push({
      category: {
        coding: [{ system: CODE_SYSTEMS.c4bbAdjudicationDiscriminator, code: 'benefitpaymentstatus', display: 'Benefit Payment Status' }],
      },
      reason: IN_NETWORK,
    });
    adjudication.push({
      category: { coding: [{ system: CODE_SYSTEMS.c4bbAdjudicationDiscriminator, code: 'allowedunits', display: 'Allowed Units' }] },
      value: line.quantity,
    });
    if (!extras.amountsAtHeader && amounts.discount > 0) adjudication.push(adjustmentReason(amounts.discount));
  }
  // A second service on the day of an office visit is billed with the visit marked separate (CPT modifier 25).
  const separateVisit = index === 0 && draft.lines.length > 1 && line.service?.system === CODE_SYSTEMS.cpt && /^99\d{3}$/.test(line.service.code);
  const isInstitutional = draft.institutional !== null;
  return {
    sequence: index + 1,
    careTeamSequence: [1],
    ...(draft.diagnoses.length > 0 ? { diagnosisSequence: draft.diagnoses.map((_, i) => i + 1) } : {}),
    ...(line.revenue ? { revenue: codeable(line.revenue) } : {}),
    productOrService,
    ...(separateVisit ? { modifier: [{ coding: [{ system: CODE_SYSTEMS.cptModifier, code: '25', display: 'Significant, separately identifiable evaluation and management service' }] }] } : {}),
    servicedDate: dateFromDayNumber(line.day),
    ...(!isInstitutional && draft.placeOfService ? { locationCodeableConcept: codeable(draft.placeOfService) } : {}),
    quantity: { value: line.quantity },
    net: money(line.amounts.submittedCents),
    ...(line.tooth ? { bodySite: { coding: [{ system: CODE_SYSTEMS.toothNumber, code: line.tooth }] } } : {}),
    ...(index === 0 && extras.note ? { noteNumber: [1] } : {}),
    // A claim adjudicated as a whole has no line adjudication (CARIN: amounts at one level only).
    ...(extras.amountsAtHeader ? {} : { adjudication }),
  };
}

/** CARC 45: the charge is above the fee schedule, which is what the payer's discount is. */
function adjustmentReason(discountCents: number): object {
  return {
    category: { coding: [{ system: CODE_SYSTEMS.c4bbAdjudicationDiscriminator, code: 'adjustmentreason', display: 'Adjustment Reason' }] },
    reason: { coding: [{ system: CODE_SYSTEMS.claimAdjustmentReason, code: '45', display: 'Charge exceeds fee schedule/maximum allowable or contracted/legislated fee arrangement.' }] },
    amount: money(discountCents),
  };
}

interface ClaimExtras {
  /** An adjusted claim points at the claim number it replaced. */
  readonly related: object | null;
  readonly note: string | null;
  readonly amountsAtHeader: boolean;
  readonly patientAccountNumber: string | null;
  readonly medicalRecordNumber: string | null;
}

/**
 * What only some claims carry: adjustments of an earlier claim, notes to the member, claim-level
 * adjudication of a facility claim, the provider's account and record numbers. Drawn from a stream
 * seeded by the claim's id, so the claims' own random choices stay as they were.
 */
function claimExtras(draft: ClaimDraft, identity: EobIdentity): ClaimExtras {
  const variation = SeededRandom.fromText(`synthetic-eob-variation:${identity.id}`);
  // Stays are few and long: more of them are corrected and explained.
  const inpatient = draft.institutional?.inpatient === true;
  const adjusted = variation.chance(inpatient ? 0.4 : 0.06);
  const noted = variation.chance(inpatient ? 0.4 : 0.08);
  const amountsAtHeader = draft.institutional !== null && variation.chance(0.35);
  const providerKey = (label: string) => hashToSeed(`${label}:${draft.billingOrganization.id}:${identity.patientId}`).toString(36).toUpperCase();
  return {
    related: adjusted
      ? {
          relationship: { coding: [{ system: CODE_SYSTEMS.relatedClaimRelationship, code: 'prior', display: 'Prior Claim' }] },
          reference: { system: PAYER_IDENTIFIER_SYSTEMS.claimId, value: `${identity.claimNumber}-0` },
        }
      : null,
    note: adjusted
      ? 'This claim was corrected after it was first processed. It replaces the earlier version.'
      : noted
        ? 'The provider\'s charge was reduced to the MassHealth fee schedule. You owe only the member share shown.'
        : null,
    amountsAtHeader,
    patientAccountNumber: draft.eobType === 'pharmacy' ? null : `PA-${providerKey('account')}`,
    medicalRecordNumber: draft.eobType === 'pharmacy' ? null : `MRN-${providerKey('record')}`,
  };
}

/**
 * Claim-level network statuses: the billing provider's everywhere, the rendering provider's where
 * one renders the service, and the benefit payment status wherever the profile asks for it at the
 * claim level (institutional, pharmacy and oral claims; professional claims state it per line).
 */
function headerAdjudication(draft: ClaimDraft): object[] {
  const status = (code: string, display: string) => ({
    category: { coding: [{ system: CODE_SYSTEMS.c4bbAdjudicationDiscriminator, code, display }] },
    reason: IN_NETWORK,
  });
  const billing = status('billingnetworkstatus', 'Billing Network Status');
  const rendering = status('renderingnetworkstatus', 'Rendering Network Status');
  const benefit = status('benefitpaymentstatus', 'Benefit Payment Status');
  switch (draft.eobType) {
    case 'inpatient':
    case 'outpatient':
    case 'pharmacy':
      return [billing, benefit];
    case 'oral':
      return [billing, rendering, benefit];
    case 'professional':
    case 'vision':
      return [billing, rendering];
  }
}
