import { describe, expect, it } from 'vitest';
import {
  categoriesRequested,
  grantedResourceScopes,
  parseResourceScope,
  readableResourceTypes,
  scopeAllows,
  scopeWithinRegistration,
  systemScopeWithinRegistration,
} from './smart-scopes';

describe('SMART scopes', () => {
  it('parses v2 and v1 patient scopes', () => {
    expect(parseResourceScope('patient/ExplanationOfBenefit.rs')).toMatchObject({ version: 'v2', read: true, search: true });
    expect(parseResourceScope('patient/*.read')).toMatchObject({ version: 'v1', resourceType: '*', read: true });
    expect(parseResourceScope('patient/Patient.sr')).toBeNull(); // wrong order
    expect(parseResourceScope('user/*.read')).toMatchObject({ level: 'user', version: 'v1', resourceType: '*', read: true, search: true });
    expect(parseResourceScope('user/ExplanationOfBenefit.rs')).toMatchObject({ level: 'user', version: 'v2', read: true, search: true });
    expect(parseResourceScope('system/*.read')).toBeNull();
    expect(parseResourceScope('patient/Observation.rs?category=laboratory')).toBeNull();
  });

  it('maps v1 to the same rights as v2', () => {
    expect(readableResourceTypes('patient/*.read')).toEqual(readableResourceTypes('patient/*.rs'));
    expect(scopeAllows('patient/Coverage.read', 'Coverage', 'search')).toBe(true);
    expect(scopeAllows('patient/Coverage.r', 'Coverage', 'search')).toBe(false);
    expect(scopeAllows('patient/Coverage.rs', 'ExplanationOfBenefit', 'read')).toBe(false);
    expect(scopeAllows('patient/*.write', 'Patient', 'read')).toBe(false);
  });

  it('gives user/ scopes the same rights as patient/ ones (the member\'s own compartment is decided by the grant)', () => {
    expect(readableResourceTypes('user/*.read')).toEqual(readableResourceTypes('patient/*.read'));
    expect(readableResourceTypes('user/*.rs')).toEqual(readableResourceTypes('patient/*.rs'));
    expect(scopeAllows('user/Coverage.read', 'Coverage', 'search')).toBe(true);
    expect(scopeAllows('user/Coverage.r', 'Coverage', 'search')).toBe(false);
    expect(scopeAllows('user/Coverage.rs', 'Patient', 'read')).toBe(false);
    expect(categoriesRequested('user/Patient.read user/ExplanationOfBenefit.read')).toEqual(['personal', 'claims']);
  });

  it('grants user/ scopes as user/ scopes, narrowed the same way', () => {
    expect(grantedResourceScopes('patient/*.read user/*.read', ['personal', 'claims', 'providers', 'drugs', 'coverage'])).toEqual(['patient/*.read', 'user/*.read']);
    expect(grantedResourceScopes('user/*.rs', ['personal', 'coverage'])).toEqual(['user/Patient.rs', 'user/Consent.rs', 'user/Coverage.rs']);
    expect(grantedResourceScopes('user/ExplanationOfBenefit.read', ['personal'])).toEqual([]);
    expect(grantedResourceScopes('system/*.read', ['personal'])).toEqual([]);
  });

  it('lists the categories an app asks for', () => {
    expect(categoriesRequested('openid patient/Patient.rs patient/ExplanationOfBenefit.rs')).toEqual(['personal', 'claims']);
    expect(categoriesRequested('patient/*.rs')).toEqual(['personal', 'claims', 'providers', 'drugs', 'coverage']);
  });

  it('grants no more than asked and no more than approved', () => {
    expect(grantedResourceScopes('patient/*.rs', ['personal', 'claims', 'providers', 'drugs', 'coverage'])).toEqual(['patient/*.rs']);
    expect(grantedResourceScopes('patient/*.rs', ['personal', 'coverage'])).toEqual(['patient/Patient.rs', 'patient/Consent.rs', 'patient/Coverage.rs']);
    expect(grantedResourceScopes('patient/*.read', ['personal'])).toEqual(['patient/Patient.read', 'patient/Consent.read']);
    expect(grantedResourceScopes('patient/Patient.rs', ['personal', 'claims'])).toEqual(['patient/Patient.rs']);
    expect(grantedResourceScopes('patient/*.rs', [])).toEqual([]);
  });

  it('keeps a request within the app\'s registration: a wildcard spelled out for the registered types, others left out', () => {
    const medtrack = 'launch/patient openid fhirUser offline_access patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs patient/MedicationKnowledge.rs';
    expect(scopeWithinRegistration('launch/patient openid fhirUser offline_access patient/*.rs', medtrack)).toBe(
      'launch/patient openid fhirUser offline_access patient/Patient.rs patient/ExplanationOfBenefit.rs patient/MedicationKnowledge.rs patient/Coverage.rs',
    );
    expect(categoriesRequested(scopeWithinRegistration('patient/*.rs', medtrack))).toEqual(['personal', 'claims', 'drugs', 'coverage']);
    // The level and permissions stay as asked; a type not registered is left out.
    expect(scopeWithinRegistration('user/*.read patient/Organization.rs patient/Coverage.r', medtrack)).toBe(
      'user/Patient.read user/ExplanationOfBenefit.read user/MedicationKnowledge.read user/Coverage.read patient/Coverage.r',
    );
    // Registered for every type (a wildcard, v1 or v2): the request stays as it is.
    for (const registered of ['patient/*.rs', 'patient/*.read']) {
      expect(scopeWithinRegistration('openid patient/*.rs user/*.read', registered)).toBe('openid patient/*.rs user/*.read');
    }
    // Nothing registered: only the scopes that are not about data.
    expect(scopeWithinRegistration('openid fhirUser patient/*.rs', 'openid')).toBe('openid fhirUser');
  });

  it('takes the v1 and v2 forms of a backend client\'s registered system/ permission as the same, and parts of it', () => {
    const registered = ['system/Group.read', 'system/Patient.rs'];
    for (const scope of ['system/Group.read', 'system/Group.rs', 'system/Group.r', 'system/Group.s', 'system/Patient.read', 'system/Patient.r']) {
      expect([scope, systemScopeWithinRegistration(scope, registered)]).toEqual([scope, true]);
    }
    for (const scope of ['system/Coverage.rs', 'system/*.read', 'system/Group.cruds', 'system/Group.write', 'system/Group.*', 'system/Group.sr', 'system/Group.rr', 'patient/Group.rs', 'system/Group.rs?x=1', '']) {
      expect([scope, systemScopeWithinRegistration(scope, registered)]).toEqual([scope, false]);
    }
    // The type as registered: a system/* registration is not read as each type (no client has one).
    expect(systemScopeWithinRegistration('system/Group.rs', ['system/*.read'])).toBe(false);
    expect(systemScopeWithinRegistration('system/*.rs', ['system/*.read'])).toBe(true);
  });
});
