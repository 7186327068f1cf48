import { decodeFormComponent, parseFormEncoded, textProblem } from '@/lib/schemas/text-problem';

/**
 * Whether a request's target (path and query, as sent) holds bad bytes: broken percent-encoding,
 * text that is not UTF-8, NUL or other control characters. Such a request is answered 400 before
 * any page, server action or the authorization server reads it (the database would refuse the
 * text with an error, a 500). The FHIR API answers the same with an OperationOutcome itself.
 */
export function badRequestTarget(url: string): boolean {
  const q = url.indexOf('?');
  const path = decodeFormComponent((q < 0 ? url : url.slice(0, q)).replace(/\+/g, '%2B'));
  if (path === null || textProblem(path, Infinity)) return true;
  return q >= 0 && parseFormEncoded(url.slice(q + 1), Infinity) === null;
}
