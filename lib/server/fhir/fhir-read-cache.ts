import 'server-only';
import { LRUCache } from 'lru-cache';

/** A finished answer: the bytes sent and the record count logged for it. */
export interface CachedAnswer {
  epoch: string;
  body: Buffer<ArrayBuffer>;
  count: number;
}

/**
 * What one instance of the FHIR API may reuse between requests, each entry tagged with the
 * database's FHIR epoch (`fhir_epoch`) it was read at. Nothing here is trusted on its own: an entry
 * is used only if the epoch is unchanged, which the request checks in the same statement that logs
 * the read, so a revocation, a suspension or new claims committed by any instance are seen on the
 * next request. Entries also lapse after a minute, a backstop for a change made behind the
 * triggers' back. Losing the cache (a restart, another instance) loses nothing but time.
 */
export interface FhirReadCache {
  /** The authorization facts read for an access token. */
  facts: LRUCache<string, { epoch: string }>;
  /** Finished answers by request and by what the token may see. */
  answers: LRUCache<string, CachedAnswer>;
}

const MAX_TOKENS = 10_000;
const LIFETIME_MS = 60_000;

/** A cache of at most `bytes` (keys counted too), or null when reuse is off (FHIR_CACHE_MB=0). */
export function createFhirReadCache(bytes: number): FhirReadCache | null {
  if (bytes <= 0) return null;
  return {
    facts: new LRUCache({ max: MAX_TOKENS, ttl: LIFETIME_MS }),
    answers: new LRUCache({ maxSize: bytes, ttl: LIFETIME_MS, sizeCalculation: (answer, key) => answer.body.length + key.length + 256 }),
  };
}
