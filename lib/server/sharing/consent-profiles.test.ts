import { describe, expect, it } from 'vitest';
import hrexConsent from '@/lib/testing/fhir-profiles/hrex-consent.json';
import pdexProviderConsent from '@/lib/testing/fhir-profiles/pdex-provider-consent.json';
import { checkDifferential, type DifferentialProfile } from '@/lib/testing/fhir-conformance/check-differential';
import { validateFhirResource } from '@/lib/testing/fhir-conformance/validate-fhir-resource';
import { buildConsentResource, HREX_CONSENT_PROFILE, HREX_POLICY, PDEX_PROVIDER_CONSENT_PROFILE, type ConsentSource } from './consent-resources';

const PDEX = pdexProviderConsent as DifferentialProfile;
const HREX = hrexConsent as DifferentialProfile;

const base: ConsentSource = {
  choiceId: '5a0c6d7e-0000-4000-8000-000000000001',
  version: 1,
  kind: 'provider_access',
  decision: 'deny',
  policy: null,
  otherPayers: [],
  patientId: 'pt-0123456789abcdef0123',
  performer: 'Patient/pt-0123456789abcdef0123',
  start: '2027-01-04',
  lastUpdated: '2027-01-04T15:00:00.000Z',
};
const plans = [
  { name: 'Harbor Health Plan', memberId: 'HHP-1001', relation: 'concurrent' as const },
  { name: 'Old Colony Health', memberId: 'OCH-77', relation: 'previous' as const },
];

const cases: [string, ConsentSource, DifferentialProfile, string][] = [
  ['Provider Access opt-out by the member', base, PDEX, PDEX_PROVIDER_CONSENT_PROFILE],
  ['Provider Access back on, by a representative', { ...base, decision: 'permit', performer: 'RelatedPerson/rp-0123' }, PDEX, PDEX_PROVIDER_CONSENT_PROFILE],
  ['Payer-to-Payer #regular', { ...base, kind: 'payer_to_payer', decision: 'permit', policy: 'regular', otherPayers: plans.slice(0, 1) }, HREX, HREX_CONSENT_PROFILE],
  ['Payer-to-Payer #sensitive, two plans', { ...base, kind: 'payer_to_payer', decision: 'permit', policy: 'sensitive', otherPayers: plans }, HREX, HREX_CONSENT_PROFILE],
];

describe('the Consent resources meet their Da Vinci profiles', () => {
  it.each(cases)('%s: base R4, and every cardinality, fixed value, pattern and required binding of the profile', (_name, source, profile, url) => {
    const consent = buildConsentResource(source)!;
    expect(consent.meta).toMatchObject({ profile: [url] });
    expect(validateFhirResource(consent, { profileUrl: 'http://hl7.org/fhir/StructureDefinition/Consent' }).errors).toEqual([]);
    expect(checkDifferential(consent, profile)).toEqual([]);
  });

  it('says what it means: deny is opted out, the policy URI says #regular or #sensitive, the API purpose is a PDex code', () => {
    const optOut = buildConsentResource(base)! as any;
    expect(optOut.provision.type).toBe('deny');
    expect(optOut.category[1].coding[0]).toEqual({ system: 'http://hl7.org/fhir/us/davinci-pdex/CodeSystem/pdex-consent-api-purpose', code: 'provider-access' });
    const p2p = buildConsentResource(cases[3][1])! as any;
    expect(p2p.policy).toEqual([{ uri: HREX_POLICY.sensitive }]);
    expect(p2p.category[1].coding[0].code).toBe('payer-to-payer');
    expect(p2p.provision.period).toEqual({ start: '2027-01-04', end: '2032-01-03' });
    // A withdrawn Payer-to-Payer permission is not a Consent: HRex only expresses a permit.
    expect(buildConsentResource({ ...cases[2][1], decision: 'deny' })).toBeNull();
  });

  it('the checks can fail: broken Consents are caught', () => {
    const pdex = buildConsentResource(base)! as any;
    expect(checkDifferential({ ...pdex, performer: undefined }, PDEX)).toContainEqual(expect.stringContaining('Consent.performer'));
    expect(checkDifferential({ ...pdex, status: 'inactive' }, PDEX)).toContainEqual(expect.stringContaining('Consent.status'));
    expect(checkDifferential({ ...pdex, category: [pdex.category[0]] }, PDEX)).toContainEqual(expect.stringContaining('Consent.category:apiPurpose'));
    expect(checkDifferential({ ...pdex, provision: { ...pdex.provision, action: [{ coding: [{ system: 'x', code: 'sell' }] }] } }, PDEX)).toContainEqual(
      expect.stringContaining('Consent.provision.action'),
    );
    expect(checkDifferential({ ...pdex, performer: [{ reference: 'Practitioner/1' }] }, PDEX)).toContainEqual(expect.stringContaining('is not a Patient or RelatedPerson'));
    const hrex = buildConsentResource(cases[2][1])! as any;
    expect(checkDifferential({ ...hrex, provision: { ...hrex.provision, type: 'deny' } }, HREX)).toContainEqual(expect.stringContaining('Consent.provision.type'));
    expect(checkDifferential({ ...hrex, policy: [{ uri: 'http://example.org/anything' }] }, HREX)).toContainEqual(expect.stringContaining('Consent.policy:hrex'));
    expect(checkDifferential({ ...hrex, provision: { ...hrex.provision, period: { start: '2027-01-04' } } }, HREX)).toContainEqual(expect.stringContaining('period.end'));
    expect(checkDifferential({ ...hrex, provision: { ...hrex.provision, actor: hrex.provision.actor.slice(0, 1) } }, HREX)).toContainEqual(expect.stringContaining('actor:recipient'));
    expect(checkDifferential({ ...hrex, sourceReference: undefined }, HREX)).toContainEqual(expect.stringContaining('Consent.source[x]'));
  });
});
