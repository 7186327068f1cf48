import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carinBbPackage, packageResources } from '@/lib/testing/fhir-conformance/read-fhir-package';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { startTestHub, type TestHub } from '@/lib/testing/test-hub';

// Every search parameter and _include that CARIN BB 2.0.0's own CapabilityStatement marks SHALL,
// read from the IG package, run against a member's real token. Each answer is compared with the
// matches worked out here from the member's whole record (FHIR's search rules, written out
// independently of the server): the right resources, no more and no fewer.

type Resource = Record<string, any>;

const MARIA = '100000000001';
const FATIMA = '100000000016';
const SERVED_TYPES = ['Patient', 'Coverage', 'ExplanationOfBenefit', 'Organization', 'Practitioner'];

let hub: TestHub;
let token: string;
const record = new Map<string, Resource[]>();

const expectation = (element: Resource) =>
  element.extension?.find((e: Resource) => e.url === 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation')?.valueCode;
const carinStatement = packageResources(carinBbPackage(), 'CapabilityStatement')[0];
const carinResources: Resource[] = carinStatement.rest[0].resource;

async function bundle(path: string) {
  const response = await fetch(`${hub.fhirBase}/${path}`, { headers: { authorization: `Bearer ${token}`, prefer: 'handling=strict' } });
  const body = await response.json();
  expect(response.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  const entries = (body.entry ?? []) as { resource: Resource; search: { mode: string } }[];
  return {
    matches: entries.filter((e) => e.search.mode === 'match').map((e) => e.resource),
    includes: entries.filter((e) => e.search.mode === 'include').map((e) => e.resource),
    next: body.link?.find((l: Resource) => l.relation === 'next')?.url as string | undefined,
    self: body.link?.find((l: Resource) => l.relation === 'self')?.url as string | undefined,
  };
}

/** Every match of a search, all pages. */
async function allMatches(path: string): Promise<Resource[]> {
  const out: Resource[] = [];
  let page = await bundle(path);
  out.push(...page.matches);
  while (page.next) {
    page = await bundle(page.next.slice(hub.fhirBase.length + 1));
    out.push(...page.matches);
  }
  return out;
}

const ids = (resources: Resource[]) => resources.map((r) => `${r.resourceType}/${r.id}`).sort();

/** FHIR date search on day-precision values: a value is the days from `start` to `end`. */
function dateMatches(prefix: string, searchDay: string, value: { start: string; end: string }): boolean {
  const low = searchDay;
  const high = new Date(Date.parse(`${searchDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const start = value.start.slice(0, 10);
  const end = value.end.slice(0, 10);
  switch (prefix) {
    case 'eq':
      return start >= low && end < high;
    case 'ne':
      return !(start >= low && end < high);
    case 'gt':
      return end >= high;
    case 'sa':
      return start >= high;
    case 'ge':
      return end >= low;
    case 'lt':
      return start < low;
    case 'eb':
      return end < low;
    case 'le':
      return start < high;
  }
  throw new Error(prefix);
}

const itemDays = (eob: Resource) => (eob.item ?? []).map((i: Resource) => i.servicedDate ?? i.servicedPeriod?.start).filter(Boolean) as string[];
const day = (d: string) => ({ start: d, end: d });

/** What each date parameter of CARIN BB reads (its SearchParameter expression). */
const DATE_VALUES: Record<string, (eob: Resource) => { start: string; end: string }[]> = {
  'service-date': (eob) => [{ start: eob.billablePeriod.start, end: eob.billablePeriod.end ?? eob.billablePeriod.start }, ...itemDays(eob).map(day)],
  'service-start-date': (eob) => [day(eob.billablePeriod.start), ...itemDays(eob).map(day)],
  'billable-period-start': (eob) => [day(eob.billablePeriod.start)],
};

beforeAll(async () => {
  hub = await startTestHub();
  ({ tokens: { access_token: token } } = await hub.launch({ memberId: MARIA, includeSensitive: true }));
  for (const type of SERVED_TYPES) record.set(type, await allMatches(`${type}?_count=200`));
}, 240_000);
afterAll(async () => hub?.close());

describe("CARIN BB's SHALL searches and includes", () => {
  it('are the ones this test runs (read from the IG, so a new SHALL in it fails here first)', () => {
    const shall = carinResources.flatMap((r) =>
      (r.searchParam ?? []).filter((p: Resource) => expectation(p) === 'SHALL').map((p: Resource) => `${r.type}?${p.name}`),
    );
    expect(shall.sort()).toEqual(
      [
        'Coverage?_id',
        'ExplanationOfBenefit?_id',
        'ExplanationOfBenefit?patient',
        'ExplanationOfBenefit?_lastUpdated',
        'ExplanationOfBenefit?type',
        'ExplanationOfBenefit?identifier',
        'ExplanationOfBenefit?service-date',
        'ExplanationOfBenefit?service-start-date',
        'ExplanationOfBenefit?billable-period-start',
        'Organization?_id',
        'Patient?_id',
        'Practitioner?_id',
        // RelatedPerson is a SHOULD resource this API does not serve (representatives are not in the member's record).
        'RelatedPerson?_id',
      ].sort(),
    );
    const includes = carinResources.flatMap((r) => r.searchInclude ?? []);
    expect(includes.sort()).toEqual(
      ['Coverage:payor', ...['patient', 'provider', 'care-team', 'coverage', 'insurer', 'payee', '*'].map((p) => `ExplanationOfBenefit:${p}`)].sort(),
    );
  });

  it('finds each resource by _id, and nothing for an id that is not the member\'s', async () => {
    for (const type of SERVED_TYPES) {
      const all = record.get(type)!;
      expect(all.length, type).toBeGreaterThan(0);
      const [first, second] = all;
      expect(ids((await bundle(`${type}?_id=${first.id}`)).matches)).toEqual(ids([first]));
      if (second) expect(ids((await bundle(`${type}?_id=${first.id},${second.id}`)).matches)).toEqual(ids([first, second]));
    }
    const fatimaPatient = patientIdFor(FATIMA);
    expect((await bundle(`Patient?_id=${fatimaPatient}`)).matches).toEqual([]);
  });

  it('finds all of the member\'s claims by patient, in either reference form, and none of another member\'s', async () => {
    const eobs = record.get('ExplanationOfBenefit')!;
    const patient = patientIdFor(MARIA);
    expect(eobs.length).toBeGreaterThan(50);
    expect(ids(await allMatches(`ExplanationOfBenefit?patient=${patient}&_count=200`))).toEqual(ids(eobs));
    expect(ids(await allMatches(`ExplanationOfBenefit?patient=Patient/${patient}&_count=200`))).toEqual(ids(eobs));
    expect((await bundle(`ExplanationOfBenefit?patient=${patientIdFor(FATIMA)}`)).matches).toEqual([]);
  });

  it('filters claims by _lastUpdated', async () => {
    const eobs = record.get('ExplanationOfBenefit')!;
    const sorted = eobs.map((e) => e.meta.lastUpdated as string).sort();
    const middle = sorted[Math.floor(sorted.length / 2)].slice(0, 10);
    for (const prefix of ['ge', 'lt']) {
      const expected = eobs.filter((e) => (prefix === 'ge' ? e.meta.lastUpdated.slice(0, 10) >= middle : e.meta.lastUpdated.slice(0, 10) < middle));
      expect(expected.length, prefix).toBeGreaterThan(0);
      expect(ids(await allMatches(`ExplanationOfBenefit?patient=${patientIdFor(MARIA)}&_lastUpdated=${prefix}${middle}&_count=200`)), prefix).toEqual(ids(expected));
    }
  });

  it('filters claims by type, as a code and as system|code', async () => {
    const eobs = record.get('ExplanationOfBenefit')!;
    for (const type of ['institutional', 'professional', 'pharmacy', 'oral', 'vision']) {
      const expected = eobs.filter((e) => e.type.coding.some((c: Resource) => c.code === type));
      expect(expected.length, type).toBeGreaterThan(0);
      expect(ids(await allMatches(`ExplanationOfBenefit?patient=${patientIdFor(MARIA)}&type=${type}&_count=200`)), type).toEqual(ids(expected));
    }
    const system = 'http://terminology.hl7.org/CodeSystem/claim-type';
    expect(ids(await allMatches(`ExplanationOfBenefit?type=${encodeURIComponent(`${system}|oral`)}&_count=200`))).toEqual(
      ids(eobs.filter((e) => e.type.coding[0].code === 'oral')),
    );
    // A token names its system: any code of it with `system|`, none of another system's, and
    // `|code` a coding with no system (every claim's type coding has one).
    expect(ids(await allMatches(`ExplanationOfBenefit?type=${encodeURIComponent(`${system}|`)}&_count=200`))).toEqual(ids(eobs));
    for (const token of ['|oral', 'http://example.org/other|oral', '|']) {
      expect(await allMatches(`ExplanationOfBenefit?type=${encodeURIComponent(token)}&_count=200`), token).toEqual([]);
    }
  });

  it('reads a repeated token parameter as AND and its comma-separated values as OR (type, identifier, code)', async () => {
    const eobs = record.get('ExplanationOfBenefit')!;
    const typed = (type: string) => eobs.filter((e) => e.type.coding.some((c: Resource) => c.code === type));
    const patient = `patient=${patientIdFor(MARIA)}&_count=200`;
    // A claim has one type: two different ones together find nothing, either of them finds both kinds.
    expect(await allMatches(`ExplanationOfBenefit?${patient}&type=pharmacy&type=oral`)).toEqual([]);
    expect(ids(await allMatches(`ExplanationOfBenefit?${patient}&type=pharmacy,oral`))).toEqual(ids([...typed('pharmacy'), ...typed('oral')]));
    expect(ids(await allMatches(`ExplanationOfBenefit?${patient}&type=pharmacy,oral&type=oral`))).toEqual(ids(typed('oral')));
    const [first, second] = [eobs[3], eobs[4]];
    const value = (eob: Resource) => encodeURIComponent(eob.identifier[0].value);
    expect(await allMatches(`ExplanationOfBenefit?identifier=${value(first)}&identifier=${value(second)}`)).toEqual([]);
    expect(ids(await allMatches(`ExplanationOfBenefit?identifier=${value(first)},${value(second)}`))).toEqual(ids([first, second]));
    expect(ids(await allMatches(`ExplanationOfBenefit?identifier=${value(first)}&identifier=${value(first)},${value(second)}`))).toEqual(ids([first]));
    const drugs = await allMatches('MedicationKnowledge?_count=200');
    const [one, other] = [drugs[0].code.coding[0].code, drugs.find((d) => d.code.coding[0].code !== drugs[0].code.coding[0].code)!.code.coding[0].code];
    expect(await allMatches(`MedicationKnowledge?code=${one}&code=${other}`)).toEqual([]);
    expect(ids(await allMatches(`MedicationKnowledge?code=${one}&code=${one},${other}`))).toEqual(
      ids(drugs.filter((d) => d.code.coding.some((c: Resource) => c.code === one))),
    );
  });

  it('finds a covered drug by code, as a code, as system|code and system|, and nothing in another system or none', async () => {
    const drugs = await allMatches('MedicationKnowledge?_count=200');
    expect(drugs.length).toBeGreaterThan(1);
    const { system, code } = drugs[0].code.coding[0];
    const withCode = ids(drugs.filter((d) => d.code.coding.some((c: Resource) => c.code === code)));
    expect(ids(await allMatches(`MedicationKnowledge?code=${encodeURIComponent(code)}&_count=200`))).toEqual(withCode);
    expect(ids(await allMatches(`MedicationKnowledge?code=${encodeURIComponent(`${system}|${code}`)}&_count=200`))).toEqual(withCode);
    expect(ids(await allMatches(`MedicationKnowledge?code=${encodeURIComponent(`${system}|`)}&_count=200`))).toEqual(
      ids(drugs.filter((d) => d.code.coding.some((c: Resource) => c.system === system))),
    );
    for (const token of [`http://example.org/other|${code}`, `|${code}`]) {
      expect(await allMatches(`MedicationKnowledge?code=${encodeURIComponent(token)}&_count=200`), token).toEqual([]);
    }
  });

  it('finds a claim by its identifier, as a value and as system|value', async () => {
    const eob = record.get('ExplanationOfBenefit')![3];
    const { system, value } = eob.identifier[0];
    expect(ids((await bundle(`ExplanationOfBenefit?identifier=${encodeURIComponent(value)}`)).matches)).toEqual(ids([eob]));
    expect(ids((await bundle(`ExplanationOfBenefit?identifier=${encodeURIComponent(`${system}|${value}`)}`)).matches)).toEqual(ids([eob]));
    expect((await bundle(`ExplanationOfBenefit?identifier=${encodeURIComponent(`${system}|nope`)}`)).matches).toEqual([]);
  });

  it('filters claims by service-date, service-start-date and billable-period-start with every prefix, stays spanning several days included', async () => {
    const eobs = record.get('ExplanationOfBenefit')!;
    // A day inside a hospital stay with lines on several days: only the rules above find it right.
    const stay = eobs.find((e) => new Set(itemDays(e)).size > 1 && e.billablePeriod.end > e.billablePeriod.start);
    expect(stay, 'a multi-day stay in the record').toBeDefined();
    const lineDay = [...new Set(itemDays(stay!))].sort().find((d) => d > stay!.billablePeriod.start)!;
    const pharmacyDay = eobs.find((e) => e.type.coding[0].code === 'pharmacy')!.billablePeriod.start;
    for (const [parameter, values] of Object.entries(DATE_VALUES)) {
      for (const searchDay of [lineDay, pharmacyDay, stay!.billablePeriod.start]) {
        for (const prefix of ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'sa', 'eb']) {
          const expected = eobs.filter((e) => values(e).some((v) => dateMatches(prefix, searchDay, v)));
          const found = await allMatches(`ExplanationOfBenefit?patient=${patientIdFor(MARIA)}&${parameter}=${prefix}${searchDay}&_count=200`);
          expect(ids(found), `${parameter}=${prefix}${searchDay}`).toEqual(ids(expected));
        }
      }
    }
    // The stay's own later line day finds it by service-date and service-start-date, not by billable-period-start.
    const has = async (query: string) => ids((await allMatches(`ExplanationOfBenefit?${query}&_count=200`))).includes(`ExplanationOfBenefit/${stay!.id}`);
    expect(await has(`service-date=${lineDay}`)).toBe(true);
    expect(await has(`service-start-date=${lineDay}`)).toBe(true);
    expect(await has(`billable-period-start=${lineDay}`)).toBe(false);
  }, 120_000);

  it('includes exactly what each EOB include points to, ExplanationOfBenefit:* all of them', async () => {
    const eobs = record.get('ExplanationOfBenefit')!.slice(0, 8);
    const idList = eobs.map((e) => e.id).join(',');
    const follow: Record<string, (e: Resource) => unknown[]> = {
      patient: (e) => [e.patient?.reference],
      provider: (e) => [e.provider?.reference],
      'care-team': (e) => (e.careTeam ?? []).map((c: Resource) => c.provider?.reference),
      coverage: (e) => (e.insurance ?? []).map((i: Resource) => i.coverage?.reference),
      insurer: (e) => [e.insurer?.reference],
      payee: (e) => [e.payee?.party?.reference],
    };
    const referenced = (names: string[]) => [...new Set(eobs.flatMap((e) => names.flatMap((n) => follow[n](e))).filter(Boolean) as string[])].sort();
    for (const name of Object.keys(follow)) {
      const { matches, includes } = await bundle(`ExplanationOfBenefit?_id=${idList}&_include=ExplanationOfBenefit:${name}`);
      expect(ids(matches), name).toEqual(ids(eobs));
      expect(ids(includes), name).toEqual(referenced([name]));
    }
    const { includes } = await bundle(`ExplanationOfBenefit?_id=${idList}&_include=ExplanationOfBenefit:*`);
    expect(ids(includes)).toEqual(referenced(Object.keys(follow)));
    // payee and provider differ on dental claims (the dentist provides, the practice is paid).
    expect(referenced(['payee'])).not.toEqual(referenced(['provider']));
  });

  it('includes each Coverage\'s payor, and follows it on from an EOB with _include:iterate', async () => {
    const coverages = record.get('Coverage')!;
    const payors = [...new Set(coverages.flatMap((c) => c.payor.map((p: Resource) => p.reference)))].sort();
    const { matches, includes } = await bundle(`Coverage?_id=${coverages.map((c) => c.id).join(',')}&_include=Coverage:payor`);
    expect(ids(matches)).toEqual(ids(coverages));
    expect(ids(includes)).toEqual(payors);
    expect(payors).toEqual(['Organization/org-masshealth']);

    const eob = record.get('ExplanationOfBenefit')![0];
    const iterated = await bundle(`ExplanationOfBenefit?_id=${eob.id}&_include=ExplanationOfBenefit:coverage&_include:iterate=Coverage:payor`);
    expect(ids(iterated.includes)).toEqual([eob.insurance[0].coverage.reference, 'Organization/org-masshealth'].sort());
  });

  it('reads a version (vread) and refuses one that does not exist', async () => {
    for (const type of SERVED_TYPES) {
      const resource = record.get(type)![0];
      expect(resource.meta.versionId, type).toBe('1');
      const response = await fetch(`${hub.fhirBase}/${type}/${resource.id}/_history/1`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, type).toBe(200);
      expect(await response.json()).toEqual(resource);
      expect(await hub.fhirStatus(`${type}/${resource.id}/_history/2`, token), type).toBe(404);
      // A read and a vread carry the version and the time it was written (R4 3.1.0.3), readable
      // from a browser app (CORS exposes both).
      for (const path of [`${type}/${resource.id}`, `${type}/${resource.id}/_history/1`]) {
        const read = await fetch(`${hub.fhirBase}/${path}`, { headers: { authorization: `Bearer ${token}` } });
        expect(read.headers.get('etag'), path).toBe('W/"1"');
        expect(read.headers.get('last-modified'), path).toBe(new Date(resource.meta.lastUpdated).toUTCString());
        expect(read.headers.get('access-control-expose-headers')).toMatch(/\betag\b.*\blast-modified\b/);
      }
    }
    // A search's Bundle is not one version of one resource: no ETag.
    const search = await fetch(`${hub.fhirBase}/Coverage`, { headers: { authorization: `Bearer ${token}` } });
    expect(search.status).toBe(200);
    expect(search.headers.get('etag')).toBeNull();
    expect(await hub.fhirStatus(`Patient/${patientIdFor(FATIMA)}/_history/1`, token)).toBe(404);
  });
});

describe('paging links', () => {
  it("a next page's self link names that page (its cursor), and a page size or cursor given twice is refused", async () => {
    const first = await bundle('ExplanationOfBenefit?_count=5');
    expect(first.self).toBe(`${hub.fhirBase}/ExplanationOfBenefit?_count=5`);
    const second = await bundle(first.next!.slice(hub.fhirBase.length + 1));
    expect(second.self).toBe(first.next);
    const again = await bundle(second.self!.slice(hub.fhirBase.length + 1));
    expect(ids(again.matches)).toEqual(ids(second.matches));
    for (const twice of ['ExplanationOfBenefit?_count=3&_count=5', `${first.next!.slice(hub.fhirBase.length + 1)}&_cursor=abc`]) {
      const response = await fetch(`${hub.fhirBase}/${twice}`, { headers: { authorization: `Bearer ${token}` } });
      expect([twice, response.status]).toEqual([twice, 400]);
      expect((await response.json()).resourceType).toBe('OperationOutcome');
    }
  });
});
