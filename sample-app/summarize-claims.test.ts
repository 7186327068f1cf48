import { describe, expect, it } from 'vitest';
import { humanName, summarizeClaims, type BundleEntry } from './summarize-claims';

function eob(fields: Record<string, unknown>): BundleEntry {
  return { fullUrl: `http://fhir.test/fhir/ExplanationOfBenefit/${String(fields.id)}`, resource: { resourceType: 'ExplanationOfBenefit', ...fields } };
}

describe('summarizeClaims', () => {
  it('summarizes a CARIN Blue Button professional claim', () => {
    const rows = summarizeClaims([
      eob({
        id: 'eob-1',
        billablePeriod: { start: '2025-03-04T10:00:00-05:00', end: '2025-03-04' },
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional', display: 'Professional' }] },
        provider: { reference: 'Practitioner/p1', display: 'Dr. Ana Ruiz' },
        diagnosis: [
          { sequence: 2, diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10' }] } },
          { sequence: 1, diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' }] } },
        ],
        total: [
          { category: { coding: [{ code: 'submitted' }] }, amount: { value: 250, currency: 'USD' } },
          { category: { coding: [{ code: 'paidtoprovider' }] }, amount: { value: 120.1, currency: 'USD' } },
          { category: { coding: [{ code: 'paidtopatient' }] }, amount: { value: 0.2, currency: 'USD' } },
        ],
      }),
    ]);
    expect(rows).toEqual([
      { id: 'eob-1', date: '2025-03-04', type: 'Professional', provider: 'Dr. Ana Ruiz', diagnosisCodes: ['E11.9', 'I10'], paid: { value: 120.3, currency: 'USD' } },
    ]);
  });

  it('falls back to the earliest item service date, type text and payment amount', () => {
    const [row] = summarizeClaims([
      eob({
        id: 'eob-2',
        type: { text: 'Pharmacy', coding: [{ code: 'pharmacy' }] },
        item: [{ servicedDate: '2024-12-20' }, { servicedPeriod: { start: '2024-12-02' } }, { servicedDate: 'not a date' }],
        payment: { amount: { value: 15 } },
        total: [{ category: { coding: [{ code: 'benefit' }] }, amount: { value: 99, currency: 'USD' } }],
      }),
    ]);
    expect(row.date).toBe('2024-12-02');
    expect(row.type).toBe('Pharmacy');
    expect(row.paid).toEqual({ value: 15, currency: 'USD' });
  });

  it('uses the benefit total when no payment lines are given', () => {
    const [row] = summarizeClaims([eob({ id: 'b', total: [{ category: { coding: [{ code: 'benefit' }] }, amount: { value: 42.5, currency: 'USD' } }] })]);
    expect(row.paid).toEqual({ value: 42.5, currency: 'USD' });
  });

  it('resolves the provider from contained and included resources', () => {
    const rows = summarizeClaims([
      eob({ id: 'c', billablePeriod: { start: '2025-01-02' }, provider: { reference: '#org' }, contained: [{ resourceType: 'Organization', id: 'org', name: 'Warren Street Clinic' }] }),
      eob({ id: 'i', billablePeriod: { start: '2025-01-01' }, provider: { reference: 'Practitioner/pr-9' } }),
      { fullUrl: 'http://fhir.test/fhir/Practitioner/pr-9', resource: { resourceType: 'Practitioner', id: 'pr-9', name: [{ given: ['Lee'], family: 'Chan' }] } },
    ]);
    expect(rows.map((r) => r.provider)).toEqual(['Warren Street Clinic', 'Lee Chan']);
  });

  it('sorts newest first with undated claims last, and ignores other resources', () => {
    const rows = summarizeClaims([
      eob({ id: 'old', billablePeriod: { start: '2023-05-01' } }),
      eob({ id: 'none' }),
      { resource: { resourceType: 'OperationOutcome', issue: [] } },
      eob({ id: 'new', billablePeriod: { start: '2025-05-01' } }),
    ]);
    expect(rows.map((r) => r.id)).toEqual(['new', 'old', 'none']);
  });

  it('survives missing and oddly shaped data', () => {
    expect(summarizeClaims(undefined)).toEqual([]);
    expect(summarizeClaims(null)).toEqual([]);
    const rows = summarizeClaims([
      {},
      { resource: null },
      eob({ id: 7, type: 'professional', provider: 'x', diagnosis: 'E11', total: [{ amount: { value: '12' } }], billablePeriod: { start: 20250101 } }),
    ] as BundleEntry[]);
    expect(rows).toEqual([{ id: '', date: null, type: null, provider: null, diagnosisCodes: [], paid: null }]);
  });

  it('keeps diagnosis codes unique and takes text or a reference display when there is no code', () => {
    const [row] = summarizeClaims([
      eob({
        id: 'd',
        diagnosis: [
          { sequence: 1, diagnosisCodeableConcept: { coding: [{ code: 'F32.9' }] } },
          { sequence: 2, diagnosisCodeableConcept: { coding: [{ code: 'F32.9' }] } },
          { sequence: 3, diagnosisCodeableConcept: { text: 'Back pain' } },
          { sequence: 4, diagnosisReference: { reference: 'Condition/1', display: 'Asthma' } },
        ],
      }),
    ]);
    expect(row.diagnosisCodes).toEqual(['F32.9', 'Back pain', 'Asthma']);
  });
});

describe('humanName', () => {
  it('prefers the official name, then text, then given and family', () => {
    expect(humanName([{ use: 'nickname', given: ['Mia'] }, { use: 'official', given: ['Maria', 'L'], family: 'Santos' }])).toBe('Maria L Santos');
    expect(humanName([{ text: 'Kevin Tran', given: ['K'] }])).toBe('Kevin Tran');
    expect(humanName([])).toBeNull();
    expect(humanName([{}])).toBeNull();
  });
});
