/**
 * Text no field or parameter may hold: NUL and the other C0 control characters (tab, line feed
 * and carriage return are text), DEL, and lone UTF-16 surrogates. The database refuses NUL and
 * broken Unicode outright, so they are stopped where input arrives, as the sender's mistake.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Longest value any single form field may hold (a free-text description is well inside it). */
export const MAX_FIELD_LENGTH = 10_000;

export type TextProblem = 'badCharacters' | 'tooLong';

export function textProblem(value: string, maxLength = MAX_FIELD_LENGTH): TextProblem | null {
  if (CONTROL.test(value) || LONE_SURROGATE.test(value)) return 'badCharacters';
  if (value.length > maxLength) return 'tooLong';
  return null;
}

/**
 * Decodes one `application/x-www-form-urlencoded` component strictly: null when its
 * percent-encoding is broken or is not UTF-8 (where URLSearchParams would quietly put U+FFFD).
 */
export function decodeFormComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * A query string or form body as its name/value pairs, decoded strictly; null when any part is
 * badly encoded or holds text no parameter may hold (see textProblem).
 */
export function parseFormEncoded(query: string, maxLength: number): [string, string][] | null {
  const text = query.startsWith('?') ? query.slice(1) : query;
  const pairs: [string, string][] = [];
  if (!text) return pairs;
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decodeFormComponent(eq < 0 ? part : part.slice(0, eq));
    const value = decodeFormComponent(eq < 0 ? '' : part.slice(eq + 1));
    if (name === null || value === null || textProblem(name, maxLength) || textProblem(value, maxLength)) return null;
    pairs.push([name, value]);
  }
  return pairs;
}
