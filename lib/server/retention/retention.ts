import 'server-only';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Past a row's end, how long before a request that loaded it just in time has finished with it,
 * and longer than instances' clocks disagree: no reader ever finds a row gone that it still counts
 * as live. Short, because none of these rows is read once it has ended.
 */
const GRACE_MS = 5 * MINUTE_MS;

/**
 * How long each kind of row is kept once its use is over, in one place (purge-expired-data.ts
 * applies it). audit_events and access_log are not here: they are the six-year HIPAA record and
 * the member's "who read my data" view, and nothing purges them.
 */
export const RETENTION = {
  /**
   * connect_flows after expires_at (two hours from the start): the member ID, authority and grant
   * in `state` are of no use once the flow can no longer be loaded (connect-flow-store.ts).
   */
  connectFlowsAfterExpiry: GRACE_MS,
  /** portal_launches after expires_at (ten minutes from approval): an expired launch is never redeemed. */
  portalLaunchesAfterExpiry: GRACE_MS,
  /** form_drafts after expires_at (an hour): never put back once expired (form-drafts.ts). */
  formDraftsAfterExpiry: GRACE_MS,
  /**
   * oidc_models after expires_at: the adapter finds no expired row (oidc-adapter.ts), so a
   * consumed code or rotated refresh token is kept exactly as long as its replay can be told
   * apart and the grant revoked. Rows with no expiry are left to the provider and the hub session
   * purge (they end with revocation or sign-out).
   */
  oidcModelsAfterExpiry: GRACE_MS,
  /**
   * verification_codes after expires_at: customer service reads a person's recent codes (sent,
   * confirmed, ran out: list-verification-attempts.ts) when they call about signing in, which
   * they do within days. Only hashes are stored; no limit counts these rows (the limits have
   * their own counters in rate_limits), and the audit trail keeps that a code was sent.
   */
  verificationCodesAfterExpiry: 30 * DAY_MS,
  /**
   * rate_limits after window_start: a counter whose window (or lockout, which restarts the
   * window) is over counts as a fresh start anyway. A day is well past the longest rule's window
   * (an hour: codes per person and per address, staff connect links); retention.test.ts checks it.
   */
  rateLimitsAfterWindowStart: DAY_MS,
  /**
   * outbox: the address and params of a message 30 days after it was sent, or after it could no
   * longer be sent (an expired code's email), are scrubbed, not deleted: the row's dedupe key keeps
   * a notice from being sent twice. 30 days answers "did my email go out?" as long as people ask.
   */
  mailScrubAfterSentOrExpired: 30 * DAY_MS,
} as const;
