import 'server-only';
import { LRUCache } from 'lru-cache';
import { appConfig } from '@/lib/server/config/app-config';

/** A finished answer: the bytes sent and the record count logged for it. */
export interface CachedAnswer {
  epoch: string;
  body: Buffer<ArrayBuffer>;
  count: number;
}

/**
 * What the FHIR API may reuse between requests, each entry tagged with the database's FHIR epoch
 * (`fhir_epoch`) it was read at. Nothing here is trusted on its own: an entry is used only if the
 * epoch is unchanged, which the request checks in the same statement that logs the read, so a
 * revocation, a suspension or new claims committed by any instance are seen on the next request.
 * Losing the cache (a restart, another instance) loses nothing but time.
 */
export interface FhirReadCache<Facts extends object> {
  /** The authorization facts read for an access token. */
  facts: LRUCache<string, Facts & { epoch: string }>;
  /** Finished answers by request and by what the token may see. */
  answers: LRUCache<string, CachedAnswer>;
}

const MAX_TOKENS = 10_000;
let cache: { bytes: number; value: FhirReadCache<object> } | undefined;

/** The process's cache, or null when FHIR_CACHE_MB=0. */
export function fhirReadCache<Facts extends object>(): FhirReadCache<Facts> | null {
  const bytes = appConfig().fhirCacheBytes;
  if (bytes === 0) return null;
  if (cache?.bytes !== bytes) {
    cache = {
      bytes,
      value: {
        facts: new LRUCache({ max: MAX_TOKENS }),
        answers: new LRUCache({ maxSize: bytes, sizeCalculation: (a) => a.body.length + 256 }),
      },
    };
  }
  return cache.value as unknown as FhirReadCache<Facts>;
}
