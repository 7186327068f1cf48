import 'server-only';

const MINUTE = 60;

/**
 * How much member information one staff user may open. Every lookup and every member or
 * representative screen counts; past the limit the console says to wait. Long before that, a
 * user who opens many different members in a short time is flagged in the privacy officer's
 * queue (a caller a minute is a busy shift; fifteen in ten minutes is not a phone call).
 */
export const STAFF_LOOKUP_LIMITS = {
  accessesPerUser: { limit: 60, windowSeconds: 10 * MINUTE },
  flag: { distinctMembers: 15, windowSeconds: 10 * MINUTE },
} as const;
