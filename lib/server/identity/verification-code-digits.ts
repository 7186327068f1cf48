import 'server-only';
import { randomInt } from 'node:crypto';
import { VERIFICATION_CODE_RULES } from './identity-limits';

// crypto.randomInt draws uniformly from a CSPRNG; Math.random would be guessable.
export function generateVerificationCode(): string {
  return randomInt(0, 10 ** VERIFICATION_CODE_RULES.digits).toString().padStart(VERIFICATION_CODE_RULES.digits, '0');
}

/**
 * The code as typed, with the spaces and dashes people add ("123 456", "123-456") and full-width
 * digits from some phone keyboards taken out; null when what is left is not six digits.
 */
export function normalizeTypedCode(typed: string): string | null {
  const digits = typed.normalize('NFKC').replace(/[\s\-‐‑‒–—_.]/g, '');
  return new RegExp(`^\\d{${VERIFICATION_CODE_RULES.digits}}$`).test(digits) ? digits : null;
}
