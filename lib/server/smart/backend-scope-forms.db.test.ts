import { describe, expect, it } from 'vitest';
import { backendToken } from '@/lib/testing/backend-token';
import { suiteHub } from '@/lib/testing/suite-hub';

// Registered for system/Group.read, Patient, Coverage and ExplanationOfBenefit .read (lib/demo/fixtures/provider-access.json).
const PROVIDER = 'boston-community-provider-access';
const GROUP = 'pg-boston-community';

const suite = suiteHub({ dataDirPrefix: 'hub-backend-scope-forms-', mailToDevOutbox: false });

describe('a backend client asks in SMART v1 or v2, for what it is registered for', () => {
  it('gets system/Group.rs for a registration of system/Group.read, as asked, and reads its Group with it', async () => {
    const issued = await backendToken(suite.hub.url, PROVIDER, 'system/Group.rs');
    expect([issued.status, issued.body.error_description]).toEqual([200, undefined]);
    expect(issued.body.scope).toBe('system/Group.rs');
    const group = await fetch(`${suite.hub.fhirBase}/Group/${GROUP}`, { headers: { authorization: `Bearer ${issued.body.access_token}`, accept: 'application/fhir+json' } });
    expect(group.status).toBe(200);
  });

  it('gets part of a registered permission (.r, .s) and a mix of v1 and v2, each scope as asked', async () => {
    for (const scope of ['system/Group.r', 'system/Group.s', 'system/Group.read system/Patient.rs', 'system/Patient.r system/Group.rs']) {
      const issued = await backendToken(suite.hub.url, PROVIDER, scope);
      expect([scope, issued.status, issued.body.scope]).toEqual([scope, 200, scope]);
    }
  });

  it('is still refused a scope beyond its registration, in either form', async () => {
    for (const scope of ['system/Organization.rs', 'system/*.rs', 'system/Group.cruds', 'system/Group.rsu', 'system/Group.write', 'system/Group.*', 'system/Group.sr', 'system/Group.rs patient/Group.rs']) {
      const refused = await backendToken(suite.hub.url, PROVIDER, scope);
      expect([scope, refused.status, refused.body.error]).toEqual([scope, 400, 'invalid_scope']);
    }
  });
});
