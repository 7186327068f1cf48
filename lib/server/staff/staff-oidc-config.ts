import 'server-only';
import { isStaffRole, type StaffRole } from './staff-permissions';

/** The payer's own identity provider for staff, when the environment names one. */
export interface StaffOidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's words: "Sign in with <label>". */
  label: string;
  scope: string;
  groupsClaim: string;
  /** Group name at the provider → roles here. A group not listed grants nothing. */
  groupRoles: ReadonlyMap<string, readonly StaffRole[]>;
}

/**
 * STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID and STAFF_OIDC_CLIENT_SECRET turn it on (all three or
 * none: half a configuration is an error, not a silent fallback); STAFF_OIDC_ROLES maps groups
 * to roles as `group=role,group=role+role`.
 */
export function staffOidcConfig(env: Record<string, string | undefined> = process.env): StaffOidcConfig | null {
  const issuer = env.STAFF_OIDC_ISSUER?.trim().replace(/\/+$/, '');
  const clientId = env.STAFF_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.STAFF_OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret) {
    throw new Error('Staff sign-in with an identity provider needs STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID and STAFF_OIDC_CLIENT_SECRET together.');
  }
  if (!/^https:\/\//.test(issuer) && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(issuer)) {
    throw new Error('STAFF_OIDC_ISSUER must be an https URL (http only on localhost).');
  }
  return {
    issuer,
    clientId,
    clientSecret,
    label: env.STAFF_OIDC_NAME?.trim() || 'your organization',
    scope: env.STAFF_OIDC_SCOPE?.trim() || 'openid profile email',
    groupsClaim: env.STAFF_OIDC_GROUPS_CLAIM?.trim() || 'groups',
    groupRoles: parseGroupRoles(env.STAFF_OIDC_ROLES ?? ''),
  };
}

/** `payer-csr=csr,payer-privacy=privacy_officer,payer-it=admin+app_reviewer`; unknown roles refused loudly. */
export function parseGroupRoles(text: string): ReadonlyMap<string, readonly StaffRole[]> {
  const map = new Map<string, StaffRole[]>();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.lastIndexOf('=');
    const group = entry.slice(0, eq).trim();
    const roles = entry.slice(eq + 1).split('+').map((r) => r.trim());
    if (eq <= 0 || roles.some((r) => !isStaffRole(r))) throw new Error(`STAFF_OIDC_ROLES: cannot read "${entry}" (group=role, roles: csr, privacy_officer, app_reviewer, admin)`);
    map.set(group, [...new Set([...(map.get(group) ?? []), ...(roles as StaffRole[])])]);
  }
  return map;
}

/** The roles a provider's groups claim (an array, or one space- or comma-separated string) grants. */
export function rolesForGroups(config: Pick<StaffOidcConfig, 'groupRoles'>, groups: unknown): StaffRole[] {
  const names = Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : typeof groups === 'string' ? groups.split(/[\s,]+/) : [];
  return [...new Set(names.flatMap((g) => config.groupRoles.get(g) ?? []))].sort();
}
