import 'server-only';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * The id a request is known by in the logs and in its `x-request-id` answer: the one a proxy in
 * front already gave it when that is a plain token of sensible length, else a new one. A huge,
 * garbled or repeated header is not carried into the logs.
 */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && ACCEPTED.test(incoming) ? incoming : randomUUID();
}
