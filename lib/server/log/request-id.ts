import 'server-only';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * The id a request is known by in the logs and in its `x-request-id` answer: the one a trusted
 * proxy in front (TRUST_PROXY) already gave it, when that is a plain token of sensible length, else
 * a new one. A client's own header is never taken: it would put whatever the client typed (a
 * member ID, a name) on every log line of the request, past the redaction of the logged fields.
 * A huge, garbled or repeated header is not carried into the logs either.
 */
export function requestIdFrom(incoming: string | string[] | undefined, fromTrustedProxy: boolean): string {
  return fromTrustedProxy && typeof incoming === 'string' && ACCEPTED.test(incoming) ? incoming : randomUUID();
}
