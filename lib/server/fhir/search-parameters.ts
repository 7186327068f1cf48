import 'server-only';
import { parseFormEncoded } from '@/lib/schemas/text-problem';
import { FhirRequestError } from './operation-outcome';
import { CODE_SYSTEMS } from './synthetic/fhir-canonicals';

/** A FHIR resource id (FHIR's own rule). */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** Longest name or value of one search parameter: identifiers, ids and dates are far shorter. */
export const MAX_PARAMETER_LENGTH = 1024;

/**
 * A query string or search form body as its parameters. Bad bytes (NUL or other control
 * characters, broken percent-encoding, text that is not UTF-8) and overlong values are the
 * client's mistake, answered with a 400 OperationOutcome before anything reaches the database.
 */
export function readSearchParameters(query: string): [string, string][] {
  const pairs = parseFormEncoded(query, MAX_PARAMETER_LENGTH);
  if (!pairs) throw new FhirRequestError(400, 'invalid', `Search parameters must be UTF-8 text without control characters, each at most ${MAX_PARAMETER_LENGTH} characters.`);
  return pairs;
}

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb';

/**
 * A date search value as the half-open interval of instants it covers, plus its prefix. A bound
 * past the end of year 9999 (`le9999`, or an instant a time zone puts there) is `infinity`, and one
 * before year 1 `-infinity`: Postgres takes no other form of such a date, and no stored value lies
 * out there.
 */
export interface DateCriterion {
  prefix: DatePrefix;
  /** Inclusive lower bound of the value's own precision, ISO. */
  low: string;
  /** Exclusive upper bound of the value's own precision, ISO. */
  high: string;
  /** The same bounds as calendar days, as written (no time zone shift), for date columns. */
  lowDate: string;
  highDate: string;
}

/**
 * Which end of a date value's own range (DateCriterion's low and high) each prefix compares a
 * column with: the column at or after `from`, before `to`, or both. `ne` is `eq` negated, so it
 * bounds the column on neither side.
 */
export const PREFIX_ENDS: Record<Exclude<DatePrefix, 'ne'>, { from: 'low' | 'high' | null; to: 'low' | 'high' | null }> = {
  eq: { from: 'low', to: 'high' },
  gt: { from: 'high', to: null },
  sa: { from: 'high', to: null },
  ge: { from: 'low', to: null },
  lt: { from: null, to: 'low' },
  eb: { from: null, to: 'low' },
  le: { from: null, to: 'high' },
};

/** An instant as a bound of a DateCriterion: ISO, or ±infinity outside years 1 to 9999. */
function boundText(date: Date, precision: 'instant' | 'day'): string {
  const year = date.getUTCFullYear();
  if (year > 9999) return 'infinity';
  if (year < 1) return '-infinity';
  return precision === 'day' ? date.toISOString().slice(0, 10) : date.toISOString();
}

/** A DateCriterion's instant bound in milliseconds (±Infinity for ±infinity). */
export function boundMs(bound: string): number {
  if (bound === 'infinity') return Infinity;
  if (bound === '-infinity') return -Infinity;
  return Date.parse(bound);
}

/**
 * The `_include` values served, by the resource type they start from, to the reference they follow.
 * CARIN BB requires every reference-type parameter of an EOB (payee too) and `ExplanationOfBenefit:*`
 * for all of them at once, and `Coverage:payor` (also as `_include:iterate` from an EOB search).
 */
export const INCLUDES = {
  'ExplanationOfBenefit:patient': { from: 'ExplanationOfBenefit', target: 'patient' },
  'ExplanationOfBenefit:provider': { from: 'ExplanationOfBenefit', target: 'provider' },
  'ExplanationOfBenefit:care-team': { from: 'ExplanationOfBenefit', target: 'careTeam' },
  'ExplanationOfBenefit:coverage': { from: 'ExplanationOfBenefit', target: 'coverage' },
  'ExplanationOfBenefit:insurer': { from: 'ExplanationOfBenefit', target: 'insurer' },
  'ExplanationOfBenefit:payee': { from: 'ExplanationOfBenefit', target: 'payee' },
  'Coverage:payor': { from: 'Coverage', target: 'payor' },
} as const;
export type IncludeTarget = (typeof INCLUDES)[keyof typeof INCLUDES]['target'];
export interface Include {
  from: string;
  target: IncludeTarget;
  /** `_include:iterate`: also followed from resources other includes brought in. */
  iterate: boolean;
}
/** `<type>:*`: every include that starts from that type. */
export const WILDCARD_INCLUDES = ['ExplanationOfBenefit:*'];

