import 'server-only';

/**
 * What a staff user may do, by name. Every staff page, route and action names the one permission
 * it needs; roles only ever grant permissions, here and nowhere else.
 */
export const STAFF_PERMISSIONS = [
  'members:read',
  'consent:revoke',
  'cases:create',
  'flow:send-link',
  'cases:manage',
  'audit:read',
  'apps:review',
  'staff:manage',
  'reports:read',
] as const;
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

export const STAFF_ROLES = ['csr', 'privacy_officer', 'app_reviewer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const CUSTOMER_SERVICE: readonly StaffPermission[] = ['members:read', 'consent:revoke', 'cases:create', 'flow:send-link'];

/**
 * The one role table. A user's permissions are the union over their roles, so the admin role
 * stays narrow (running the staff list and the CMS reports): an administrator who also reviews
 * apps holds app_reviewer too, as alex.admin does in the demo data. Nobody gets everything by
 * being "admin", and nobody reads members or the audit trail without a role that needs to.
 */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly StaffPermission[]>> = {
  csr: CUSTOMER_SERVICE,
  privacy_officer: [...CUSTOMER_SERVICE, 'cases:manage', 'audit:read'],
  app_reviewer: ['apps:review'],
  admin: ['staff:manage', 'reports:read'],
};

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  csr: 'Customer service',
  privacy_officer: 'Privacy officer',
  app_reviewer: 'App reviewer',
  admin: 'Administrator',
};

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** Unknown role names (a typo in a group mapping, a role retired since) grant nothing. */
export function permissionsOf(roles: readonly string[]): ReadonlySet<StaffPermission> {
  return new Set(roles.filter(isStaffRole).flatMap((role) => ROLE_PERMISSIONS[role]));
}
