import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhirResources } from '@/lib/db/schema';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { backendToken } from '@/lib/testing/backend-token';
import { linhSharesWithHarbor, memberMatchRequest } from '@/lib/testing/member-match-request';
import { suiteHub } from '@/lib/testing/suite-hub';
import { withoutFinancialData } from './without-financial-data';

// CMS-0057-F: Provider Access (42 CFR 422.121(a)) and Payer-to-Payer (422.121(b)) share claims
// "excluding provider remittances and enrollee cost-sharing information". A provider's token and
// another plan's get every claim without its amounts, by search, _include, read and vread; the
// member's own app gets the same claim with them, as stored.

const MARIA = '100000000001'; // attributed to Boston Community
const LINH = '100000000005'; // no provider; her next plan reads her claims once she opts in
const PROVIDER = 'boston-community-provider-access';
const PLAN = 'harbor-health-plan-p2p';
const ALL_READS = 'system/Group.read system/Patient.read system/Coverage.read system/ExplanationOfBenefit.read';
const MONEY = /"(amount|total|payment|benefitBalance|net|unitPrice|currency)"/;

type Json = Record<string, any>;

const suite = suiteHub({ dataDirPrefix: 'hub-backend-claims-without-money-', mailToDevOutbox: false });

async function call(path: string, token: string) {
  const response = await fetch(`${suite.hub.fhirBase}/${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json', 'accept-encoding': 'identity' } });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), text, body: JSON.parse(text) as Json };
}

/** The member's claims as stored, by id. */
async function storedClaims(memberId: string): Promise<Map<string, Json>> {
  const rows = await suite.hub.db
    .select({ id: fhirResources.id, resource: fhirResources.resource })
    .from(fhirResources)
    .where(and(eq(fhirResources.patientId, patientIdFor(memberId)), eq(fhirResources.resourceType, 'ExplanationOfBenefit')))
    .orderBy(desc(fhirResources.serviceDate));
  return new Map(rows.map((r) => [r.id, JSON.parse(r.resource) as Json]));
}

/** The claims a backend client received: each the stored claim without its money, and nothing else changed. */
function expectWithoutMoney(served: Json[], stored: Map<string, Json>) {
  expect(served.length).toBeGreaterThan(0);
  for (const claim of served) {
    expect(JSON.stringify(claim), claim.id).not.toMatch(MONEY);
    expect(claim, claim.id).toEqual(withoutFinancialData(stored.get(claim.id)!));
    expect(claim.meta.versionId).toBe('1');
    expect(claim.meta.profile).toBeUndefined();
    expect(claim.item[0].productOrService.coding[0].code, claim.id).toBeTruthy();
  }
}

/** A read, its vread and the member app's read of the same claim: without money for the client, whole for the app. */
async function expectReadsDiffer(claimId: string, stored: Json, backend: string, memberApp: string) {
  const read = await call(`ExplanationOfBenefit/${claimId}`, backend);
  expect([read.status, read.etag]).toEqual([200, 'W/"1"']);
  expect(read.body).toEqual(withoutFinancialData(stored));
  const vread = await call(`ExplanationOfBenefit/${claimId}/_history/1`, backend);
  expect([vread.status, vread.etag, vread.text]).toEqual([200, 'W/"1"', read.text]);

  const own = await call(`ExplanationOfBenefit/${claimId}`, memberApp);
  expect([own.status, own.etag]).toEqual([200, 'W/"1"']);
  expect(own.body).toEqual(stored);
  expect(own.text).toMatch(MONEY);
  expect(own.body.total.length).toBeGreaterThan(0);
  expect(own.body.payment.amount.currency).toBe('USD');
}

async function memberAppToken(memberId: string): Promise<string> {
  const { tokens } = await suite.hub.launch({ memberId });
  return tokens.access_token as string;
}

describe('Provider Access: claims without provider remittances and cost sharing', () => {
  let provider: string;
  beforeAll(async () => {
    // The demo provider is registered for all four reads (lib/demo/fixtures/provider-access.json).
    const issued = await backendToken(suite.hub.url, PROVIDER, ALL_READS);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    provider = issued.body.access_token;
  });

  it('serves every claim of a search without money, with the resources it includes as stored; the member\'s app gets the amounts', async () => {
    const maria = patientIdFor(MARIA);
    const stored = await storedClaims(MARIA);
    const search = await call(`ExplanationOfBenefit?patient=${maria}&_count=200&_include=ExplanationOfBenefit:*`, provider);
    expect(search.status, search.text).toBe(200);
    const entries = search.body.entry as Json[];
    expectWithoutMoney(entries.filter((e) => e.search.mode === 'match').map((e) => e.resource), stored);
    const included = entries.filter((e) => e.search.mode === 'include').map((e) => e.resource as Json);
    expect(included.map((r) => r.resourceType)).toContain('Coverage');
    for (const resource of included) {
      const [row] = await suite.hub.db.select({ resource: fhirResources.resource }).from(fhirResources).where(eq(fhirResources.id, resource.id));
      expect(resource, resource.id).toEqual(JSON.parse(row.resource));
    }

    const [claimId, claim] = [...stored].find(([id]) => entries.some((e) => e.resource.id === id))!;
    await expectReadsDiffer(claimId, claim, provider, await memberAppToken(MARIA));
  });
});

describe('Payer-to-Payer: claims without provider remittances and cost sharing', () => {
  const linh = patientIdFor(LINH);
  let plan: string;
  beforeAll(async () => {
    plan = (await backendToken(suite.hub.url, PLAN, 'system/Patient.read system/ExplanationOfBenefit.read')).body.access_token;
    await linhSharesWithHarbor();
    const matched = await fetch(`${suite.hub.fhirBase}/Patient/$member-match`, {
      method: 'POST',
      headers: { authorization: `Bearer ${plan}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(memberMatchRequest()),
    });
    expect(matched.status, await matched.text()).toBe(200);
  });

  it('serves the matched member\'s claims without money by search, read and vread; her own app gets the amounts', async () => {
    const stored = await storedClaims(LINH);
    const search = await call(`ExplanationOfBenefit?patient=${linh}&_count=200`, plan);
    expect(search.status, search.text).toBe(200);
    const served = (search.body.entry as Json[]).map((e) => e.resource);
    expectWithoutMoney(served, stored);
    await expectReadsDiffer(served[0].id, stored.get(served[0].id)!, plan, await memberAppToken(LINH));
  });
});
