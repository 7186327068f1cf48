import type { StaffPermission } from '@/lib/server/staff/staff-permissions';

/**
 * The console's navigation: one entry per tool, shown to whoever holds its permission (the page
 * itself checks the permission again on the server). A new tool adds its line here.
 */
export const STAFF_NAV_ENTRIES: readonly { href: string; label: string; permission: StaffPermission }[] = [
  { href: '/staff', label: 'Find a caller', permission: 'members:read' },
  { href: '/staff/cases', label: 'Privacy queue', permission: 'cases:manage' },
  { href: '/staff/audit', label: 'Audit trail', permission: 'audit:read' },
  { href: '/staff/reports', label: 'CMS reports', permission: 'reports:read' },
  { href: '/staff/apps', label: 'App review', permission: 'apps:review' },
];
