import 'server-only';
import type { IncomingMessage } from 'node:http';
import Negotiator from 'negotiator';

export type ContentEncoding = 'br' | 'gzip';

/** negotiator 0.6.4 takes the server's order among equally accepted encodings; @types/negotiator 0.6 does not declare it. */
type EncodingNegotiator = { encoding(available: readonly string[], preferred: readonly string[]): string | undefined };

/**
 * The compression a request's `Accept-Encoding` takes, Brotli first among equals, or null when it
 * takes neither (no header, `identity` only, or both refused with `q=0`).
 */
export function acceptedEncoding(req: IncomingMessage): ContentEncoding | null {
  const encoding = (new Negotiator(req) as unknown as EncodingNegotiator).encoding(['br', 'gzip', 'identity'], ['br', 'gzip']);
  return encoding === 'br' || encoding === 'gzip' ? encoding : null;
}
