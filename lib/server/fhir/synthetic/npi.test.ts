import 'server-only';

import { describe, expect, it } from 'vitest';

import { isValidNpi, luhnCheckDigit, npiFromBase, passesLuhnCheck } from './npi';
import { DIRECTORY_ORGANIZATIONS, DIRECTORY_PRACTITIONERS } from './provider-directory';

describe('NPI check digit', () => {
  it('accepts the CMS example NPI and rejects it with any other check digit', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    for (let digit = 0; digit <= 9; digit++) {
      if (digit !== 3) expect(isValidNpi(`123456789${digit}`)).toBe(false);
    }
  });

  it('computes the check digit over the 80840 prefix', () => {
    expect(npiFromBase('123456789')).toBe('1234567893');
    expect(luhnCheckDigit('80840123456789')).toBe(3);
    expect(passesLuhnCheck('808401234567893')).toBe(true);
  });

  it('rejects malformed NPIs', () => {
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('0234567893')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
    expect(() => npiFromBase('12345')).toThrow();
  });

  it('gives every directory practitioner and provider organization a valid, distinct NPI', () => {
    const npis = [
      ...DIRECTORY_PRACTITIONERS.map((p) => p.npi),
      ...DIRECTORY_ORGANIZATIONS.filter((o) => o.kind !== 'payer').map((o) => o.npi as string),
    ];
    expect(npis.length).toBeGreaterThanOrEqual(30);
    for (const npi of npis) expect(isValidNpi(npi), npi).toBe(true);
    expect(new Set(npis).size).toBe(npis.length);
  });
});