export const SEARCH_PARAMETERS: Record<string, string[]> = {
  Patient: ['_id', '_lastUpdated', 'identifier'],
  Coverage: ['_id', '_lastUpdated', 'patient', 'beneficiary', 'identifier', '_include'],
  ExplanationOfBenefit: [
    '_id', '_lastUpdated', 'patient', 'type', 'identifier', 'service-date', 'service-start-date', 'billable-period-start', '_include',
  ],
  Organization: ['_id', '_lastUpdated', 'identifier'],
  Practitioner: ['_id', '_lastUpdated', 'identifier'],
  MedicationKnowledge: ['_id', '_lastUpdated', 'code'],
  // The member's sharing choices (issue 15): Da Vinci PDex's Consent search parameters besides `patient` and `category`.
  Consent: ['_id', '_lastUpdated', 'patient', 'category', 'provision-type', 'provision-action', 'provider-access'],
};

/** Token searches on a Consent, each a path into the resource (a member has at most one Consent per kind). */
export const CONSENT_TOKEN_PARAMETERS = ['category', 'provision-type', 'provision-action', 'provider-access'] as const;
export type ConsentTokenParameter = (typeof CONSENT_TOKEN_PARAMETERS)[number];
/** EOB `type` codes (claim-type system, every EOB's one type coding) to the stored kinds of claim. */
export const CLAIM_TYPE_TO_EOB_TYPES: Record<string, string[]> = {
  institutional: ['inpatient', 'outpatient'],
  professional: ['professional'],
  pharmacy: ['pharmacy'],
  oral: ['oral'],
  vision: ['vision'],
};

/**
 * A token search value split as FHIR reads it: `code` names no system (null), `system|code` one,
 * `|code` the empty system (a coding without one), `system|` any code of the system (code '').
 */
export function splitToken(token: string): { system: string | null; code: string } {
  const bar = token.indexOf('|');
  return bar < 0 ? { system: null, code: token } : { system: token.slice(0, bar), code: token.slice(bar + 1) };
}

/**
 * The claim-type codes a `type` token matches: `code` in any system, `system|code` in that system
 * only, `system|` any code of it, `|code` a coding without a system. Every EOB's type coding is in
 * the claim-type system, so another system, or none, matches nothing.
 */
export function claimTypeCodes(token: string): string[] {
  const { system, code } = splitToken(token);
  if (system === null) return [code];
  if (system !== CODE_SYSTEMS.claimType) return [];
  return code === '' ? Object.keys(CLAIM_TYPE_TO_EOB_TYPES) : [code];
}

export const RESULT_PARAMETERS = ['_count', '_cursor', '_format', '_pretty', '_total', '_summary'];

export interface ParsedSearch {
  ids: string[] | null;
  patient: string[] | null;
  /**
   * Token searches, one list a parameter given (AND: each must match), each holding its
   * comma-separated values (OR: any may). A blank list asks nothing.
   */
  identifiers: string[][];
  types: string[][];
  codes: string[][];
  /** Consent token searches: each entry must match (AND), any of its values (OR). */
  consentTokens: { param: ConsentTokenParameter; values: string[] }[];
  lastUpdated: DateCriterion[];
  serviceDate: DateCriterion[];
  serviceStartDate: DateCriterion[];
  billablePeriodStart: DateCriterion[];
  includes: Include[];
  count: number;
  /** `_summary=count`: only the total. */
  summaryCount: boolean;
  cursor: string | null;
  /** The parameters actually applied, for the self link. */
  applied: [string, string][];
  /** Parameters ignored under lenient handling. */
  ignored: string[];
}

const intersect = (current: string[] | null, next: string[]) => (current === null ? next : current.filter((v) => next.includes(v)));

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const dateValue = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** `raw`, the value of the date parameter `name`, as a DateCriterion; a 400 naming the parameter when it is not one. */
export function parseDateCriterion(name: string, raw: string): DateCriterion {
  const prefixMatch = /^(eq|ne|gt|lt|ge|le|sa|eb)/.exec(raw);
  const prefix = (prefixMatch?.[1] ?? 'eq') as DatePrefix;
  const value = prefixMatch ? raw.slice(2) : raw;
  const m = dateValue.exec(value);
  const invalid = () => new FhirRequestError(400, 'invalid', `Not a valid date search value for ${name}: ${raw.slice(0, 40)}`);
  if (!m) throw invalid();
  const [, y, mo, d, hh, , , zone] = m;
  // FHIR R4 search (date): "If hours and minutes are specified, a time zone SHALL be populated."
  // Read as UTC, the same value would mean another instant in every other zone.
  if (hh !== undefined && zone === undefined) {
    throw new FhirRequestError(400, 'invalid', `${name}: a date with a time must give its time zone (Z or an offset such as -05:00): ${raw.slice(0, 40)}`);
  }
  const year = Number(y);
  if (year < 1 || year > 9999) throw invalid();
  const month = mo ? Number(mo) : 1;
  const day = d ? Number(d) : 1;
  const utcDay = (yy: number, mm: number, dd: number) => {
    const date = new Date(0);
    date.setUTCFullYear(yy, mm, dd); // unlike Date.UTC, years below 100 stay themselves
    return date;
  };
  const start = utcDay(year, month - 1, day);
  if (start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) throw invalid();
  const end = d ? utcDay(year, month - 1, day + 1) : mo ? utcDay(year, month, 1) : utcDay(year + 1, 0, 1);
  const lowDate = boundText(start, 'day');
  const highDate = boundText(end, 'day');
  if (hh !== undefined) {
    const instant = new Date(value);
    if (Number.isNaN(instant.getTime())) throw invalid();
    return { prefix, low: boundText(instant, 'instant'), high: boundText(new Date(instant.getTime() + 1000), 'instant'), lowDate, highDate };
  }
  return { prefix, low: boundText(start, 'instant'), high: boundText(end, 'instant'), lowDate, highDate };
}

