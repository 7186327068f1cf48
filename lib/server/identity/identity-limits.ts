import 'server-only';
import type { RateLimitRule } from '@/lib/server/rate-limit/consume-rate-limit';

const MINUTE = 60;

/** The email-code rules of the architecture's fixed points. */
export const VERIFICATION_CODE_RULES = {
  digits: 6,
  validSeconds: 10 * MINUTE,
  maxFailedAttempts: 5,
  resendWaitSeconds: 60,
} as const;

/**
 * Strict where a guesser aims at one person, generous per network address: a carrier, a public
 * library or a whole office shares one address, and so does a test run.
 */
export const IDENTITY_LIMITS = {
  /** Failed "Verify identity" tries for one member ID (or representative ID). */
  failuresPerId: { limit: 5, windowSeconds: 15 * MINUTE },
  /** Failed "Verify identity" tries from one network address. */
  failuresPerNetwork: { limit: 100, windowSeconds: 15 * MINUTE },
  /** Codes sent to one member or representative, whatever the purpose. */
  codesPerSubject: { limit: 10, windowSeconds: 60 * MINUTE },
  /** Codes sent to one email address (a family may share one across members). */
  codesPerEmail: { limit: 10, windowSeconds: 60 * MINUTE },
  /** Codes sent at the request of one network address. */
  codesPerNetwork: { limit: 100, windowSeconds: 15 * MINUTE },
} as const satisfies Record<string, RateLimitRule>;
