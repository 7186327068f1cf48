import { describe, expect, it } from 'vitest';
import { demoMemberInputs } from './synthetic/demo-member-inputs.test-support';
import { generateMemberRecords } from './synthetic/generate-member-records';
import type { EobType } from './synthetic/synthetic-record';
import { asSharedWithBackend, withoutFinancialData } from './without-financial-data';

// Provider Access and Payer-to-Payer share claims without provider remittances and enrollee cost
// sharing (CMS-0057-F): every kind of claim the generator writes, and the money elements it does
// not write (yet), leave without a single amount and with everything else they said.

type Json = Record<string, any>;

const DISCRIMINATOR = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator';
const KINDS: EobType[] = ['inpatient', 'outpatient', 'professional', 'vision', 'pharmacy', 'oral'];

const eobs = demoMemberInputs('2026-03-31')
  .flatMap(generateMemberRecords)
  .filter((r) => r.resourceType === 'ExplanationOfBenefit');

const MONEY_ELEMENTS = ['amount', 'valueMoney', 'total', 'payment', 'benefitBalance', 'net', 'unitPrice', 'factor'];
/** A Money (FHIR R4): a value with its currency, or a value alone where nothing says it is a Quantity. */
const isMoneyShaped = (name: string, value: unknown) =>
  typeof value === 'object' && value !== null &&
  ('currency' in value || (name !== 'quantity' && !name.startsWith('value') && Object.keys(value).join() === 'value'));

/** Where the JSON still holds money: a money element, or a Money-shaped object anywhere. */
function moneyPaths(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => moneyPaths(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([name, child]) =>
    MONEY_ELEMENTS.includes(name) || isMoneyShaped(name, child) ? [`${path}.${name}`] : moneyPaths(child, `${path}.${name}`),
  );
}

const codes = (entries: Json[] | undefined) => (entries ?? []).map((e) => e.category.coding[0].code as string);
const nonFinancial = (entries: Json[] | undefined) =>
  (entries ?? []).filter((e) => e.category.coding.some((c: Json) => c.system === DISCRIMINATOR)).map(({ amount: _amount, ...rest }) => rest);

