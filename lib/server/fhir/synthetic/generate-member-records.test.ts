import 'server-only';

import { describe, expect, it } from 'vitest';

import { dayNumber } from './calendar-date';
import { sensitivityOfDiagnosis } from './clinical-vocabulary';
import { CARIN_BB_PROFILE_URLS, CODE_SYSTEMS, versionedProfile } from './fhir-canonicals';
import { FHIR_ID_PATTERN, generateMemberRecords, memberResourcePrefix } from './generate-member-records';
import { demoMemberInput, demoMemberInputs } from './demo-member-inputs.test-support';
import { generateSharedRecords } from './shared-records';
import type { SyntheticMemberInput, SyntheticRecord } from './synthetic-record';

const TODAY = '2026-03-31';

const MARIA = '100000000001';
const LINH = '100000000005';
const HAROLD = '100000000008';
const JOSE = '100000000012';
const SAMUEL = '100000000015';
const FATIMA = '100000000016';

interface Coding {
  system: string;
  code: string;
}
interface Money {
  value: number;
}
interface Adjudication {
  category: { coding: Coding[] };
  amount?: Money;
}
interface EobJson {
  id: string;
  meta: { lastUpdated: string; profile: string[]; security?: Coding[] };
  type: { coding: Coding[] };
  billablePeriod: { start: string; end: string };
  created: string;
  provider: { reference: string };
  insurance: { coverage: { reference: string } }[];
  diagnosis?: { diagnosisCodeableConcept: { coding: Coding[] } }[];
  item: { servicedDate: string; productOrService: { coding: Coding[] }; adjudication: Adjudication[] }[];
  adjudication?: Adjudication[];
  total: Adjudication[];
  payment: { amount: Money; date: string };
}

const eob = (record: SyntheticRecord) => record.resource as unknown as EobJson;
const eobsOf = (records: SyntheticRecord[]) => records.filter((r) => r.resourceType === 'ExplanationOfBenefit');
const diagnosisCodes = (record: SyntheticRecord) =>
  (eob(record).diagnosis ?? []).map((d) => d.diagnosisCodeableConcept.coding[0].code);
const securityCodes = (record: SyntheticRecord) => (eob(record).meta.security ?? []).map((c) => c.code);
/** Every date on which a service of the claim happened. */
const serviceDates = (record: SyntheticRecord) => {
  const resource = eob(record);
  return [resource.billablePeriod.start, resource.billablePeriod.end, ...resource.item.map((i) => i.servicedDate)];
};
const centsOf = (entries: Adjudication[], code: string) => {
  const entry = entries.find((e) => e.category.coding[0].code === code);
  if (!entry?.amount) throw new Error(`No ${code} amount`);
  return Math.round(entry.amount.value * 100);
};

const inputs = demoMemberInputs(TODAY);
const recordsByMember = new Map(inputs.map((input) => [input.memberId, generateMemberRecords(input)]));
const memberRecords = (memberId: string) => recordsByMember.get(memberId)!;
const allMemberRecords = [...recordsByMember.values()].flat();
const sharedRecords = generateSharedRecords();

/** Days on which a claim may fall: inside a span (or the profile's earlier period), up to today and death. */
function claimableRanges(input: SyntheticMemberInput): [string, string][] {
  const cap = input.deceasedDate && input.deceasedDate < input.today ? input.deceasedDate : input.today;
  const ranges: [string, string][] = input.spans.map((s) => [s.start, s.end === null || s.end > cap ? cap : s.end]);
  const earlier = input.profile?.preEnrollmentClaims;
  if (earlier) ranges.push([earlier.from, earlier.to]);
  return ranges;
}

/** The plan a Coverage's class names (its `plan` class; the `group` class is the program). */
function planClass(record: { resource: object }): string {
  const classes = (record.resource as { class: { type: { coding: { code: string }[] }; value: string }[] }).class;
  return classes.find((c) => c.type.coding[0].code === 'plan')!.value;
}

