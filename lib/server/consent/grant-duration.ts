import 'server-only';

export const GRANT_DURATIONS = ['once', '90d', '1y'] as const;
export type GrantDuration = (typeof GRANT_DURATIONS)[number];

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When access ends. "One time" gives the app one hour to read, and no refresh token. A previous
 * member's grant never outlives their own access (the end of its last day, payer time).
 */
export function grantExpiresAt(duration: GrantDuration, now: Date, accessEndsAt?: Date | null): Date {
  const span = duration === 'once' ? 60 * 60 * 1000 : duration === '90d' ? 90 * ONE_DAY_MS : 365 * ONE_DAY_MS;
  const end = new Date(now.getTime() + span);
  return accessEndsAt && accessEndsAt < end ? accessEndsAt : end;
}

export function allowsRefresh(duration: GrantDuration): boolean {
  return duration !== 'once';
}
