import 'server-only';

/**
 * National Provider Identifier check digit. An NPI is 9 digits plus a Luhn check digit computed
 * as if the number were prefixed with 80840 (the ISO 7812 issuer prefix for US health
 * applications), per the CMS "NPI check digit" standard.
 */
const NPI_ISSUER_PREFIX = '80840';

/** The Luhn digit to append to `payload` so that the whole number passes the Luhn check. */
export function luhnCheckDigit(payload: string): number {
  if (!/^\d+$/.test(payload)) throw new Error('Luhn payload must be digits');
  let sum = 0;
  // The payload's rightmost digit sits next to the check digit, so it is the first one doubled.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let digit = payload.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function passesLuhnCheck(number: string): boolean {
  if (!/^\d{2,}$/.test(number)) return false;
  return luhnCheckDigit(number.slice(0, -1)) === number.charCodeAt(number.length - 1) - 48;
}

/** Completes the first nine digits of an NPI with its check digit. */
export function npiFromBase(firstNineDigits: string): string {
  if (!/^[12]\d{8}$/.test(firstNineDigits)) throw new Error('An NPI starts with 1 or 2 and has nine digits before its check digit');
  return firstNineDigits + String(luhnCheckDigit(NPI_ISSUER_PREFIX + firstNineDigits));
}

export function isValidNpi(npi: string): boolean {
  return /^[12]\d{9}$/.test(npi) && passesLuhnCheck(NPI_ISSUER_PREFIX + npi);
}
