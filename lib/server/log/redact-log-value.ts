import 'server-only';

/**
 * What a log line may never carry: one-time codes, email addresses, names, dates of birth and
 * member IDs. The logger runs every field through this, so no call site can leak them.
 *
 * By key: a field named for personal data or a secret is replaced whole, whatever it holds.
 * By shape, in any other text: email addresses, dates (ISO, US, European, written out in English
 * or Spanish, compact), runs of 6 or more digits (a code is 6, a member ID 12) and representative
 * IDs (R- and digits). Names cannot be recognized by shape, so they must only ever reach a log
 * under a named key (which is redacted) and never inside free text: error messages are reduced to
 * their kind by the logger.
 */
export const REDACTED = '[redacted]';

const SECRET_KEYS = new Set(
  [
    'name', 'firstname', 'lastname', 'fullname', 'given', 'givenname', 'family', 'familyname', 'username',
    'email', 'emailaddress', 'to', 'from', 'replyto',
    'dob', 'birthdate', 'dateofbirth', 'birthday',
    'memberid', 'member', 'repid', 'subscriberid', 'patientid', 'patient',
    'code', 'verificationcode', 'otp', 'password', 'secret', 'clientsecret', 'token', 'accesstoken', 'refreshtoken',
    'authorization', 'cookie', 'setcookie',
    'zip', 'zipcode', 'postalcode', 'phone', 'address', 'line',
    'params', 'values', 'body', 'query', 'search',
  ],
);

/** Whether a field of this name is withheld entirely. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[^a-z]/g, ''));
}

const MONTHS_EN = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const MONTHS_ES = 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
const MONTHS = `(?:${MONTHS_EN}|${MONTHS_ES})\\.?`;

const PATTERNS: [RegExp, string][] = [
  // An email address, also percent-encoded in a URL (%40).
  [/[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+/gi, '[email]'],
  // A database error's parameters list (drizzle: "Failed query: ... params: a,b,c").
  [/\bparams:.*$/gim, `params: ${REDACTED}`],
  // 1984-03-12, 1984/03/12, 1984.03.12 (a time after it stays).
  [/\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)/g, '[date]'],
  // 03/12/1984, 3-12-1984, 12.03.1984, 3/12/84.
  [/\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?![\d/.-])/g, '[date]'],
  // March 12, 1984 / Mar 12 1984 / 12 March 1984 / 12 de marzo de 1984.
  [new RegExp(`\\b(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, 'gi'), '[date]'],
  [new RegExp(`\\b\\d{1,2}(?:\\s+de)?\\s+(?:${MONTHS})(?:\\s+de)?,?\\s+\\d{4}\\b`, 'gi'), '[date]'],
  // A code, a member ID, a compact date (19840312): 6 or more digits not part of an id like a UUID.
  [/(?<![\w-])\d{6,}(?![\w-])/g, '[number]'],
  // A representative's ID (R-0006: what a representative types where a member types a member ID),
  // also in a path such as /staff/representatives/R-0006.
  [/(?<![\w-])R-\d{3,}(?![\w-])/gi, '[rep-id]'],
];

/** Free text with every email address, date and long number replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_STRING = 2_000;
const MAX_DEPTH = 4;

/** Any value made safe for a log line: secret keys withheld, text redacted, errors reduced to their kind. */
export function redactLogValue(value: unknown, key = '', depth = 0): unknown {
  if (key && isSecretKey(key)) return value === undefined || value === null ? value : REDACTED;
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return redactText(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value);
  if (typeof value === 'bigint') return redactText(String(value));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Error) return describeError(value);
  if (depth >= MAX_DEPTH) return '[deep]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactLogValue(v, '', depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value).slice(0, 50)) out[k] = redactLogValue(v, k, depth + 1);
    return out;
  }
  return typeof value;
}

/**
 * An error as its kind: the class name and a code (a Postgres SQLSTATE, ECONNREFUSED), never the
 * message, which for a database error carries the statement's parameters (names, birth dates).
 */
export function describeError(error: unknown): { name: string; code?: string } {
  const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const name = error instanceof Error ? error.name : typeof error;
  const rawCode = e?.cause?.code ?? e?.code;
  const code = typeof rawCode === 'string' || typeof rawCode === 'number' ? String(rawCode).slice(0, 40) : undefined;
  return code ? { name, code: redactText(code) } : { name };
}
