import 'server-only';

/**
 * A staff session ends 30 minutes after the last thing the staff user did, and 8 hours after they
 * signed in however busy they are (a shift), whichever comes first.
 */
export const STAFF_SESSION_IDLE_SECONDS = 30 * 60;
export const STAFF_SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60;

/** Whether a staff session that began at `verifiedAt` (ms) may still be used at `now`. */
export function withinStaffShift(verifiedAt: number, now: Date): boolean {
  const age = now.getTime() - verifiedAt;
  return age >= 0 && age < STAFF_SESSION_ABSOLUTE_SECONDS * 1000;
}
