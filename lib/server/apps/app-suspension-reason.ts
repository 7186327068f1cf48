import 'server-only';

const PREFIX = 'app-suspended:';

/** A grant's `revoked_reason` when the payer ended it by suspending its app, with the decision's criterion. */
export function appSuspensionReason(criterion: string): string {
  return `${PREFIX}${criterion}`;
}

/** The criterion of a suspension that ended a grant; null when something else ended it. */
export function suspensionCriterionOf(revokedReason: string | null): string | null {
  return revokedReason?.startsWith(PREFIX) ? revokedReason.slice(PREFIX.length) : null;
}

/** For a SQL LIKE: every grant a suspension ended, whatever its criterion. */
export const APP_SUSPENSION_REASON_PATTERN = `${PREFIX}%`;
