import fc from 'fast-check';

/** One seed for every fuzz pass: a failure is replayed exactly by running the test again. */
export const FUZZ_SEED = 160_016;

/** The odd pieces a person, a broken client or an attacker sends, each on its own and mixed. */
export const ODD_PIECES = [
  '\u0000', 'a\u0000b', '\u0001\u0002\u0007\u001b[31m', '\r\n', '\t', '\u007f', '\u0085', '\u2028\u2029',
  '\u200f', '\u202e', '\u2066\u2069', '\u061c', // right-to-left and bidi controls
  'e\u0301\u0301\u0301', 'Z\u0351\u0360\u0346\u0334', // combining marks
  '😀', '👩‍👩‍👧‍👦', '🏳️‍🌈', '\u{1F1FA}\u{1F1F8}', // emoji, joiners, flags
  '\ud800', '\udfff', 'x\ud83dy', // lone surrogates
  '\ufeff', '\ufffd', '\uffff', '\u200b', 'ｍａｒｉａ', // BOM, replacement, non-characters, full width
  "'; drop table members; --", '" or 1=1 --', '<script>alert(1)</script>', '{{7*7}}', '${7*7}', '../../etc/passwd',
  '%00', '%', '%%', '%zz', '%ED%A0%80', '+', '&', '=', ',', '|', ':', '$', '\\', '/',
  '-1', '0', '1e309', 'NaN', 'Infinity', '9'.repeat(40), '0x1F', '1.5', ' ', '',
  'true', 'null', 'undefined', '[]', '{}', '[object Object]',
  '2024-02-30', '1984-03-12', 'gt2024-01-01', '0000-01-01', '9999-12-31T23:59:59+14:00', '12/03/1984',
  'le9999', 'sa9999-12-31', '9999-12-31T23:59:59-14:00', 'lt0001-01-01T00:00:00+14:00', // the calendar's ends
  '100000000001', 'Patient/../x', 'ExplanationOfBenefit:*', 'count',
] as const;

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 10_000_000 }).map(String) },
);

/** A value of the kind a form field or a search parameter receives: short and odd, or very long. */
export const badText = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '9', 'é', '😀', '\u0000', '\u202e', 'ab '), fc.integer({ min: 300, max: 20_000 })).map(([unit, n]) => unit.repeat(n)) },
);

/**
 * A string as a query or form body would carry it: percent-encoded, with lone surrogates sent as
 * the raw (invalid) UTF-8 bytes a broken client produces, which encodeURIComponent refuses to make.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const isLow = unit >= 0xdc00 && unit <= 0xdfff;
    if (isHigh && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (isHigh || isLow) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(text[i]);
  }
  return out;
}

/** Whether a body shows a stack trace or the server's own files: never acceptable in an answer. */
export function showsStackTrace(body: string): boolean {
  return /\n\s+at \S|\bat (?:async )?[\w$.<>]+ \(|node_modules|\.(?:ts|tsx|js|mjs):\d+:\d+|webpack-internal|\b(?:TypeError|ReferenceError|RangeError|SyntaxError): /.test(body);
}

/**
 * fc.assert with this project's seed and a short failure report: the first failing input (cut to
 * a readable length) and the assertion it broke, instead of fast-check's full dump of a 20 kB value.
 */
export async function assertFuzz<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const result = await fc.check(property, { seed: FUZZ_SEED, numRuns, endOnFailure: true });
  if (!result.failed) return;
  const shown = fc.stringify(result.counterexample);
  const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
  throw new Error(`fuzz failed (seed ${FUZZ_SEED}, path ${result.counterexamplePath}) on ${shown.length > 600 ? `${shown.slice(0, 600)}… (${shown.length} chars)` : shown}\n${error.slice(0, 1500)}`);
}
