import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSharingChoice } from '@/lib/server/sharing/record-sharing-choice';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// FHIR R4 token search (search.html#token): `[system]|` is any code (or identifier value) in that
// system, `|[code]` a code with no system. Each search below is compared with the matches worked
// out here from every resource the member's token can see.

type Resource = Record<string, any>;
type Coding = { system?: string; code?: string };

const MARIA = '100000000001';
let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub();
  // Two Consents on her record: a Provider Access opt-out and a Payer-to-Payer permit.
  await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'deny', by: { kind: 'member' } });
  await recordSharingChoice({ memberId: MARIA, kind: 'payer_to_payer', decision: 'permit', policy: 'regular', otherPayers: [{ name: 'Harbor Health Plan', memberId: 'HH-1', relation: 'previous' }], by: { kind: 'member' } });
  token = String((await hub.launch({ memberId: MARIA })).tokens.access_token);
}, 120_000);
afterAll(async () => hub?.close());

async function matches(path: string): Promise<string[]> {
  const out: string[] = [];
  let next: string | undefined = `${hub.fhirBase}/${path}${path.includes('?') ? '&' : '?'}_count=200`;
  while (next) {
    const response = await fetch(next, { headers: { authorization: `Bearer ${token}`, prefer: 'handling=strict' } });
    const body = (await response.json()) as Resource;
    expect(response.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
    out.push(...(body.entry ?? []).filter((e: Resource) => e.search.mode === 'match').map((e: Resource) => e.resource.id));
    next = body.link?.find((l: Resource) => l.relation === 'next')?.url;
  }
  return out.sort();
}

async function everything(type: string): Promise<Resource[]> {
  const response = await fetch(`${hub.fhirBase}/${type}?_count=200`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as Resource;
  expect(body.link?.some((l: Resource) => l.relation === 'next'), `${type}: one page`).toBeFalsy();
  return (body.entry ?? []).map((e: Resource) => e.resource);
}

/** For each token search parameter that takes a system: the codings (or identifiers) it reads in a resource. */
const TOKEN_PATHS: Record<string, Record<string, (r: Resource) => Coding[]>> = {
  Patient: { identifier: (r) => r.identifier ?? [] },
  Coverage: { identifier: (r) => r.identifier ?? [] },
  ExplanationOfBenefit: { identifier: (r) => r.identifier ?? [], type: (r) => r.type?.coding ?? [] },
  Organization: { identifier: (r) => r.identifier ?? [] },
  Practitioner: { identifier: (r) => r.identifier ?? [] },
  MedicationKnowledge: { code: (r) => r.code?.coding ?? [] },
  Consent: {
    category: (r) => (r.category ?? []).flatMap((c: Resource) => c.coding ?? []),
    'provision-action': (r) => (r.provision?.action ?? []).flatMap((c: Resource) => c.coding ?? []),
  },
};

describe('token search by system alone (`system|`)', () => {
  it('finds every resource with an identifier or code in that system, for every token parameter that takes one', async () => {
    let checked = 0;
    for (const [type, parameters] of Object.entries(TOKEN_PATHS)) {
      const all = await everything(type);
      expect(all.length, type).toBeGreaterThan(0);
      for (const [parameter, codings] of Object.entries(parameters)) {
        const systems = new Set(all.flatMap((r) => codings(r).map((c) => c.system)).filter((s): s is string => Boolean(s)));
        expect(systems.size, `${type}.${parameter}`).toBeGreaterThan(0);
        for (const system of systems) {
          const expected = all.filter((r) => codings(r).some((c) => c.system === system)).map((r) => r.id).sort();
          expect(await matches(`${type}?${parameter}=${encodeURIComponent(system)}|`), `${type}?${parameter}=${system}|`).toEqual(expected);
          checked++;
        }
        expect(await matches(`${type}?${parameter}=${encodeURIComponent('http://example.org/no-such-system')}|`), `${type}?${parameter}: unknown system`).toEqual([]);
      }
    }
    expect(checked).toBeGreaterThan(8);
  });

  it('finds the Practitioners with an NPI (the tester\'s case)', async () => {
    const npi = 'http://hl7.org/fhir/sid/us-npi';
    const all = await everything('Practitioner');
    const withNpi = all.filter((r) => (r.identifier ?? []).some((i: Coding) => i.system === npi)).map((r) => r.id).sort();
    expect(withNpi.length).toBeGreaterThan(0);
    expect(await matches(`Practitioner?identifier=${npi}|`)).toEqual(withNpi);
  });

  it('reads a Consent\'s provision-type (a code: its system is consent-provision-type) and `|code` as a coding without a system', async () => {
    const all = await everything('Consent');
    const denies = all.filter((r) => r.provision?.type === 'deny').map((r) => r.id).sort();
    expect(denies.length).toBe(1);
    expect(await matches('Consent?provision-type=http://hl7.org/fhir/consent-provision-type|')).toEqual(all.map((r) => r.id).sort());
    expect(await matches('Consent?provision-type=http://hl7.org/fhir/consent-provision-type|deny')).toEqual(denies);
    expect(await matches('Consent?provision-type=http://example.org/other|deny')).toEqual([]);
    // Every Consent coding names its system: a coding without one matches none.
    expect(await matches('Consent?category=|IDSCL')).toEqual([]);
    expect(await matches('Consent?provision-action=|disclose')).toEqual([]);
    expect(await matches('Consent?category=http://terminology.hl7.org/CodeSystem/v3-ActCode|IDSCL')).toEqual(all.map((r) => r.id).sort());
  });
});