describe('generateMemberRecords', () => {
  it('gives byte-identical output for the same input', () => {
    for (const input of inputs) {
      const again = generateMemberRecords(structuredClone(input));
      expect(again).toEqual(memberRecords(input.memberId));
      expect(JSON.stringify(again)).toBe(JSON.stringify(memberRecords(input.memberId)));
    }
    expect(JSON.stringify(generateSharedRecords())).toBe(JSON.stringify(sharedRecords));
  });

  it('gives different histories to different members, even twins with the same birth date and address', () => {
    const ava = eobsOf(memberRecords('100000000013')).map((r) => ({ ...eob(r), id: '', insurance: [] }));
    const mia = eobsOf(memberRecords('100000000014')).map((r) => ({ ...eob(r), id: '', insurance: [] }));
    expect(ava.length).toBeGreaterThan(0);
    expect(JSON.stringify(ava)).not.toBe(JSON.stringify(mia));
    expect(eobsOf(memberRecords(MARIA)).map((r) => r.serviceDate)).not.toEqual(
      eobsOf(memberRecords(FATIMA)).map((r) => r.serviceDate),
    );
  });

  it('dates every service inside an enrolled span (or the earlier payer period), never after today or death', () => {
    let checked = 0;
    for (const input of inputs) {
      const ranges = claimableRanges(input);
      for (const record of eobsOf(memberRecords(input.memberId))) {
        for (const date of serviceDates(record)) {
          expect(date <= TODAY, `${record.id} on ${date}`).toBe(true);
          expect(ranges.some(([from, to]) => date >= from && date <= to), `${record.id} on ${date}`).toBe(true);
          checked++;
        }
        expect(eob(record).created <= TODAY).toBe(true);
        expect(eob(record).created >= record.serviceDate!).toBe(true);
        expect(record.lastUpdated.slice(0, 10) <= TODAY).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('gives Samuel claims in both spans and none in the gap between them', () => {
    const dates = eobsOf(memberRecords(SAMUEL)).flatMap(serviceDates);
    expect(dates.some((d) => d >= '2016-03-01' && d <= '2019-12-31')).toBe(true);
    expect(dates.some((d) => d >= '2022-05-01')).toBe(true);
    expect(dates.filter((d) => d > '2019-12-31' && d < '2022-05-01')).toEqual([]);
    expect(dates.filter((d) => d < '2016-03-01')).toEqual([]);
  });

  it('keeps claims from before 2016 in Maria’s source data, and gives her behavioral-health claims after 2016', () => {
    const eobs = eobsOf(memberRecords(MARIA));
    expect(eobs.filter((r) => r.serviceDate! < '2016-01-01').length).toBeGreaterThan(5);
    const behavioral = eobs.filter((r) => r.sensitivity === 'behavioral-health');
    expect(behavioral).toHaveLength(6);
    for (const record of behavioral) {
      expect(record.serviceDate! >= '2016-01-01').toBe(true);
      expect(diagnosisCodes(record).some((code) => /^F(?!1\d)/.test(code))).toBe(true);
      expect(securityCodes(record)).toEqual(expect.arrayContaining(['PSY', 'BH']));
    }
    expect(eobs.length).toBeGreaterThanOrEqual(60);
    expect(eobs.length).toBeLessThanOrEqual(160);
  });

  it('bills Maria’s behavioral health through primary care only, since her plan carves it out to MBHP', () => {
    const visits = eobsOf(memberRecords(MARIA)).filter(
      (r) => r.sensitivity === 'behavioral-health' && r.eobType === 'professional',
    );
    const specialtyCodes = ['90791', '90834', '90837'];
    for (const record of visits) {
      const codes = eob(record).item.map((i) => i.productOrService.coding[0].code);
      expect(codes.filter((c) => specialtyCodes.includes(c))).toEqual([]);
    }
  });

  it('holds José’s claims from an earlier payer period, under a Coverage that ends before his enrollment', () => {
    const records = memberRecords(JOSE);
    const early = eobsOf(records).filter((r) => r.serviceDate! < '2021-09-01');
    expect(early.length).toBeGreaterThan(5);
    const earlyCoverage = new Set(early.map((r) => eob(r).insurance[0].coverage.reference));
    expect(earlyCoverage).toEqual(new Set([`Coverage/${memberResourcePrefix('pat-100000000012')}-coverage-earlier`]));
    const coverage = records.find((r) => `Coverage/${r.id}` === [...earlyCoverage][0])!.resource as {
      period: { start: string; end: string };
    };
    expect(coverage.period).toEqual({ start: '2019-03-01', end: '2021-08-31' });
    // In his managed-care (ACPP) span the payer holds only dental and vision.
    const enrolled = eobsOf(records).filter((r) => r.serviceDate! >= '2021-09-01');
    expect(enrolled.length).toBeGreaterThan(0);
    expect(new Set(enrolled.map((r) => r.eobType))).toEqual(new Set(['oral', 'vision']));
  });

  it('gives Fatima both behavioral-health and substance-use-disorder claims, labelled and coded', () => {
    const eobs = eobsOf(memberRecords(FATIMA));
    const behavioral = eobs.filter((r) => r.sensitivity === 'behavioral-health');
    const substance = eobs.filter((r) => r.sensitivity === 'substance-use-disorder');
    expect(behavioral).toHaveLength(5);
    expect(substance).toHaveLength(6);
    for (const record of substance) {
      expect(diagnosisCodes(record).some((code) => /^F1\d/.test(code))).toBe(true);
      expect(securityCodes(record)).toEqual(expect.arrayContaining(['SUD', 'ETH', 'R']));
      expect(eob(record).meta.security!.every((c) => c.system.startsWith('http://terminology.hl7.org/CodeSystem/v3-'))).toBe(true);
    }
  });

  it('labels exactly the claims whose diagnoses are sensitive, for every member', () => {
    for (const record of eobsOf(allMemberRecords)) {
      const implied = new Set(diagnosisCodes(record).map(sensitivityOfDiagnosis));
      implied.delete('none');
      expect([...implied], record.id).toEqual(record.sensitivity === 'none' ? [] : [record.sensitivity]);
      expect(securityCodes(record).length > 0, record.id).toBe(record.sensitivity !== 'none');
    }
  });

  it('gives Linh (managed care) only dental and vision claims, on the matching CARIN profiles', () => {
    const eobs = eobsOf(memberRecords(LINH));
    expect(eobs.length).toBeGreaterThan(5);
    expect(new Set(eobs.map((r) => r.eobType))).toEqual(new Set(['oral', 'vision']));
    for (const record of eobs) {
      const resource = eob(record);
      const claimType = resource.type.coding.find((c) => c.system === CODE_SYSTEMS.claimType)!.code;
      if (record.eobType === 'oral') {
        expect(resource.meta.profile).toEqual([versionedProfile(CARIN_BB_PROFILE_URLS.oral)]);
        expect(claimType).toBe('oral');
        expect(resource.item.every((i) => i.productOrService.coding[0].system === CODE_SYSTEMS.cdt)).toBe(true);
      } else {
        expect(resource.meta.profile).toEqual([versionedProfile(CARIN_BB_PROFILE_URLS.professionalNonClinician)]);
        expect(claimType).toBe('vision');
      }
    }
  });

  it('holds only dental and vision claims in every managed-care span, for every member', () => {
    let checked = 0;
    for (const input of inputs) {
      const records = memberRecords(input.memberId);
      const managedCoverage = new Set(
        records
          .filter((r) => r.resourceType === 'Coverage')
          .filter((r) => input.plans[planClass(r)]?.managedCare)
          .map((r) => `Coverage/${r.id}`),
      );
      for (const record of eobsOf(records)) {
        if (!managedCoverage.has(eob(record).insurance[0].coverage.reference)) continue;
        expect(['oral', 'vision'], record.id).toContain(record.eobType);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('stops a deceased member’s claims at the date of death', () => {
    const harold = demoMemberInput(HAROLD, TODAY);
    const eobs = eobsOf(memberRecords(HAROLD));
    expect(eobs.length).toBeGreaterThan(0);
    expect(eobs.flatMap(serviceDates).every((d) => d <= harold.deceasedDate!)).toBe(true);
  });

  it('gives a fee-for-service history the usual mix of claim types and code systems', () => {
    const eobs = eobsOf(memberRecords(MARIA)).concat(eobsOf(memberRecords(SAMUEL)), eobsOf(memberRecords('100000000006')));
    expect(new Set(eobs.map((r) => r.eobType))).toEqual(
      new Set(['professional', 'pharmacy', 'outpatient', 'inpatient', 'oral', 'vision']),
    );
    const systems = new Set(eobs.flatMap((r) => eob(r).item.map((i) => i.productOrService.coding[0].system)));
    for (const system of [CODE_SYSTEMS.cpt, CODE_SYSTEMS.ndc, CODE_SYSTEMS.cdt, CODE_SYSTEMS.hcpcs]) {
      expect(systems).toContain(system);
    }
  });

  it('resolves every reference to a generated record', () => {
    const known = new Set([...allMemberRecords, ...sharedRecords].map((r) => `${r.resourceType}/${r.id}`));
    const references: string[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'reference' && typeof inner === 'string') references.push(inner);
          else collect(inner);
        }
      }
    };
    allMemberRecords.forEach((r) => collect(r.resource));
    expect(references.length).toBeGreaterThan(5000);
    expect(references.filter((ref) => !known.has(ref))).toEqual([]);
    const kinds = new Set(references.map((ref) => ref.split('/')[0]));
    expect(kinds).toEqual(new Set(['Patient', 'Coverage', 'Organization', 'Practitioner']));
  });

  it('uses valid FHIR ids, unique across all members and the shared directory', () => {
    const all = [...allMemberRecords, ...sharedRecords];
    for (const record of all) {
      expect(record.id, record.id).toMatch(FHIR_ID_PATTERN);
      expect((record.resource as { id: string }).id).toBe(record.id);
    }
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('keeps amounts consistent on every line and in the totals', () => {
    let atClaimLevel = 0;
    for (const record of eobsOf(allMemberRecords)) {
      const resource = eob(record);
      const sums = { submitted: 0, eligible: 0, paidtoprovider: 0, memberliability: 0 };
      // A facility claim adjudicated as a whole carries its amounts at the claim level instead (never both).
      if (resource.item.every((line) => line.adjudication === undefined)) {
        atClaimLevel++;
        expect(record.eobType === 'inpatient' || record.eobType === 'outpatient', record.id).toBe(true);
        for (const code of Object.keys(sums)) expect(centsOf(resource.adjudication!, code), `${record.id} ${code}`).toBe(centsOf(resource.total, code));
        continue;
      }
      for (const line of resource.item) {
        const submitted = centsOf(line.adjudication, 'submitted');
        const eligible = centsOf(line.adjudication, 'eligible');
        const paid = centsOf(line.adjudication, 'paidtoprovider');
        const liability = centsOf(line.adjudication, 'memberliability');
        expect(paid).toBeGreaterThanOrEqual(0);
        expect(paid).toBeLessThanOrEqual(eligible);
        expect(eligible).toBeLessThanOrEqual(submitted);
        expect(paid + liability).toBe(eligible);
        expect(centsOf(line.adjudication, 'discount')).toBe(submitted - eligible);
        sums.submitted += submitted;
        sums.eligible += eligible;
        sums.paidtoprovider += paid;
        sums.memberliability += liability;
      }
      for (const [code, sum] of Object.entries(sums)) expect(centsOf(resource.total, code), `${record.id} ${code}`).toBe(sum);
      expect(Math.round(resource.payment.amount.value * 100)).toBe(sums.paidtoprovider);
    }
    expect(atClaimLevel).toBeGreaterThan(0);
  });

  it('fills the record fields from the resource', () => {
    for (const record of allMemberRecords) {
      const meta = (record.resource as { meta: { lastUpdated: string } }).meta;
      expect(meta.lastUpdated).toBe(record.lastUpdated);
      expect(record.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(record.patientId).toMatch(/^pat-\d{12}$/);
      if (record.resourceType === 'ExplanationOfBenefit') {
        expect(record.category).toBe('claims');
        expect(record.serviceDate).toBe(eob(record).billablePeriod.start);
        expect(record.billableStart).toBe(eob(record).billablePeriod.start);
      } else {
        expect(record.category).toBe(record.resourceType === 'Patient' ? 'patient' : 'coverage');
        expect([record.serviceDate, record.billableStart, record.eobType]).toEqual([null, null, null]);
      }
    }
  });

  it('writes one Patient with the member identifier and one Coverage per span', () => {
    const records = memberRecords(SAMUEL);
    const patient = records.filter((r) => r.resourceType === 'Patient');
    expect(patient).toHaveLength(1);
    const resource = patient[0].resource as { identifier: { type: { coding: Coding[] }; value: string }[]; birthDate: string };
    expect(resource.identifier[0].type.coding[0].code).toBe('MB');
    expect(resource.identifier[0].value).toBe(SAMUEL);
    const coverages = records.filter((r) => r.resourceType === 'Coverage').map((r) => ({ ...(r.resource as { period: object }), plan: planClass(r) }));
    expect(coverages.map((c) => c.period)).toEqual([{ start: '2016-03-01', end: '2019-12-31' }, { start: '2022-05-01' }]);
    expect(coverages.map((c) => c.plan)).toEqual(['FFS', 'PCC']);
  });

  // Speed is measured by `npm run bench`, not here (a loaded CI machine is no stopwatch); this bound
  // only catches a blow-up, such as a quadratic step, which would take minutes.
  it('generates 10 000 claims for a benchmark member without blowing up', () => {
    const input = { ...demoMemberInput(MARIA, TODAY), claimCount: 10_000 };
    const started = performance.now();
    const records = generateMemberRecords(input);
    const elapsed = performance.now() - started;
    const eobs = eobsOf(records);
    expect(eobs).toHaveLength(10_000);
    expect(elapsed).toBeLessThan(20_000);
    expect(new Set(eobs.map((r) => r.id)).size).toBe(10_000);
    expect(eobs.every((r) => r.serviceDate! >= '2014-07-01' && r.serviceDate! <= TODAY)).toBe(true);
  });

  it('works the same for any today: nothing after it, the newest span reaching up to it', () => {
    const earlierToday = '2024-02-29';
    for (const input of demoMemberInputs(earlierToday)) {
      const records = generateMemberRecords(input);
      for (const record of eobsOf(records)) {
        expect(serviceDates(record).every((d) => d <= earlierToday)).toBe(true);
        expect(eob(record).created <= earlierToday).toBe(true);
      }
    }
  });

  it('refuses input it cannot honour, saying why', () => {
    const maria = demoMemberInput(MARIA, TODAY);
    expect(() => generateMemberRecords({ ...maria, today: '2026-02-30' })).toThrow(/today/);
    expect(() => generateMemberRecords({ ...maria, patientId: 'no spaces allowed' })).toThrow(/FHIR id/);
    expect(() => generateMemberRecords({ ...maria, spans: [{ start: '2020-01-01', end: null, plan: 'NOPE' }] })).toThrow(/NOPE/);
    expect(() => generateMemberRecords({ ...maria, claimCount: -1 })).toThrow(/claimCount/);
  });

  it('derives short, valid id prefixes from long patient ids', () => {
    const longId = `patient-${'x'.repeat(56)}`;
    const records = generateMemberRecords({ ...demoMemberInput(SAMUEL, TODAY), patientId: longId });
    expect(records[0].id).toBe(longId);
    for (const record of records.slice(1)) expect(record.id).toMatch(FHIR_ID_PATTERN);
  });

  it('schedules a new member’s first claims only from the first enrolled day', () => {
    const kevin = demoMemberInput('100000000002', TODAY);
    const eobs = eobsOf(memberRecords('100000000002'));
    expect(eobs.flatMap(serviceDates).every((d) => dayNumber(d) >= dayNumber(kevin.spans[0].start))).toBe(true);
  });
});
