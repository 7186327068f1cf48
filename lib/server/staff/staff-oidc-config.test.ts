import { describe, expect, it } from 'vitest';
import { parseGroupRoles, rolesForGroups, staffOidcConfig } from './staff-oidc-config';

const base = { STAFF_OIDC_ISSUER: 'https://login.payer.example/realms/staff/', STAFF_OIDC_CLIENT_ID: 'consent-hub', STAFF_OIDC_CLIENT_SECRET: 's3cret' };

describe('staff identity provider configuration', () => {
  it('is off without its variables, and refuses half a configuration or a plain-http issuer', () => {
    expect(staffOidcConfig({})).toBeNull();
    expect(() => staffOidcConfig({ STAFF_OIDC_ISSUER: base.STAFF_OIDC_ISSUER })).toThrow(/together/);
    expect(() => staffOidcConfig({ ...base, STAFF_OIDC_ISSUER: 'http://login.payer.example' })).toThrow(/https/);
    expect(staffOidcConfig({ ...base, STAFF_OIDC_ISSUER: 'http://localhost:9000' })?.issuer).toBe('http://localhost:9000');
  });

  it('maps the provider’s groups to roles; groups not listed grant nothing', () => {
    const config = staffOidcConfig({ ...base, STAFF_OIDC_ROLES: 'payer-csr=csr, payer-privacy=privacy_officer,payer-it=admin+app_reviewer' })!;
    expect(config.issuer).toBe('https://login.payer.example/realms/staff');
    expect(rolesForGroups(config, ['payer-it', 'payer-csr', 'everyone'])).toEqual(['admin', 'app_reviewer', 'csr']);
    expect(rolesForGroups(config, 'payer-privacy everyone')).toEqual(['privacy_officer']);
    expect(rolesForGroups(config, ['everyone'])).toEqual([]);
    expect(rolesForGroups(config, undefined)).toEqual([]);
  });

  it('refuses a mapping to a role that does not exist', () => {
    expect(() => parseGroupRoles('payer-csr=superuser')).toThrow(/cannot read/);
    expect(() => parseGroupRoles('=csr')).toThrow(/cannot read/);
  });
});