/**
 * Reads the search parameters of one resource type. Unknown or unsupported parameters fail the
 * request under `Prefer: handling=strict`, and are ignored (and reported) otherwise, as FHIR says.
 */
export function parseSearch(resourceType: string, params: Iterable<[string, string]>, strict: boolean): ParsedSearch {
  const allowed = new Set([...(SEARCH_PARAMETERS[resourceType] ?? []), ...RESULT_PARAMETERS]);
  const out: ParsedSearch = {
    ids: null,
    patient: null,
    identifiers: [],
    types: [],
    codes: [],
    consentTokens: [],
    lastUpdated: [],
    serviceDate: [],
    serviceStartDate: [],
    billablePeriodStart: [],
    includes: [],
    count: DEFAULT_PAGE_SIZE,
    summaryCount: false,
    cursor: null,
    applied: [],
    ignored: [],
  };
  const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const [rawName, value] of params) {
    const [name, modifier] = rawName.split(':');
    const supportedModifier = modifier === undefined || (name === '_include' && modifier === 'iterate');
    if (!allowed.has(name) || !supportedModifier) {
      if (strict) throw new FhirRequestError(400, 'not-supported', `Unknown or unsupported search parameter: ${rawName}`);
      out.ignored.push(rawName);
      continue;
    }
    switch (name) {
      // A repeated parameter is AND (each must hold); commas within one are OR.
      case '_id':
        out.ids = intersect(out.ids, list(value));
        break;
      case 'patient':
      case 'beneficiary':
        out.patient = intersect(out.patient, list(value).map((v) => v.replace(/^(.*\/)?Patient\//, '')));
        break;
      case 'identifier':
        out.identifiers.push(list(value));
        break;
      case 'type':
        // A value of another code system names no claim type: a list of only such values matches nothing.
        out.types.push(list(value).flatMap(claimTypeCodes));
        break;
      case 'code':
        out.codes.push(list(value));
        break;
      case 'category':
      case 'provision-type':
      case 'provision-action':
      case 'provider-access':
        out.consentTokens.push({ param: name, values: list(value) });
        break;
      case '_lastUpdated':
        out.lastUpdated.push(parseDateCriterion(name, value));
        break;
      case 'service-date':
        out.serviceDate.push(parseDateCriterion(name, value));
        break;
      case 'service-start-date':
        out.serviceStartDate.push(parseDateCriterion(name, value));
        break;
      case 'billable-period-start':
        out.billablePeriodStart.push(parseDateCriterion(name, value));
        break;
      case '_include': {
        const iterate = modifier === 'iterate';
        const known = INCLUDES[value as keyof typeof INCLUDES];
        if (WILDCARD_INCLUDES.includes(value)) {
          const from = value.split(':')[0];
          out.includes.push(...Object.values(INCLUDES).filter((i) => i.from === from).map((i) => ({ ...i, iterate })));
        } else if (known) out.includes.push({ ...known, iterate });
        else if (strict) throw new FhirRequestError(400, 'not-supported', `Unsupported _include: ${value}`);
        else {
          out.ignored.push(`${rawName}=${value}`);
          continue;
        }
        break;
      }
      case '_count': {
        if (out.applied.some(([name]) => name === '_count')) throw new FhirRequestError(400, 'invalid', '_count may be given once');
        // Digits only: Number() would also read '' as 0, '0x10' as 16 and '1e3' as 1000.
        const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
        if (!Number.isInteger(n)) throw new FhirRequestError(400, 'invalid', '_count must be a whole number');
        out.count = Math.min(n, MAX_PAGE_SIZE);
        break;
      }
      case '_cursor':
        if (out.cursor !== null) throw new FhirRequestError(400, 'invalid', '_cursor may be given once');
        out.cursor = value;
        continue; // added to the self link by the page (searchsetBundle), after the other parameters
      case '_summary':
        if (value === 'count') out.summaryCount = true;
        else if (value !== 'false' && strict) throw new FhirRequestError(400, 'not-supported', `Unsupported _summary: ${value}`);
        else if (value !== 'false') out.ignored.push(`_summary=${value}`);
        continue;
      default:
        continue; // _format, _pretty, _total: accepted, nothing to do
    }
    out.applied.push([rawName, value]);
  }
  // No resources asked for (`_count=0`): the total is what is left to say, as with `_summary=count`.
  if (out.count === 0) out.summaryCount = true;
  return out;
}
