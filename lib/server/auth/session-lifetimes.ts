import 'server-only';

export type SessionKind = 'member' | 'representative' | 'staff';

export interface SessionLifetime {
  /** The session ends after this long without activity (an action, a renewal). */
  idleSeconds: number;
  /** And this long after the identity check, however active (README: "Sessions"). */
  absoluteSeconds: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * Every hub session's lifetimes, in one place. Members and representatives prove who they are with
 * an email code on what is often a shared or borrowed device: 15 idle minutes, and two hours from
 * the code at most, long enough to connect a few apps and review the account in one sitting. Staff
 * work a shift on a managed workstation: 30 idle minutes, 8 hours at most.
 */
export const SESSION_LIFETIMES: Record<SessionKind, SessionLifetime> = {
  member: { idleSeconds: 15 * MINUTE, absoluteSeconds: 2 * HOUR },
  representative: { idleSeconds: 15 * MINUTE, absoluteSeconds: 2 * HOUR },
  staff: { idleSeconds: 30 * MINUTE, absoluteSeconds: 8 * HOUR },
};
