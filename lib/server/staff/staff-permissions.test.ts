import { describe, expect, it } from 'vitest';
import membersFixture from '@/lib/demo/fixtures/members.json';
import { permissionsOf, STAFF_ROLES } from './staff-permissions';

const demo = (username: string) => membersFixture.staff.find((s) => s.username === username)!.roles;

describe('staff permissions', () => {
  it('gives each demo user what their job needs and nothing more', () => {
    expect([...permissionsOf(demo('casey.csr'))].sort()).toEqual(['cases:create', 'consent:revoke', 'flow:send-link', 'members:read']);
    expect([...permissionsOf(demo('pat.privacy'))].sort()).toEqual(['audit:read', 'cases:create', 'cases:manage', 'consent:revoke', 'flow:send-link', 'members:read']);
    expect([...permissionsOf(demo('alex.admin'))].sort()).toEqual(['apps:review', 'reports:read', 'staff:manage']);
  });

  it('every fixture role is a known role, and unknown role names grant nothing', () => {
    for (const s of membersFixture.staff) for (const role of s.roles) expect(STAFF_ROLES).toContain(role);
    expect(permissionsOf(['superuser', 'ADMIN', ''])).toEqual(new Set());
  });
});
