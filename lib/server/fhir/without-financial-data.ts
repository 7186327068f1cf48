import 'server-only';

/**
 * The non-financial view of a claim that Provider Access and Payer-to-Payer share (CMS-0057-F,
 * 42 CFR 422.121(a) and (b), 431.61): claims and encounter data "excluding provider remittances
 * and enrollee cost-sharing information". Member apps (Patient Access) get the claim whole.
 *
 * What goes is what CARIN BB 2.1.0 took out of its ExplanationOfBenefit profiles to make the
 * non-financial "Basis" ones that Da Vinci PDex requires for these two APIs (pdex-75): `total`,
 * every adjudication amount, and with them the line prices (`net`, `unitPrice`, `factor`) and
 * `benefitBalance`; and `payment` whole: Basis leaves its type and date optional, but when and how
 * the plan paid the provider is the remittance, and CARIN's non-financial examples carry none of it. What stays of
 * adjudication is what the Basis profiles keep: the C4BBAdjudicationDiscriminator slices, i.e.
 * network and benefit payment status, allowed units, and adjustment and reject reasons, each
 * without an amount.
 *
 * meta.profile: the claim no longer meets the CARIN BB 2.0.0 profile it declares (`total` 1..*,
 * an amount per adjudication), so that claim is dropped. The profile it does follow,
 * http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-<kind>-Basis
 * (Inpatient-Institutional, Outpatient-Institutional, Professional-NonClinician, Oral, Pharmacy),
 * exists from CARIN BB 2.1.0 on, whose package is not in lib/testing/fhir-packages, and 2.1.0's
 * base ExplanationOfBenefit differs from 2.0.0's (identifier slicing, care team invariants, US Core
 * 6.1): declaring it would be a claim no test here proves. The served claim declares no profile
 * until that package is here to check it against.
 */

const C4BB_ADJUDICATION_DISCRIMINATOR = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator';
const C4BB_CLAIM_PROFILES = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit';

/** What a claim as a whole says about money: totals, the payment to the provider, benefits used. */
const CLAIM_MONEY = ['total', 'payment', 'benefitBalance'];
/** What a line (item, addItem, their detail and subDetail) says about money. */
const LINE_MONEY = ['net', 'unitPrice', 'factor'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The stored JSON a SMART backend services client (a provider, another health plan) receives:
 * an ExplanationOfBenefit without its money, anything else as it is stored. The version stays
 * the stored one (meta.versionId, hence the ETag `W/"1"`): this is a view of that version for the
 * client, as `_summary` would be, not another version; each client only ever sees its own view,
 * and conditional reads are not supported.
 */
export function asSharedWithBackend(resourceType: string, json: string): string {
  if (resourceType !== 'ExplanationOfBenefit') return json;
  return JSON.stringify(withoutFinancialData(JSON.parse(json) as Json));
}

/** A copy of one ExplanationOfBenefit without its amounts (see the file's comment for what goes and why). */
export function withoutFinancialData(claim: Json): Json {
  const copy = structuredClone(claim);
  for (const name of CLAIM_MONEY) delete copy[name];
  // A narrative would tell the amounts in words; the structured data is all the client needs.
  delete copy.text;
  keepNonFinancialAdjudication(copy);
  for (const list of ['item', 'addItem']) withoutLineMoney(copy[list]);
  dropFinancialProfiles(copy);
  dropMoney(copy);
  return copy;
}

function withoutLineMoney(lines: unknown): void {
  if (!Array.isArray(lines)) return;
  for (const line of lines) {
    if (!isObject(line)) continue;
    for (const name of LINE_MONEY) delete line[name];
    keepNonFinancialAdjudication(line);
    withoutLineMoney(line.detail);
    withoutLineMoney(line.subDetail);
  }
}

/**
 * Keeps the adjudication entries whose category is one of CARIN's non-financial slices, each
 * without an amount; every other category (submitted, eligible, copay, deductible, member
 * liability, paid to provider…) is an amount or a share of one, a coinsurance percentage in
 * `value` included.
 */
function keepNonFinancialAdjudication(holder: Json): void {
  if (!Array.isArray(holder.adjudication)) return;
  const kept = holder.adjudication.filter(isObject).filter(isNonFinancialAdjudication);
  for (const entry of kept) delete entry.amount;
  if (kept.length) holder.adjudication = kept;
  else delete holder.adjudication;
}

function isNonFinancialAdjudication(entry: Json): boolean {
  const category = entry.category;
  if (!isObject(category) || !Array.isArray(category.coding)) return false;
  return category.coding.some((coding) => isObject(coding) && coding.system === C4BB_ADJUDICATION_DISCRIMINATOR);
}

function dropFinancialProfiles(claim: Json): void {
  const meta = claim.meta;
  if (!isObject(meta) || !Array.isArray(meta.profile)) return;
  const profiles = meta.profile.filter((url) => typeof url !== 'string' || !url.startsWith(C4BB_CLAIM_PROFILES));
  if (profiles.length) meta.profile = profiles;
  else delete meta.profile;
}

/**
 * Whatever money the steps above did not name (an extension's valueMoney, an element a later
 * generator adds): any `amount`, `valueMoney` or object holding a currency goes; an extension
 * whose value is Money goes whole, as an extension without a value is not FHIR.
 */
function dropMoney(holder: Json): void {
  for (const [name, child] of Object.entries(holder)) {
    if (isMoney(name, child)) delete holder[name];
    else if (Array.isArray(child)) {
      const kept = child.filter((element) => !isMoney(name, element) && !(isObject(element) && 'valueMoney' in element));
      for (const element of kept) if (isObject(element)) dropMoney(element);
      if (kept.length) holder[name] = kept;
      else delete holder[name];
    } else if (isObject(child)) dropMoney(child);
  }
}

const isMoney = (name: string, value: unknown) => name === 'amount' || name === 'valueMoney' || (isObject(value) && 'currency' in value);
