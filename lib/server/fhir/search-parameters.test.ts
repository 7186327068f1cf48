import { describe, expect, it } from 'vitest';
import { FhirRequestError } from './operation-outcome';
import { parseSearch, readSearchParameters, SEARCH_PARAMETERS } from './search-parameters';

const DATE_PARAMETERS = ['_lastUpdated', 'service-date', 'service-start-date', 'billable-period-start'];

function refusal(resourceType: string, query: string): FhirRequestError | null {
  try {
    parseSearch(resourceType, readSearchParameters(query), false);
    return null;
  } catch (error) {
    if (error instanceof FhirRequestError) return error;
    throw error;
  }
}

describe('date search values', () => {
  it('refuses a time without a time zone (FHIR R4 search, date: "a time zone SHALL be populated"), naming the parameter', () => {
    for (const name of DATE_PARAMETERS) {
      expect(SEARCH_PARAMETERS.ExplanationOfBenefit).toContain(name);
      for (const value of ['ge2024-01-01T00:00:00', '2024-01-01T10:30', 'lt2024-06-30T23:59:59.5']) {
        const error = refusal('ExplanationOfBenefit', `${name}=${encodeURIComponent(value)}`);
        expect(error?.status, `${name}=${value}`).toBe(400);
        expect(error?.issueCode).toBe('invalid');
        expect(error?.message).toContain(name);
        expect(error?.message).toMatch(/time zone/);
      }
    }
  });

  it('takes a date alone, and a time with Z or an offset', () => {
    for (const name of DATE_PARAMETERS) {
      for (const value of ['2024', '2024-01', 'ge2024-01-01', 'ge2024-01-01T00:00:00Z', 'lt2024-01-01T10:30-05:00', 'le2024-01-01T10:30:00.250+14:00']) {
        expect(refusal('ExplanationOfBenefit', `${name}=${encodeURIComponent(value)}`), `${name}=${value}`).toBeNull();
      }
    }
  });
});
