import 'server-only';

import { CODE_SYSTEMS } from './fhir-canonicals';
import type { Sensitivity } from './synthetic-record';

/**
 * The small clinical vocabulary the synthetic claims draw from.
 *
 * Diagnosis, procedure, dental, revenue and place-of-service codes are real codes of their
 * systems, grouped into encounter templates so that every claim's diagnoses fit its services
 * (an ankle sprain gets an ankle X-ray, not a colonoscopy). RxNorm concept ids are real clinical
 * drug concepts. NDC package codes have the real 11-digit (5-4-2) claim form but are
 * illustrative for this synthetic dataset: the RxNorm code is the drug's identity here.
 * Charges are plausible list prices in cents, not any fee schedule.
 */

/** CMS MS-DRG (the grouping Medicare and most Medicaid programs pay inpatient stays by). */
const MS_DRG = 'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG-Classifications-and-Software';

export interface CodedConcept {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

const concept = (system: string) => (code: string, display: string): CodedConcept => ({ system, code, display });
const icd10 = concept(CODE_SYSTEMS.icd10cm);
const cpt = concept(CODE_SYSTEMS.cpt);
const hcpcs = concept(CODE_SYSTEMS.hcpcs);
const cdt = concept(CODE_SYSTEMS.cdt);
const revenue = concept(CODE_SYSTEMS.revenueCode);
const pcs = concept(CODE_SYSTEMS.icd10pcs);
const placeOfService = concept(CODE_SYSTEMS.placeOfService);

export const PLACES_OF_SERVICE = {
  pharmacy: placeOfService('01', 'Pharmacy'),
  telehealth: placeOfService('02', "Telehealth Provided Other than in Patient's Home"),
  office: placeOfService('11', 'Office'),
  inpatientHospital: placeOfService('21', 'Inpatient Hospital'),
  outpatientHospital: placeOfService('22', 'On Campus-Outpatient Hospital'),
  emergencyRoom: placeOfService('23', 'Emergency Room - Hospital'),
  independentLaboratory: placeOfService('81', 'Independent Laboratory'),
} as const;

/** Who performs a service; the provider directory maps each role to practitioners and organizations. */
export type ProviderRole =
  | 'primary-care'
  | 'pediatrics'
  | 'emergency-medicine'
  | 'hospital-medicine'
  | 'surgery'
  | 'pathology'
  | 'psychiatry'
  | 'psychotherapy'
  | 'addiction-medicine'
  | 'addiction-counseling'
  | 'dentistry'
  | 'optometry';

export interface ServiceLineTemplate {
  /** CPT, HCPCS or CDT code; absent on institutional lines billed by revenue code alone. */
  readonly service: CodedConcept | null;
  readonly chargeCents: number;
  /** Institutional claims only. */
  readonly revenue?: CodedConcept;
  readonly units?: number;
  /** Dental lines that treat one tooth; the generator picks a tooth of the right kind. */
  readonly tooth?: 'posterior' | 'any';
  /** Line billed only some of the time (e.g. a flu shot at a check-up). */
  readonly optional?: boolean;
}

export interface EncounterTemplate {
  readonly name: string;
  /** Principal diagnosis first. */
  readonly diagnoses: readonly CodedConcept[];
  readonly lines: readonly ServiceLineTemplate[];
  readonly placeOfService: CodedConcept;
  readonly performer: ProviderRole;
  /** Inclusive age range in years at the date of service. */
  readonly ages?: readonly [number, number];
  readonly sexes?: readonly ('female' | 'male')[];
  /** Relative frequency among the templates of its kind. */
  readonly weight: number;
}

export interface InpatientTemplate extends EncounterTemplate {
  readonly lengthOfStay: readonly [number, number];
  /** The MS-DRG the stay groups to. */
  readonly drg: CodedConcept;
  readonly procedures: readonly CodedConcept[];
  readonly admissionType: 'emergency' | 'elective';
}

export interface SensitiveEncounterTemplate extends EncounterTemplate {
  /**
   * Primary care can bill it even where the plan carves behavioral health out to a partnership
   * (a PCP treating depression, office-based addiction treatment). Specialty therapy cannot.
   */
  readonly primaryCareManaged: boolean;
}

// ---------------------------------------------------------------------------------------------
// Diagnoses
// ---------------------------------------------------------------------------------------------

export const DIAGNOSES = {
  hypertension: icd10('I10', 'Essential (primary) hypertension'),
  type2Diabetes: icd10('E11.9', 'Type 2 diabetes mellitus without complications'),
  hyperlipidemia: icd10('E78.5', 'Hyperlipidemia, unspecified'),
  asthma: icd10('J45.909', 'Unspecified asthma, uncomplicated'),
  upperRespiratoryInfection: icd10('J06.9', 'Acute upper respiratory infection, unspecified'),
  acuteBronchitis: icd10('J20.9', 'Acute bronchitis, unspecified'),
  strepThroat: icd10('J02.0', 'Streptococcal pharyngitis'),
  otitisMedia: icd10('H66.90', 'Otitis media, unspecified, unspecified ear'),
  urinaryTractInfection: icd10('N39.0', 'Urinary tract infection, site not specified'),
  kneePain: icd10('M25.561', 'Pain in right knee'),
  ankleSprain: icd10('S93.401A', 'Sprain of unspecified ligament of right ankle, initial encounter'),
  abdominalPain: icd10('R10.9', 'Unspecified abdominal pain'),
  chestPain: icd10('R07.9', 'Chest pain, unspecified'),
  refluxDisease: icd10('K21.9', 'Gastro-esophageal reflux disease without esophagitis'),
  dermatitis: icd10('L30.9', 'Dermatitis, unspecified'),
  adultExam: icd10('Z00.00', 'Encounter for general adult medical examination without abnormal findings'),
  childExam: icd10('Z00.129', 'Encounter for routine child health examination without abnormal findings'),
  immunization: icd10('Z23', 'Encounter for immunization'),
  colonCancerScreening: icd10('Z12.11', 'Encounter for screening for malignant neoplasm of colon'),
  breastCancerScreening: icd10('Z12.31', 'Encounter for screening mammogram for malignant neoplasm of breast'),
  pneumonia: icd10('J18.9', 'Pneumonia, unspecified organism'),
  heartFailure: icd10('I50.9', 'Heart failure, unspecified'),
  appendicitis: icd10('K35.80', 'Unspecified acute appendicitis'),
  cellulitisLeg: icd10('L03.115', 'Cellulitis of right lower limb'),
  dentalExamNormal: icd10('Z01.20', 'Encounter for dental examination and cleaning without abnormal findings'),
  dentalExamAbnormal: icd10('Z01.21', 'Encounter for dental examination and cleaning with abnormal findings'),
  dentalCaries: icd10('K02.52', 'Dental caries on pit and fissure surface penetrating into dentin'),
  periapicalAbscess: icd10('K04.7', 'Periapical abscess without sinus'),
  gingivitis: icd10('K05.10', 'Chronic gingivitis, plaque induced'),
  eyeExamNormal: icd10('Z01.00', 'Encounter for examination of eyes and vision without abnormal findings'),
  myopia: icd10('H52.13', 'Myopia, bilateral'),
  hypermetropia: icd10('H52.03', 'Hypermetropia, bilateral'),
  astigmatism: icd10('H52.223', 'Regular astigmatism, bilateral'),
  presbyopia: icd10('H52.4', 'Presbyopia'),
} as const;

/** Behavioral-health diagnoses: ICD-10-CM chapter F outside F10–F19. */
export const BEHAVIORAL_HEALTH_DIAGNOSES = {
  depressionSingleModerate: icd10('F32.1', 'Major depressive disorder, single episode, moderate'),
  depressionRecurrentModerate: icd10('F33.1', 'Major depressive disorder, recurrent, moderate'),
  generalizedAnxiety: icd10('F41.1', 'Generalized anxiety disorder'),
  postTraumaticStress: icd10('F43.10', 'Post-traumatic stress disorder, unspecified'),
} as const;

/** Substance-use-disorder diagnoses: ICD-10-CM F10–F19 (tobacco, F17, is left out on purpose). */
export const SUBSTANCE_USE_DIAGNOSES = {
  alcoholDependence: icd10('F10.20', 'Alcohol dependence, uncomplicated'),
  alcoholAbuse: icd10('F10.10', 'Alcohol abuse, uncomplicated'),
  opioidDependence: icd10('F11.20', 'Opioid dependence, uncomplicated'),
  cocaineAbuse: icd10('F14.10', 'Cocaine abuse, uncomplicated'),
} as const;

/** The sensitivity an ICD-10-CM code implies, so that labels can be checked against diagnoses. */
export function sensitivityOfDiagnosis(icd10Code: string): Sensitivity {
  if (!icd10Code.startsWith('F')) return 'none';
  const category = Number(icd10Code.slice(1, 3));
  return category >= 10 && category <= 19 ? 'substance-use-disorder' : 'behavioral-health';
}

// ---------------------------------------------------------------------------------------------
// Procedures
// ---------------------------------------------------------------------------------------------

const SERVICES = {
  officeVisitNewModerate: cpt('99204', 'Office or other outpatient visit, new patient, moderate medical decision making'),
  officeVisitLow: cpt('99213', 'Office or other outpatient visit, established patient, low medical decision making'),
  officeVisitModerate: cpt('99214', 'Office or other outpatient visit, established patient, moderate medical decision making'),
  preventiveChild5to11: cpt('99393', 'Periodic comprehensive preventive medicine reevaluation, established patient, age 5 through 11 years'),
  preventiveChild12to17: cpt('99394', 'Periodic comprehensive preventive medicine reevaluation, established patient, age 12 through 17 years'),
  preventiveAdult18to39: cpt('99395', 'Periodic comprehensive preventive medicine reevaluation, established patient, age 18-39 years'),
  preventiveAdult40to64: cpt('99396', 'Periodic comprehensive preventive medicine reevaluation, established patient, age 40-64 years'),
  preventiveAdult65plus: cpt('99397', 'Periodic comprehensive preventive medicine reevaluation, established patient, age 65 years and older'),
  fluVaccine: cpt('90686', 'Influenza virus vaccine, quadrivalent, split virus, preservative free, 0.5 mL, for intramuscular use'),
  immunizationAdmin: cpt('90471', 'Immunization administration, one vaccine'),
  venipuncture: cpt('36415', 'Collection of venous blood by venipuncture'),
  metabolicPanel: cpt('80053', 'Comprehensive metabolic panel'),
  lipidPanel: cpt('80061', 'Lipid panel'),
  hemoglobinA1c: cpt('83036', 'Hemoglobin; glycosylated (A1C)'),
  bloodCount: cpt('85025', 'Blood count; complete (CBC), automated and automated differential WBC count'),
  urinalysis: cpt('81002', 'Urinalysis, non-automated, without microscopy'),
  rapidStrep: cpt('87880', 'Infectious agent antigen detection by immunoassay with direct optical observation; Streptococcus, group A'),
  troponin: cpt('84484', 'Troponin, quantitative'),
  chestXray: cpt('71046', 'Radiologic examination, chest; 2 views'),
  kneeXray: cpt('73562', 'Radiologic examination, knee; 3 views'),
  ankleXray: cpt('73610', 'Radiologic examination, ankle; complete, minimum of 3 views'),
  ctAbdomenPelvis: cpt('74177', 'Computed tomography, abdomen and pelvis; with contrast material(s)'),
  ekgTracing: cpt('93005', 'Electrocardiogram, routine ECG with at least 12 leads; tracing only, without interpretation and report'),
  ekgWithReport: cpt('93000', 'Electrocardiogram, routine ECG with at least 12 leads; with interpretation and report'),
  edVisitLow: cpt('99283', 'Emergency department visit, low medical decision making'),
  edVisitModerate: cpt('99284', 'Emergency department visit, moderate medical decision making'),
  colonoscopy: cpt('45378', 'Colonoscopy, flexible; diagnostic, including collection of specimen(s) by brushing or washing'),
  screeningMammogram: cpt('77067', 'Screening mammography, bilateral, including computer-aided detection when performed'),
  glucoseTestStrips: hcpcs('A4253', 'Blood glucose test or reagent strips for home blood glucose monitor, per 50 strips'),
  triamcinoloneInjection: hcpcs('J3301', 'Injection, triamcinolone acetonide, not otherwise specified, 10 mg'),
  jointInjection: cpt('20610', 'Arthrocentesis, aspiration and/or injection, major joint or bursa; without ultrasound guidance'),
  emotionalAssessment: cpt('96127', 'Brief emotional/behavioral assessment, with scoring and documentation, per standardized instrument'),
  psychiatricEvaluation: cpt('90791', 'Psychiatric diagnostic evaluation'),
  psychotherapy45: cpt('90834', 'Psychotherapy, 45 minutes with patient'),
  psychotherapy60: cpt('90837', 'Psychotherapy, 60 minutes with patient'),
  drugScreen: cpt('80305', 'Drug test(s), presumptive, any number of drug classes; read by direct optical observation only'),
  substanceUseAssessment: hcpcs('H0001', 'Alcohol and/or drug assessment'),
  substanceUseCounseling: hcpcs('H0004', 'Behavioral health counseling and therapy, per 15 minutes'),
  eyeExamEstablished: cpt('92014', 'Ophthalmological services: medical examination and evaluation, with initiation or continuation of diagnostic and treatment program; comprehensive, established patient, 1 or more visits'),
  eyeExamNew: cpt('92004', 'Ophthalmological services: medical examination and evaluation with initiation of diagnostic and treatment program; comprehensive, new patient, 1 or more visits'),
  refraction: cpt('92015', 'Determination of refractive state'),
  spectacleFrames: hcpcs('V2020', 'Frames, purchases'),
  singleVisionLens: hcpcs('V2100', 'Sphere, single vision, plano to plus or minus 4.00, per lens'),
  singleVisionToricLens: hcpcs('V2103', 'Spherocylinder, single vision, plano to plus or minus 4.00d sphere, 0.12 to 2.00d cylinder, per lens'),
  periodicOralEvaluation: cdt('D0120', 'periodic oral evaluation - established patient'),
  comprehensiveOralEvaluation: cdt('D0150', 'comprehensive oral evaluation - new or established patient'),
  fullMouthRadiographs: cdt('D0210', 'intraoral - comprehensive series of radiographic images'),
  periapicalRadiograph: cdt('D0220', 'intraoral - periapical first radiographic image'),
  bitewingsFour: cdt('D0274', 'bitewings - four radiographic images'),
  prophylaxisAdult: cdt('D1110', 'prophylaxis - adult'),
  prophylaxisChild: cdt('D1120', 'prophylaxis - child'),
  fluorideVarnish: cdt('D1206', 'topical application of fluoride varnish'),
  sealant: cdt('D1351', 'sealant - per tooth'),
  compositeOneSurfacePosterior: cdt('D2391', 'resin-based composite - one surface, posterior'),
  extractionErupted: cdt('D7140', 'extraction, erupted tooth or exposed root (elevation and/or forceps removal)'),
} as const;

const REVENUE = {
  roomAndBoardSemiPrivate: revenue('0120', 'Room & Board - Semi-Private Two Beds: General'),
  pharmacy: revenue('0250', 'Pharmacy: General'),
  laboratory: revenue('0300', 'Laboratory: General'),
  laboratoryChemistry: revenue('0301', 'Laboratory: Chemistry'),
  laboratoryHematology: revenue('0305', 'Laboratory: Hematology'),
  radiologyDiagnostic: revenue('0320', 'Radiology - Diagnostic: General'),
  chestXray: revenue('0324', 'Radiology - Diagnostic: Chest X-Ray'),
  ctBody: revenue('0352', 'CT Scan: Body Scan'),
  operatingRoom: revenue('0360', 'Operating Room Services: General'),
  anesthesia: revenue('0370', 'Anesthesia: General'),
  screeningMammography: revenue('0403', 'Other Imaging Services: Screening Mammography'),
  emergencyRoom: revenue('0450', 'Emergency Room: General'),
  echocardiology: revenue('0483', 'Cardiology: Echocardiology'),
  ekg: revenue('0730', 'EKG/ECG (Electrocardiogram): General'),
  gastrointestinal: revenue('0750', 'Gastrointestinal Services: General'),
} as const;

export const INPATIENT_PROCEDURES = {
  laparoscopicAppendectomy: pcs('0DTJ4ZZ', 'Resection of Appendix, Percutaneous Endoscopic Approach'),
} as const;

// ---------------------------------------------------------------------------------------------
// Encounter templates
// ---------------------------------------------------------------------------------------------

const LAB_DRAW = { service: SERVICES.venipuncture, chargeCents: 2_500 } as const;
const CHECKUP_FLU_SHOT: readonly ServiceLineTemplate[] = [
  { service: SERVICES.fluVaccine, chargeCents: 4_800, optional: true },
  { service: SERVICES.immunizationAdmin, chargeCents: 3_500, optional: true },
];

/** Routine office, clinic and laboratory claims (never an F-chapter diagnosis). */
export const PROFESSIONAL_TEMPLATES: readonly EncounterTemplate[] = [
  {
    name: 'upper respiratory infection visit',
    diagnoses: [DIAGNOSES.upperRespiratoryInfection],
    lines: [{ service: SERVICES.officeVisitLow, chargeCents: 16_500 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    weight: 6,
  },
  {
    name: 'acute bronchitis visit',
    diagnoses: [DIAGNOSES.acuteBronchitis],
    lines: [
      { service: SERVICES.officeVisitModerate, chargeCents: 23_500 },
      { service: SERVICES.chestXray, chargeCents: 14_000, optional: true },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    ages: [18, 120],
    weight: 3,
  },
  {
    name: 'strep throat visit',
    diagnoses: [DIAGNOSES.strepThroat],
    lines: [
      { service: SERVICES.officeVisitLow, chargeCents: 16_500 },
      { service: SERVICES.rapidStrep, chargeCents: 3_900 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'pediatrics',
    ages: [3, 17],
    weight: 4,
  },
  {
    name: 'ear infection visit',
    diagnoses: [DIAGNOSES.otitisMedia],
    lines: [{ service: SERVICES.officeVisitLow, chargeCents: 16_500 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'pediatrics',
    ages: [0, 12],
    weight: 4,
  },
  {
    name: 'urinary tract infection visit',
    diagnoses: [DIAGNOSES.urinaryTractInfection],
    lines: [
      { service: SERVICES.officeVisitLow, chargeCents: 16_500 },
      { service: SERVICES.urinalysis, chargeCents: 2_200 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    ages: [12, 120],
    weight: 3,
  },
  {
    name: 'knee pain visit',
    diagnoses: [DIAGNOSES.kneePain],
    lines: [
      { service: SERVICES.officeVisitModerate, chargeCents: 23_500 },
      { service: SERVICES.kneeXray, chargeCents: 16_000, optional: true },
      { service: SERVICES.jointInjection, chargeCents: 21_000, optional: true },
      { service: SERVICES.triamcinoloneInjection, chargeCents: 2_400, units: 4, optional: true },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    ages: [30, 120],
    weight: 2,
  },
  {
    name: 'reflux visit',
    diagnoses: [DIAGNOSES.refluxDisease],
    lines: [{ service: SERVICES.officeVisitLow, chargeCents: 16_500 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    ages: [18, 120],
    weight: 2,
  },
  {
    name: 'rash visit',
    diagnoses: [DIAGNOSES.dermatitis],
    lines: [{ service: SERVICES.officeVisitLow, chargeCents: 16_500 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    weight: 2,
  },
  {
    name: 'child well visit (5-11)',
    diagnoses: [DIAGNOSES.childExam, DIAGNOSES.immunization],
    lines: [{ service: SERVICES.preventiveChild5to11, chargeCents: 24_000 }, ...CHECKUP_FLU_SHOT],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'pediatrics',
    ages: [5, 11],
    weight: 4,
  },
  {
    name: 'adolescent well visit (12-17)',
    diagnoses: [DIAGNOSES.childExam, DIAGNOSES.immunization],
    lines: [{ service: SERVICES.preventiveChild12to17, chargeCents: 26_000 }, ...CHECKUP_FLU_SHOT],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'pediatrics',
    ages: [12, 17],
    weight: 4,
  },
  {
    name: 'adult check-up (18-39)',
    diagnoses: [DIAGNOSES.adultExam, DIAGNOSES.immunization],
    lines: [{ service: SERVICES.preventiveAdult18to39, chargeCents: 27_500 }, ...CHECKUP_FLU_SHOT, LAB_DRAW],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    ages: [18, 39],
    weight: 3,
  },
  {
    name: 'adult check-up (40-64)',
    diagnoses: [DIAGNOSES.adultExam, DIAGNOSES.immunization],
    lines: [{ service: SERVICES.preventiveAdult40to64, chargeCents: 29_500 }, ...CHECKUP_FLU_SHOT, LAB_DRAW],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    ages: [40, 64],
    weight: 3,
  },
  {
    name: 'adult check-up (65+)',
    diagnoses: [DIAGNOSES.adultExam, DIAGNOSES.immunization],
    lines: [{ service: SERVICES.preventiveAdult65plus, chargeCents: 31_000 }, ...CHECKUP_FLU_SHOT, LAB_DRAW],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    ages: [65, 120],
    weight: 3,
  },
  {
    name: 'screening labs',
    diagnoses: [DIAGNOSES.adultExam],
    lines: [
      { service: SERVICES.metabolicPanel, chargeCents: 4_600 },
      { service: SERVICES.bloodCount, chargeCents: 3_300 },
    ],
    placeOfService: PLACES_OF_SERVICE.independentLaboratory,
    performer: 'pathology',
    ages: [18, 120],
    weight: 2,
  },
];

/** The visit line of a chronic-condition follow-up; its monitoring labs come from the condition. */
export const FOLLOW_UP_VISIT_LINES: readonly ServiceLineTemplate[] = [
  { service: SERVICES.officeVisitLow, chargeCents: 16_500 },
  { service: SERVICES.officeVisitModerate, chargeCents: 23_500 },
];

export interface ChronicCondition {
  readonly key: string;
  readonly diagnosis: CodedConcept;
  /** RxNorm codes of the maintenance drugs a member with the condition fills. */
  readonly maintenanceDrugs: readonly string[];
  /** Labs ordered at a follow-up visit, sometimes. */
  readonly monitoring: readonly ServiceLineTemplate[];
  readonly minimumAge: number;
  readonly prevalence: number;
}

/** Long-term conditions give a member's history its shape: follow-up visits and monthly refills. */
export const CHRONIC_CONDITIONS: readonly ChronicCondition[] = [
  {
    key: 'hypertension',
    diagnosis: DIAGNOSES.hypertension,
    maintenanceDrugs: ['314076', '197361', '310798', '866514'],
    monitoring: [LAB_DRAW, { service: SERVICES.metabolicPanel, chargeCents: 4_600 }, { service: SERVICES.ekgWithReport, chargeCents: 6_500, optional: true }],
    minimumAge: 25,
    prevalence: 0.35,
  },
  {
    key: 'type-2-diabetes',
    diagnosis: DIAGNOSES.type2Diabetes,
    maintenanceDrugs: ['861007'],
    monitoring: [LAB_DRAW, { service: SERVICES.hemoglobinA1c, chargeCents: 4_200 }, { service: SERVICES.glucoseTestStrips, chargeCents: 3_800, optional: true }],
    minimumAge: 25,
    prevalence: 0.2,
  },
  {
    key: 'hyperlipidemia',
    diagnosis: DIAGNOSES.hyperlipidemia,
    maintenanceDrugs: ['312961'],
    monitoring: [LAB_DRAW, { service: SERVICES.lipidPanel, chargeCents: 5_400 }],
    minimumAge: 30,
    prevalence: 0.3,
  },
  {
    key: 'asthma',
    diagnosis: DIAGNOSES.asthma,
    maintenanceDrugs: ['895994'],
    monitoring: [],
    minimumAge: 4,
    prevalence: 0.15,
  },
];

export const OUTPATIENT_TEMPLATES: readonly EncounterTemplate[] = [
  {
    name: 'emergency visit for abdominal pain',
    diagnoses: [DIAGNOSES.abdominalPain],
    lines: [
      { service: SERVICES.edVisitModerate, revenue: REVENUE.emergencyRoom, chargeCents: 145_000 },
      { service: SERVICES.metabolicPanel, revenue: REVENUE.laboratoryChemistry, chargeCents: 21_000 },
      { service: SERVICES.bloodCount, revenue: REVENUE.laboratoryHematology, chargeCents: 9_500 },
      { service: SERVICES.ctAbdomenPelvis, revenue: REVENUE.ctBody, chargeCents: 310_000, optional: true },
    ],
    placeOfService: PLACES_OF_SERVICE.emergencyRoom,
    performer: 'emergency-medicine',
    ages: [12, 120],
    weight: 3,
  },
  {
    name: 'emergency visit for chest pain',
    diagnoses: [DIAGNOSES.chestPain],
    lines: [
      { service: SERVICES.edVisitModerate, revenue: REVENUE.emergencyRoom, chargeCents: 145_000 },
      { service: SERVICES.troponin, revenue: REVENUE.laboratoryChemistry, chargeCents: 12_500 },
      { service: SERVICES.ekgTracing, revenue: REVENUE.ekg, chargeCents: 18_000 },
      { service: SERVICES.chestXray, revenue: REVENUE.chestXray, chargeCents: 42_000 },
    ],
    placeOfService: PLACES_OF_SERVICE.emergencyRoom,
    performer: 'emergency-medicine',
    ages: [25, 120],
    weight: 2,
  },
  {
    name: 'emergency visit for ankle sprain',
    diagnoses: [DIAGNOSES.ankleSprain],
    lines: [
      { service: SERVICES.edVisitLow, revenue: REVENUE.emergencyRoom, chargeCents: 82_000 },
      { service: SERVICES.ankleXray, revenue: REVENUE.radiologyDiagnostic, chargeCents: 38_000 },
    ],
    placeOfService: PLACES_OF_SERVICE.emergencyRoom,
    performer: 'emergency-medicine',
    weight: 3,
  },
  {
    name: 'screening colonoscopy',
    diagnoses: [DIAGNOSES.colonCancerScreening],
    lines: [{ service: SERVICES.colonoscopy, revenue: REVENUE.gastrointestinal, chargeCents: 280_000 }],
    placeOfService: PLACES_OF_SERVICE.outpatientHospital,
    performer: 'surgery',
    ages: [45, 75],
    weight: 1,
  },
  {
    name: 'screening mammogram',
    diagnoses: [DIAGNOSES.breastCancerScreening],
    lines: [{ service: SERVICES.screeningMammogram, revenue: REVENUE.screeningMammography, chargeCents: 36_000 }],
    placeOfService: PLACES_OF_SERVICE.outpatientHospital,
    performer: 'hospital-medicine',
    ages: [40, 74],
    sexes: ['female'],
    weight: 2,
  },
];

export const INPATIENT_TEMPLATES: readonly InpatientTemplate[] = [
  {
    name: 'pneumonia admission',
    drg: { system: MS_DRG, code: '194', display: 'Simple pneumonia and pleurisy with CC' },
    diagnoses: [DIAGNOSES.pneumonia],
    procedures: [],
    admissionType: 'emergency',
    lengthOfStay: [3, 5],
    lines: [
      { service: null, revenue: REVENUE.roomAndBoardSemiPrivate, chargeCents: 310_000 },
      { service: null, revenue: REVENUE.pharmacy, chargeCents: 95_000 },
      { service: null, revenue: REVENUE.laboratory, chargeCents: 64_000 },
      { service: null, revenue: REVENUE.chestXray, chargeCents: 42_000 },
    ],
    placeOfService: PLACES_OF_SERVICE.inpatientHospital,
    performer: 'hospital-medicine',
    weight: 3,
  },
  {
    name: 'heart failure admission',
    drg: { system: MS_DRG, code: '292', display: 'Heart failure and shock with CC' },
    diagnoses: [DIAGNOSES.heartFailure, DIAGNOSES.hypertension],
    procedures: [],
    admissionType: 'emergency',
    lengthOfStay: [3, 6],
    lines: [
      { service: null, revenue: REVENUE.roomAndBoardSemiPrivate, chargeCents: 310_000 },
      { service: null, revenue: REVENUE.pharmacy, chargeCents: 120_000 },
      { service: null, revenue: REVENUE.laboratory, chargeCents: 78_000 },
      { service: null, revenue: REVENUE.ekg, chargeCents: 18_000 },
      { service: null, revenue: REVENUE.echocardiology, chargeCents: 210_000 },
    ],
    placeOfService: PLACES_OF_SERVICE.inpatientHospital,
    performer: 'hospital-medicine',
    ages: [50, 120],
    weight: 2,
  },
  {
    name: 'appendectomy admission',
    drg: { system: MS_DRG, code: '343', display: 'Appendectomy without complicated principal diagnosis without CC/MCC' },
    diagnoses: [DIAGNOSES.appendicitis],
    procedures: [INPATIENT_PROCEDURES.laparoscopicAppendectomy],
    admissionType: 'emergency',
    lengthOfStay: [1, 3],
    lines: [
      { service: null, revenue: REVENUE.roomAndBoardSemiPrivate, chargeCents: 310_000 },
      { service: null, revenue: REVENUE.operatingRoom, chargeCents: 840_000 },
      { service: null, revenue: REVENUE.anesthesia, chargeCents: 190_000 },
      { service: null, revenue: REVENUE.pharmacy, chargeCents: 70_000 },
      { service: null, revenue: REVENUE.laboratory, chargeCents: 45_000 },
    ],
    placeOfService: PLACES_OF_SERVICE.inpatientHospital,
    performer: 'surgery',
    ages: [5, 120],
    weight: 1,
  },
  {
    name: 'cellulitis admission',
    drg: { system: MS_DRG, code: '603', display: 'Cellulitis without MCC' },
    diagnoses: [DIAGNOSES.cellulitisLeg],
    procedures: [],
    admissionType: 'emergency',
    lengthOfStay: [2, 4],
    lines: [
      { service: null, revenue: REVENUE.roomAndBoardSemiPrivate, chargeCents: 310_000 },
      { service: null, revenue: REVENUE.pharmacy, chargeCents: 88_000 },
      { service: null, revenue: REVENUE.laboratory, chargeCents: 39_000 },
    ],
    placeOfService: PLACES_OF_SERVICE.inpatientHospital,
    performer: 'hospital-medicine',
    ages: [18, 120],
    weight: 2,
  },
];

export const ORAL_TEMPLATES: readonly EncounterTemplate[] = [
  {
    name: 'adult cleaning and exam',
    diagnoses: [DIAGNOSES.dentalExamNormal],
    lines: [
      { service: SERVICES.periodicOralEvaluation, chargeCents: 6_500 },
      { service: SERVICES.prophylaxisAdult, chargeCents: 11_000 },
      { service: SERVICES.bitewingsFour, chargeCents: 7_500, optional: true },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'dentistry',
    ages: [14, 120],
    weight: 8,
  },
  {
    name: 'child cleaning, exam and fluoride',
    diagnoses: [DIAGNOSES.dentalExamNormal],
    lines: [
      { service: SERVICES.periodicOralEvaluation, chargeCents: 6_000 },
      { service: SERVICES.prophylaxisChild, chargeCents: 8_000 },
      { service: SERVICES.fluorideVarnish, chargeCents: 4_500 },
      { service: SERVICES.sealant, chargeCents: 5_500, tooth: 'posterior', optional: true },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'dentistry',
    ages: [1, 13],
    weight: 8,
  },
  {
    name: 'comprehensive exam with full-mouth X-rays',
    diagnoses: [DIAGNOSES.dentalExamAbnormal, DIAGNOSES.gingivitis],
    lines: [
      { service: SERVICES.comprehensiveOralEvaluation, chargeCents: 9_500 },
      { service: SERVICES.fullMouthRadiographs, chargeCents: 15_000 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'dentistry',
    ages: [6, 120],
    weight: 2,
  },
  {
    name: 'filling',
    diagnoses: [DIAGNOSES.dentalCaries],
    lines: [{ service: SERVICES.compositeOneSurfacePosterior, chargeCents: 19_500, tooth: 'posterior' }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'dentistry',
    ages: [6, 120],
    weight: 3,
  },
  {
    name: 'extraction',
    diagnoses: [DIAGNOSES.periapicalAbscess],
    lines: [
      { service: SERVICES.periapicalRadiograph, chargeCents: 3_500 },
      { service: SERVICES.extractionErupted, chargeCents: 21_000, tooth: 'any' },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'dentistry',
    ages: [14, 120],
    weight: 1,
  },
];

export const VISION_TEMPLATES: readonly EncounterTemplate[] = [
  {
    name: 'eye exam and refraction (myopia)',
    diagnoses: [DIAGNOSES.myopia],
    lines: [
      { service: SERVICES.eyeExamEstablished, chargeCents: 17_500 },
      { service: SERVICES.refraction, chargeCents: 4_500 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'optometry',
    weight: 4,
  },
  {
    name: 'new-patient eye exam (hyperopia)',
    diagnoses: [DIAGNOSES.hypermetropia, DIAGNOSES.astigmatism],
    lines: [
      { service: SERVICES.eyeExamNew, chargeCents: 21_000 },
      { service: SERVICES.refraction, chargeCents: 4_500 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'optometry',
    weight: 2,
  },
  {
    name: 'eye exam (presbyopia)',
    diagnoses: [DIAGNOSES.presbyopia],
    lines: [
      { service: SERVICES.eyeExamEstablished, chargeCents: 17_500 },
      { service: SERVICES.refraction, chargeCents: 4_500 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'optometry',
    ages: [40, 120],
    weight: 2,
  },
  {
    name: 'eyeglasses',
    diagnoses: [DIAGNOSES.myopia, DIAGNOSES.astigmatism],
    lines: [
      { service: SERVICES.spectacleFrames, chargeCents: 9_000 },
      { service: SERVICES.singleVisionToricLens, chargeCents: 6_500, units: 2 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'optometry',
    weight: 3,
  },
  {
    name: 'eyeglasses (sphere lenses)',
    diagnoses: [DIAGNOSES.myopia],
    lines: [
      { service: SERVICES.spectacleFrames, chargeCents: 9_000 },
      { service: SERVICES.singleVisionLens, chargeCents: 5_000, units: 2 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'optometry',
    weight: 2,
  },
];

export const BEHAVIORAL_HEALTH_TEMPLATES: readonly SensitiveEncounterTemplate[] = [
  {
    name: 'primary care depression follow-up',
    diagnoses: [BEHAVIORAL_HEALTH_DIAGNOSES.depressionSingleModerate],
    lines: [
      { service: SERVICES.officeVisitModerate, chargeCents: 23_500 },
      { service: SERVICES.emotionalAssessment, chargeCents: 1_500 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    primaryCareManaged: true,
    weight: 3,
  },
  {
    name: 'primary care anxiety follow-up',
    diagnoses: [BEHAVIORAL_HEALTH_DIAGNOSES.generalizedAnxiety],
    lines: [{ service: SERVICES.officeVisitLow, chargeCents: 16_500 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'primary-care',
    primaryCareManaged: true,
    weight: 2,
  },
  {
    name: 'psychiatric diagnostic evaluation',
    diagnoses: [BEHAVIORAL_HEALTH_DIAGNOSES.depressionRecurrentModerate, BEHAVIORAL_HEALTH_DIAGNOSES.generalizedAnxiety],
    lines: [{ service: SERVICES.psychiatricEvaluation, chargeCents: 32_000 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'psychiatry',
    primaryCareManaged: false,
    weight: 1,
  },
  {
    name: 'psychotherapy, 45 minutes',
    diagnoses: [BEHAVIORAL_HEALTH_DIAGNOSES.generalizedAnxiety],
    lines: [{ service: SERVICES.psychotherapy45, chargeCents: 15_500 }],
    placeOfService: PLACES_OF_SERVICE.telehealth,
    performer: 'psychotherapy',
    primaryCareManaged: false,
    weight: 3,
  },
  {
    name: 'psychotherapy, 60 minutes',
    diagnoses: [BEHAVIORAL_HEALTH_DIAGNOSES.postTraumaticStress],
    lines: [{ service: SERVICES.psychotherapy60, chargeCents: 19_500 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'psychotherapy',
    primaryCareManaged: false,
    weight: 2,
  },
];

export const SUBSTANCE_USE_TEMPLATES: readonly SensitiveEncounterTemplate[] = [
  {
    name: 'office-based opioid treatment visit',
    diagnoses: [SUBSTANCE_USE_DIAGNOSES.opioidDependence],
    lines: [
      { service: SERVICES.officeVisitModerate, chargeCents: 23_500 },
      { service: SERVICES.drugScreen, chargeCents: 4_800 },
    ],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'addiction-medicine',
    primaryCareManaged: true,
    weight: 4,
  },
  {
    name: 'alcohol use disorder follow-up',
    diagnoses: [SUBSTANCE_USE_DIAGNOSES.alcoholDependence],
    lines: [{ service: SERVICES.officeVisitLow, chargeCents: 16_500 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'addiction-medicine',
    primaryCareManaged: true,
    weight: 2,
  },
  {
    name: 'substance use assessment',
    diagnoses: [SUBSTANCE_USE_DIAGNOSES.alcoholAbuse, SUBSTANCE_USE_DIAGNOSES.cocaineAbuse],
    lines: [{ service: SERVICES.substanceUseAssessment, chargeCents: 18_000 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'addiction-counseling',
    primaryCareManaged: false,
    weight: 1,
  },
  {
    name: 'substance use counseling',
    diagnoses: [SUBSTANCE_USE_DIAGNOSES.opioidDependence],
    lines: [{ service: SERVICES.substanceUseCounseling, chargeCents: 3_800, units: 4 }],
    placeOfService: PLACES_OF_SERVICE.office,
    performer: 'addiction-counseling',
    primaryCareManaged: false,
    weight: 2,
  },
];

// ---------------------------------------------------------------------------------------------
// Covered outpatient drugs
// ---------------------------------------------------------------------------------------------

export interface CoveredDrug {
  /** RxNorm clinical drug (SCD) concept. */
  readonly rxnorm: string;
  readonly name: string;
  /** 11-digit NDC (5-4-2, no hyphens), as pharmacy claims carry it. Illustrative, see above. */
  readonly ndc: string;
  readonly brandName: string | null;
  readonly drugClass: string;
  readonly doseForm: string;
  readonly quantityPerFill: number;
  readonly daysSupply: number;
  readonly pharmacyChargeCents: number;
  readonly sensitivity: Sensitivity;
  /** Diagnosis a sensitive fill carries (NCPDP 424-DO), which is what makes the fill sensitive. */
  readonly indication: CodedConcept | null;
  /** Prescribed briefly (antibiotics) rather than refilled month after month. */
  readonly acute: boolean;
  /** Youngest age, in years, the drug is dispensed to in this dataset. */
  readonly minimumAge: number;
}

type DrugDefaults = 'acute' | 'sensitivity' | 'indication' | 'minimumAge';
const drug = (d: Omit<CoveredDrug, DrugDefaults> & Partial<Pick<CoveredDrug, DrugDefaults>>): CoveredDrug => ({
  acute: false,
  sensitivity: 'none',
  indication: null,
  minimumAge: 0,
  ...d,
});

export const COVERED_DRUGS: readonly CoveredDrug[] = [
  drug({ rxnorm: '314076', name: 'lisinopril 10 MG Oral Tablet', ndc: '00093111310', brandName: null, drugClass: 'ACE inhibitor', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_200 }),
  drug({ rxnorm: '314077', name: 'lisinopril 20 MG Oral Tablet', ndc: '00093111410', brandName: null, drugClass: 'ACE inhibitor', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_400 }),
  drug({ rxnorm: '197361', name: 'amlodipine 5 MG Oral Tablet', ndc: '68180072009', brandName: null, drugClass: 'Calcium channel blocker', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_100 }),
  drug({ rxnorm: '310798', name: 'hydrochlorothiazide 25 MG Oral Tablet', ndc: '16729018201', brandName: null, drugClass: 'Thiazide diuretic', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 900 }),
  drug({ rxnorm: '866514', name: 'metoprolol tartrate 50 MG Oral Tablet', ndc: '57664050752', brandName: null, drugClass: 'Beta blocker', doseForm: 'Oral Tablet', quantityPerFill: 60, daysSupply: 30, pharmacyChargeCents: 1_300 }),
  drug({ rxnorm: '866924', name: 'metoprolol tartrate 25 MG Oral Tablet', ndc: '57664047752', brandName: null, drugClass: 'Beta blocker', doseForm: 'Oral Tablet', quantityPerFill: 60, daysSupply: 30, pharmacyChargeCents: 1_200 }),
  drug({ rxnorm: '866427', name: '24 HR metoprolol succinate 25 MG Extended Release Oral Tablet', ndc: '62037083130', brandName: null, drugClass: 'Beta blocker', doseForm: 'Extended Release Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 2_100 }),
  drug({ rxnorm: '197381', name: 'atenolol 50 MG Oral Tablet', ndc: '00378021801', brandName: null, drugClass: 'Beta blocker', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_000 }),
  drug({ rxnorm: '200031', name: 'carvedilol 6.25 MG Oral Tablet', ndc: '68382009305', brandName: null, drugClass: 'Beta blocker', doseForm: 'Oral Tablet', quantityPerFill: 60, daysSupply: 30, pharmacyChargeCents: 1_500 }),
  drug({ rxnorm: '312961', name: 'simvastatin 20 MG Oral Tablet', ndc: '16714068302', brandName: null, drugClass: 'HMG-CoA reductase inhibitor (statin)', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_300 }),
  drug({ rxnorm: '861007', name: 'metformin hydrochloride 500 MG Oral Tablet', ndc: '65862000801', brandName: null, drugClass: 'Biguanide', doseForm: 'Oral Tablet', quantityPerFill: 60, daysSupply: 30, pharmacyChargeCents: 1_100 }),
  drug({ rxnorm: '895994', name: '120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler', ndc: '00173071820', brandName: 'Flovent HFA', drugClass: 'Inhaled corticosteroid', doseForm: 'Metered Dose Inhaler', quantityPerFill: 1, daysSupply: 30, pharmacyChargeCents: 21_500 }),
  drug({ rxnorm: '313782', name: 'acetaminophen 325 MG Oral Tablet', ndc: '00904198261', brandName: null, drugClass: 'Analgesic', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 10, pharmacyChargeCents: 600, acute: true }),
  drug({ rxnorm: '308191', name: 'amoxicillin 500 MG Oral Capsule', ndc: '65862001705', brandName: null, drugClass: 'Penicillin antibiotic', doseForm: 'Oral Capsule', quantityPerFill: 30, daysSupply: 10, pharmacyChargeCents: 1_400, acute: true }),
  drug({ rxnorm: '308192', name: 'amoxicillin 500 MG Oral Tablet', ndc: '65862001520', brandName: null, drugClass: 'Penicillin antibiotic', doseForm: 'Oral Tablet', quantityPerFill: 20, daysSupply: 10, pharmacyChargeCents: 1_500, acute: true }),
  drug({ rxnorm: '308460', name: 'azithromycin 250 MG Oral Tablet', ndc: '59762314001', brandName: null, drugClass: 'Macrolide antibiotic', doseForm: 'Oral Tablet', quantityPerFill: 6, daysSupply: 5, pharmacyChargeCents: 1_900, acute: true }),
  drug({ rxnorm: '309114', name: 'cephalexin 500 MG Oral Capsule', ndc: '68180012202', brandName: null, drugClass: 'Cephalosporin antibiotic', doseForm: 'Oral Capsule', quantityPerFill: 28, daysSupply: 7, pharmacyChargeCents: 1_700, acute: true }),
  drug({ rxnorm: '636676', name: 'varenicline 1 MG Oral Tablet', ndc: '00069046956', brandName: 'Chantix', drugClass: 'Smoking cessation aid', doseForm: 'Oral Tablet', quantityPerFill: 56, daysSupply: 28, pharmacyChargeCents: 48_000, acute: true, minimumAge: 18 }),
  // Behavioral health: antidepressants and related agents.
  drug({ rxnorm: '312940', name: 'sertraline 25 MG Oral Tablet', ndc: '16714061101', brandName: null, drugClass: 'SSRI antidepressant', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_200, sensitivity: 'behavioral-health', indication: BEHAVIORAL_HEALTH_DIAGNOSES.generalizedAnxiety }),
  drug({ rxnorm: '312941', name: 'sertraline 50 MG Oral Tablet', ndc: '16714061201', brandName: null, drugClass: 'SSRI antidepressant', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_300, sensitivity: 'behavioral-health', indication: BEHAVIORAL_HEALTH_DIAGNOSES.depressionSingleModerate }),
  drug({ rxnorm: '310384', name: 'fluoxetine 10 MG Oral Capsule', ndc: '00093719756', brandName: null, drugClass: 'SSRI antidepressant', doseForm: 'Oral Capsule', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_200, sensitivity: 'behavioral-health', indication: BEHAVIORAL_HEALTH_DIAGNOSES.generalizedAnxiety }),
  drug({ rxnorm: '310385', name: 'fluoxetine 20 MG Oral Capsule', ndc: '00777310502', brandName: 'Prozac', drugClass: 'SSRI antidepressant', doseForm: 'Oral Capsule', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_300, sensitivity: 'behavioral-health', indication: BEHAVIORAL_HEALTH_DIAGNOSES.depressionRecurrentModerate }),
  drug({ rxnorm: '349332', name: 'escitalopram 10 MG Oral Tablet', ndc: '16729016901', brandName: null, drugClass: 'SSRI antidepressant', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_400, sensitivity: 'behavioral-health', indication: BEHAVIORAL_HEALTH_DIAGNOSES.depressionSingleModerate }),
  drug({ rxnorm: '993541', name: '24 HR bupropion hydrochloride 150 MG Extended Release Oral Tablet', ndc: '00591354330', brandName: null, drugClass: 'Atypical antidepressant', doseForm: 'Extended Release Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 2_600, sensitivity: 'behavioral-health', indication: BEHAVIORAL_HEALTH_DIAGNOSES.depressionRecurrentModerate }),
  drug({ rxnorm: '993557', name: '24 HR bupropion hydrochloride 300 MG Extended Release Oral Tablet', ndc: '00591354430', brandName: null, drugClass: 'Atypical antidepressant', doseForm: 'Extended Release Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 3_100, sensitivity: 'behavioral-health', indication: BEHAVIORAL_HEALTH_DIAGNOSES.depressionRecurrentModerate }),
  drug({ rxnorm: '856377', name: 'trazodone hydrochloride 50 MG Oral Tablet', ndc: '50111056001', brandName: null, drugClass: 'Serotonin modulator antidepressant', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 1_000, sensitivity: 'behavioral-health', indication: BEHAVIORAL_HEALTH_DIAGNOSES.postTraumaticStress }),
  // Substance use disorder: medications for opioid and alcohol use disorder.
  drug({ rxnorm: '1010604', name: 'buprenorphine 8 MG / naloxone 2 MG Sublingual Film', ndc: '12496120803', brandName: 'Suboxone', drugClass: 'Opioid partial agonist (opioid use disorder)', doseForm: 'Sublingual Film', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 52_000, sensitivity: 'substance-use-disorder', indication: SUBSTANCE_USE_DIAGNOSES.opioidDependence }),
  drug({ rxnorm: '1010600', name: 'buprenorphine 2 MG / naloxone 0.5 MG Sublingual Film', ndc: '12496120203', brandName: 'Suboxone', drugClass: 'Opioid partial agonist (opioid use disorder)', doseForm: 'Sublingual Film', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 29_000, sensitivity: 'substance-use-disorder', indication: SUBSTANCE_USE_DIAGNOSES.opioidDependence }),
  drug({ rxnorm: '1483744', name: 'naltrexone hydrochloride 50 MG Oral Tablet', ndc: '00406117003', brandName: null, drugClass: 'Opioid antagonist (alcohol or opioid use disorder)', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 6_200, sensitivity: 'substance-use-disorder', indication: SUBSTANCE_USE_DIAGNOSES.alcoholDependence }),
  drug({ rxnorm: '835726', name: 'acamprosate calcium 333 MG Delayed Release Oral Tablet', ndc: '68084037201', brandName: null, drugClass: 'Alcohol use disorder agent', doseForm: 'Delayed Release Oral Tablet', quantityPerFill: 180, daysSupply: 30, pharmacyChargeCents: 9_800, sensitivity: 'substance-use-disorder', indication: SUBSTANCE_USE_DIAGNOSES.alcoholDependence }),
  drug({ rxnorm: '197623', name: 'disulfiram 250 MG Oral Tablet', ndc: '00054035325', brandName: null, drugClass: 'Alcohol use disorder agent', doseForm: 'Oral Tablet', quantityPerFill: 30, daysSupply: 30, pharmacyChargeCents: 5_400, sensitivity: 'substance-use-disorder', indication: SUBSTANCE_USE_DIAGNOSES.alcoholDependence }),
];

const DRUGS_BY_RXNORM = new Map(COVERED_DRUGS.map((d) => [d.rxnorm, d]));

export function coveredDrug(rxnorm: string): CoveredDrug {
  const found = DRUGS_BY_RXNORM.get(rxnorm);
  if (!found) throw new Error(`RxNorm ${rxnorm} is not in the covered drug vocabulary`);
  return found;
}

/** Short-course prescriptions a routine visit may lead to. */
export const ACUTE_DRUGS: readonly CoveredDrug[] = COVERED_DRUGS.filter((d) => d.acute && d.sensitivity === 'none');
export const BEHAVIORAL_HEALTH_DRUGS: readonly CoveredDrug[] = COVERED_DRUGS.filter((d) => d.sensitivity === 'behavioral-health');
export const SUBSTANCE_USE_DRUGS: readonly CoveredDrug[] = COVERED_DRUGS.filter((d) => d.sensitivity === 'substance-use-disorder');
