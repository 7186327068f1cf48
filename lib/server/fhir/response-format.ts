import Negotiator from 'negotiator';

/**
 * What every answer of this server is, FHIR R4 JSON, under each name an `Accept` range may give it:
 * the three JSON media types, with the FHIR version (4.0, or 4.0.1 as some clients write it) and
 * the charset a range may add (a range's parameters must all match one of these).
 */
const SERVED_TYPES = ['application/fhir+json', 'application/json', 'application/json+fhir'].flatMap((type) =>
  ['4.0', '4.0.1'].map((version) => `${type}; fhirVersion=${version}; charset=utf-8`),
);

/** `_format`'s short names (FHIR R4 http.html#mime-type). */
const FORMAT_NAMES: Record<string, string> = { json: 'application/fhir+json', xml: 'application/fhir+xml', ttl: 'text/turtle', html: 'text/html' };

/** What apps send most, taken without parsing (every request of the API asks). */
const PLAIN_ACCEPTS = new Set(['*/*', 'application/fhir+json', 'application/json', 'application/json+fhir', 'application/fhir+json, */*']);

/** Whether an `Accept` value takes one of SERVED_TYPES. A value with no media range in it is disregarded (RFC 9110 12.5.1). */
function takesFhirJson(accept: string): boolean {
  if (PLAIN_ACCEPTS.has(accept) || !accept.includes('/')) return true;
  return new Negotiator({ headers: { accept } }).mediaType(SERVED_TYPES) !== undefined;
}

/**
 * Whether a request takes what the server sends: its `Accept` header (none, a wildcard, or a JSON
 * type with no other FHIR version) and every `_format` it gives (`json`, a JSON media type or nothing; the
 * `+` of `application/fhir+json` unescaped in a query reads as a space). The CapabilityStatement
 * lists JSON alone, so a request for XML, Turtle, HTML or another FHIR version is answered 406
 * (FHIR R4 http.html) instead of with JSON it did not ask for.
 */
export function acceptsFhirJson(accept: string | undefined, formats: string[]): boolean {
  if (accept !== undefined && !takesFhirJson(accept)) return false;
  return formats.every((format) => {
    const named = format.trim().replace(/ /g, '+');
    if (named === '') return true;
    return takesFhirJson(FORMAT_NAMES[named.toLowerCase()] ?? (named.includes('/') ? named : 'unknown/unknown'));
  });
}
