/**
 * Turns the entries of ExplanationOfBenefit search bundles into table rows.
 * Pure: no I/O, tolerant of missing or oddly shaped fields (a payer's data is
 * not ours to trust), so one bad claim never breaks the page.
 */

export interface Money {
  value: number;
  currency: string;
}

export interface ClaimRow {
  id: string;
  /** ISO date (YYYY-MM-DD) of the billable period start or the earliest item service date. */
  date: string | null;
  type: string | null;
  provider: string | null;
  diagnosisCodes: string[];
  paid: Money | null;
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: unknown;
}

type Json = Record<string, unknown>;

// CARIN Blue Button (C4BBAdjudication) and HL7 adjudication codes for what the plan paid,
// in order of preference: the payment lines first, the overall benefit only when they are absent.
const PAID_TO_CODES = ['paidtoprovider', 'paidtopatient'];
const BENEFIT_CODES = ['benefit', 'payment'];

export function summarizeClaims(entries: readonly BundleEntry[] | null | undefined): ClaimRow[] {
  const list = Array.isArray(entries) ? entries : [];
  const rows = list
    .map((entry) => asObject(entry?.resource))
    .filter((resource): resource is Json => resource?.resourceType === 'ExplanationOfBenefit')
    .map((eob) => toRow(eob, list));
  // Newest first; claims without a date go last. Array.prototype.sort is stable.
  return rows.sort((a, b) => {
    if (a.date === b.date) return 0;
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  });
}

function toRow(eob: Json, entries: readonly BundleEntry[]): ClaimRow {
  return {
    id: asString(eob.id) ?? '',
    date: claimDate(eob),
    type: codeableText(eob.type),
    provider: providerName(eob, entries),
    diagnosisCodes: diagnosisCodes(eob),
    paid: paidAmount(eob),
  };
}

function claimDate(eob: Json): string | null {
  const billableStart = isoDate(asObject(eob.billablePeriod)?.start);
  if (billableStart) return billableStart;
  const itemDates = asArray(eob.item)
    .map(asObject)
    .map((item) => isoDate(item?.servicedDate) ?? isoDate(asObject(item?.servicedPeriod)?.start))
    .filter((date): date is string => date !== null)
    .sort();
  return itemDates[0] ?? null;
}

function providerName(eob: Json, entries: readonly BundleEntry[]): string | null {
  const provider = asObject(eob.provider);
  if (!provider) return null;
  const display = asString(provider.display);
  if (display) return display;
  const reference = asString(provider.reference);
  if (!reference) return null;
  const target = reference.startsWith('#')
    ? asArray(eob.contained)
        .map(asObject)
        .find((resource) => resource?.id === reference.slice(1))
    : findIncluded(reference, entries);
  return target ? resourceName(target) : null;
}

function findIncluded(reference: string, entries: readonly BundleEntry[]): Json | undefined {
  for (const entry of entries) {
    const resource = asObject(entry?.resource);
    if (!resource) continue;
    const typeAndId = `${String(resource.resourceType)}/${String(resource.id)}`;
    if (entry.fullUrl === reference || typeAndId === reference || entry.fullUrl?.endsWith(`/${reference}`)) {
      return resource;
    }
  }
  return undefined;
}

function resourceName(resource: Json): string | null {
  const name = resource.name;
  if (typeof name === 'string') return name || null;
  return humanName(asArray(name));
}

/** Formats the first usable HumanName, preferring the official one. */
export function humanName(names: readonly unknown[]): string | null {
  const candidates = names.map(asObject).filter((name): name is Json => name !== null);
  const name = candidates.find((n) => n.use === 'official') ?? candidates[0];
  if (!name) return null;
  const text = asString(name.text);
  if (text) return text;
  const parts = [...asArray(name.given), name.family].filter((part): part is string => typeof part === 'string' && part !== '');
  return parts.length ? parts.join(' ') : null;
}

function diagnosisCodes(eob: Json): string[] {
  const diagnoses = asArray(eob.diagnosis)
    .map(asObject)
    .filter((d): d is Json => d !== null)
    .sort((a, b) => (asNumber(a.sequence) ?? Infinity) - (asNumber(b.sequence) ?? Infinity));
  const codes = diagnoses.map((diagnosis) => {
    const concept = asObject(diagnosis.diagnosisCodeableConcept);
    if (concept) {
      const coded = asArray(concept.coding)
        .map(asObject)
        .map((coding) => asString(coding?.code))
        .find((code) => code);
      return coded ?? asString(concept.text);
    }
    return asString(asObject(diagnosis.diagnosisReference)?.display);
  });
  return [...new Set(codes.filter((code): code is string => Boolean(code)))];
}

function paidAmount(eob: Json): Money | null {
  const payment = money(asObject(eob.payment)?.amount);
  if (payment) return payment;
  const totals = asArray(eob.total)
    .map(asObject)
    .filter((t): t is Json => t !== null)
    .map((t) => ({ codes: categoryCodes(t.category), amount: money(t.amount) }))
    .filter((t): t is { codes: string[]; amount: Money } => t.amount !== null);
  for (const wanted of [PAID_TO_CODES, BENEFIT_CODES]) {
    const matching = totals.filter((t) => t.codes.some((code) => wanted.includes(code)));
    if (matching.length) {
      const currency = matching[0].amount.currency;
      // Different currencies cannot be added up; show the first line rather than a wrong sum.
      if (matching.some((t) => t.amount.currency !== currency)) return matching[0].amount;
      const cents = matching.reduce((sum, t) => sum + Math.round(t.amount.value * 100), 0);
      return { value: cents / 100, currency };
    }
  }
  return null;
}

function categoryCodes(category: unknown): string[] {
  return asArray(asObject(category)?.coding)
    .map(asObject)
    .map((coding) => asString(coding?.code)?.toLowerCase())
    .filter((code): code is string => Boolean(code));
}

function money(value: unknown): Money | null {
  const amount = asObject(value);
  const number = asNumber(amount?.value);
  if (number === null) return null;
  return { value: number, currency: asString(amount?.currency) ?? 'USD' };
}

function codeableText(value: unknown): string | null {
  const concept = asObject(value);
  if (!concept) return null;
  const text = asString(concept.text);
  if (text) return text;
  const codings = asArray(concept.coding).map(asObject);
  for (const coding of codings) {
    const label = asString(coding?.display) ?? asString(coding?.code);
    if (label) return label;
  }
  return null;
}

function isoDate(value: unknown): string | null {
  const text = asString(value);
  return text && /^\d{4}(-\d{2}(-\d{2})?)?/.test(text) ? text.slice(0, 10) : null;
}

function asObject(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