describe('withoutFinancialData', () => {
  it('covers every kind of claim the generator writes, both ways institutional claims are adjudicated', () => {
    const kinds = new Set(eobs.map((r) => r.eobType));
    expect([...kinds].sort()).toEqual([...KINDS].sort());
    const institutional = eobs.filter((r) => r.eobType === 'inpatient' || r.eobType === 'outpatient').map((r) => r.resource as Json);
    // Claim-level amounts (the claim adjudicated as a whole) and line-level ones.
    expect(institutional.some((c) => codes(c.adjudication).includes('paidtoprovider'))).toBe(true);
    expect(institutional.some((c) => c.item.some((i: Json) => codes(i.adjudication).includes('paidtoprovider')))).toBe(true);
  });

  for (const kind of KINDS) {
    it(`leaves no money in the ${kind} claims and keeps everything else`, () => {
      const claims = eobs.filter((r) => r.eobType === kind).map((r) => r.resource as Json);
      expect(claims.length).toBeGreaterThan(0);
      for (const stored of claims) {
        const before = structuredClone(stored);
        expect(moneyPaths(stored).length, stored.id).toBeGreaterThan(0);
        const shared: Json = withoutFinancialData(stored);
        expect(moneyPaths(shared), stored.id).toEqual([]);
        // The stored claim (what a member's app gets) is untouched.
        expect(stored).toEqual(before);

        // Who, what, when and why: as stored.
        const { total: _t, payment: _p, adjudication: _a, item: _i, meta, ...rest } = stored;
        const { adjudication: sharedAdjudication, item: sharedItems, meta: sharedMeta, ...sharedRest } = shared;
        expect(sharedRest, stored.id).toEqual(rest);
        expect(rest.identifier.length).toBeGreaterThan(0);
        expect(rest.billablePeriod.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(rest.provider.reference).toMatch(/^(Organization|Practitioner)\//);
        if (kind !== 'pharmacy') expect(rest.diagnosis.length).toBeGreaterThan(0);
        // The same version, without the financial profile claim.
        const { profile: _profile, ...metaWithoutProfile } = meta;
        expect(sharedMeta).toEqual(metaWithoutProfile);
        expect(sharedMeta.versionId).toBe('1');

        // Claim-level adjudication: the network and benefit payment statuses stay, the amounts go.
        expect(sharedAdjudication).toEqual(nonFinancial(stored.adjudication));
        expect(codes(sharedAdjudication)).toContain('billingnetworkstatus');
        // Each line: its service, day, quantity and codes stay; its prices and amounts go.
        expect(sharedItems).toHaveLength(stored.item.length);
        stored.item.forEach((line: Json, index: number) => {
          const { net: _net, adjudication, ...service } = line;
          const { adjudication: sharedLineAdjudication, ...sharedService } = sharedItems[index];
          expect(sharedService).toEqual(service);
          expect(sharedService.productOrService.coding[0].code).toBeTruthy();
          expect(sharedService.servicedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          const kept = nonFinancial(adjudication);
          if (kept.length) expect(sharedLineAdjudication).toEqual(kept);
          else expect(sharedLineAdjudication).toBeUndefined();
        });
      }
    });
  }

  it('keeps what CARIN\'s Basis profiles keep of adjudication, each without its amount: statuses, allowed units, adjustment reasons', () => {
    const professional = eobs.find((r) => r.eobType === 'professional' && codes((r.resource as Json).item[0].adjudication).includes('adjustmentreason'))!;
    const line = (withoutFinancialData(professional.resource as Json) as Json).item[0];
    expect(codes(line.adjudication).sort()).toEqual(['adjustmentreason', 'allowedunits', 'benefitpaymentstatus']);
    const reason = line.adjudication.find((e: Json) => e.category.coding[0].code === 'adjustmentreason');
    expect(reason.reason.coding[0].code).toBe('45');
    expect(reason.amount).toBeUndefined();
    expect(line.adjudication.find((e: Json) => e.category.coding[0].code === 'allowedunits').value).toBe(line.quantity.value);
  });

  it('takes out the money the generator does not write: added lines, details, benefit balances, a coinsurance rate, an extension\'s Money, the narrative', () => {
    const usd = (value: number) => ({ value, currency: 'USD' });
    const status = { category: { coding: [{ system: DISCRIMINATOR, code: 'benefitpaymentstatus' }] }, reason: { coding: [{ code: 'innetwork' }] } };
    const coinsurance = { category: { coding: [{ system: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication', code: 'coinsurance' }] }, value: 20 };
    const copay = { category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'copay' }] }, amount: usd(25) };
    const claim: Json = {
      resourceType: 'ExplanationOfBenefit',
      id: 'x',
      meta: { versionId: '1', profile: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Oral|2.0.0', 'http://example.org/other'] },
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">You paid $25.00</div>' },
      extension: [{ url: 'http://example.org/fee', valueMoney: usd(3) }, { url: 'http://example.org/flag', valueBoolean: true }],
      item: [{
        sequence: 1,
        productOrService: { coding: [{ code: 'D0120' }] },
        unitPrice: usd(50),
        factor: 1,
        net: usd(50),
        adjudication: [status, coinsurance, copay],
        detail: [{ sequence: 1, productOrService: { coding: [{ code: 'D0120' }] }, net: usd(50), adjudication: [copay], subDetail: [{ sequence: 1, productOrService: { coding: [{ code: 'D0120' }] }, unitPrice: usd(5), adjudication: [copay] }] }],
      }],
      addItem: [{ productOrService: { coding: [{ code: 'D1110' }] }, net: usd(80), adjudication: [copay, status], detail: [{ productOrService: { coding: [{ code: 'D1110' }] }, net: usd(80), adjudication: [copay] }] }],
      benefitBalance: [{ category: { coding: [{ code: '1' }] }, financial: [{ type: { coding: [{ code: 'benefit' }] }, allowedMoney: usd(1000), usedMoney: usd(80) }] }],
      total: [{ category: copay.category, amount: usd(25) }],
      payment: { type: { coding: [{ code: 'paid' }] }, amount: usd(55), adjustment: usd(0), date: '2025-01-01' },
    };
    const shared: Json = withoutFinancialData(claim);
    expect(moneyPaths(shared)).toEqual([]);
    expect(JSON.stringify(shared)).not.toMatch(/USD|\$25/);
    expect(shared).toEqual({
      resourceType: 'ExplanationOfBenefit',
      id: 'x',
      meta: { versionId: '1', profile: ['http://example.org/other'] },
      extension: [{ url: 'http://example.org/flag', valueBoolean: true }],
      item: [{
        sequence: 1,
        productOrService: { coding: [{ code: 'D0120' }] },
        adjudication: [status],
        detail: [{ sequence: 1, productOrService: { coding: [{ code: 'D0120' }] }, subDetail: [{ sequence: 1, productOrService: { coding: [{ code: 'D0120' }] } }] }],
      }],
      addItem: [{ productOrService: { coding: [{ code: 'D1110' }] }, adjudication: [status], detail: [{ productOrService: { coding: [{ code: 'D1110' }] } }] }],
    });
  });

  it('answers a backend client with the claim\'s JSON without money, and anything else byte for byte as stored', () => {
    const stored = JSON.stringify(eobs[0].resource);
    expect(moneyPaths(JSON.parse(asSharedWithBackend('ExplanationOfBenefit', stored)))).toEqual([]);
    const patient = '{"resourceType":"Patient","id":"p","extension":[{"url":"u","valueMoney":{"value":1,"currency":"USD"}}]}';
    expect(asSharedWithBackend('Patient', patient)).toBe(patient);
  });
});
