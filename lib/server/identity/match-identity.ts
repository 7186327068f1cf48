import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

/** The details a member types to verify identity, and the same details on file with the payer. */
export type IdentityDetails = {
  given: string;
  family: string;
  birthDate: string;
  memberId: string;
  zip: string;
};

// Apostrophes of every kind vanish rather than split a name: "O'Brien", "O’Brien" and "OBrien" are one name.
// The acute accent and the modifier letters must go before NFKD, which would turn ´ into a space.
const APOSTROPHES = /['’‘‛ʼʻʹˈ`´′＇]/g;

// Letters NFKD does not take apart into a base letter and a mark.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const FOLDED_LETTERS = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/**
 * A name as people type it on a phone: no accents, no case, no apostrophes; hyphens and other
 * punctuation become spaces, so "José O'Brien-Núñez" reads "jose obrien nunez".
 */
export function normalizeName(name: string): string {
  return name
    .replace(APOSTROPHES, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(FOLDED_LETTERS, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Member IDs are printed in groups on cards ("1000 0000 0001"); only the digits identify. */
export function normalizeMemberId(memberId: string): string {
  return memberId.replace(/\D/g, '');
}

/** ZIP+4 and ZIP are the same place for this purpose. */
export function normalizeZip(zip: string): string {
  return zip.replace(/\D/g, '').slice(0, 5);
}

/**
 * Given and family name compared as one, without spaces: members split a compound name between
 * the two boxes differently ("Jose" + "OBrien Nunez", "Jose OBrien" + "Nunez") and space
 * particles differently ("O Brien", "Delacruz"); birth date, member ID and ZIP still have to match.
 */
export function fullNameKey(details: Pick<IdentityDetails, 'given' | 'family'>): string {
  return normalizeName(`${details.given} ${details.family}`).replace(/ /g, '');
}

function sameInConstantTime(a: string, b: string): boolean {
  // Hashing first gives equal-length buffers, so neither the content nor the length leaks through timing.
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}

/**
 * Whether typed details match those on file. Every field is compared, even after a mismatch,
 * and only a yes or no comes back: which field was wrong must show neither in the answer nor in
 * the time taken ("we could not verify those details").
 */
export function identityMatches(typed: IdentityDetails, onFile: IdentityDetails): boolean {
  const pairs: [string, string][] = [
    [fullNameKey(typed), fullNameKey(onFile)],
    [typed.birthDate.trim(), onFile.birthDate.trim()],
    [normalizeMemberId(typed.memberId), normalizeMemberId(onFile.memberId)],
    [normalizeZip(typed.zip), normalizeZip(onFile.zip)],
  ];
  let allMatch = true;
  for (const [typedValue, onFileValue] of pairs) {
    const same = sameInConstantTime(typedValue, onFileValue);
    // Two blanks are not a match.
    allMatch = same && onFileValue !== '' && allMatch;
  }
  return allMatch;
}
