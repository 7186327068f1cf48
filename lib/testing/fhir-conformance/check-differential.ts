/**
 * Checks a resource against a profile's differential (lib/testing/fhir-profiles/): cardinality of
 * every constrained element (slices counted by their pattern or bound discriminator), fixed codes,
 * CodeableConcept patterns, required bindings (value sets listed beside the differential) and
 * reference targets. The Da Vinci Consent profiles have no snapshot in their sources, and what they
 * constrain is all in the differential.
 */
export interface DifferentialProfile {
  url: string;
  differential: { element: DifferentialElement[] };
  valueSets?: Record<string, string[]>;
}
interface DifferentialElement {
  id: string;
  sliceName?: string;
  min?: number;
  max?: string;
  fixedCode?: string;
  patternCodeableConcept?: { coding: { system?: string; code?: string }[] };
  binding?: { strength: string; valueSet: string };
  type?: { code: string; targetProfile?: string[] }[];
  slicing?: { discriminator: { type: string; path: string }[] };
}

type Node = Record<string, any>;
const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

const TARGET_TYPES: Record<string, string> = {
  'us-core-patient': 'Patient',
  'us-core-relatedperson': 'RelatedPerson',
  RelatedPerson: 'RelatedPerson',
  'us-core-practitioner': 'Practitioner',
  'hrex-practitionerrole': 'PractitionerRole',
  'hrex-organization': 'Organization',
  DocumentReference: 'DocumentReference',
};
const targetType = (url: string) => TARGET_TYPES[url.split('|')[0].split('/').pop() ?? ''] ?? '?';

function matchesPattern(value: unknown, pattern: { coding: { system?: string; code?: string }[] }): boolean {
  const codings = asArray((value as Node)?.coding) as { system?: string; code?: string }[];
  return pattern.coding.every((p) => codings.some((c) => (p.system === undefined || c.system === p.system) && (p.code === undefined || c.code === p.code)));
}

export function checkDifferential(resource: Node, profile: DifferentialProfile): string[] {
  const elements = new Map(profile.differential.element.map((e) => [e.id, e]));
  const problems: string[] = [];
  const inValueSet = (url: string, value: unknown): boolean => {
    const codes = profile.valueSets?.[url];
    if (!codes) return true;
    if (typeof value === 'string') return codes.includes(value);
    return asArray((value as Node)?.coding).some((c) => codes.includes((c as Node).code));
  };
  const isSliceMember = (sliceId: string, node: unknown): boolean => {
    const slice = elements.get(sliceId)!;
    let decided = false;
    if (slice.patternCodeableConcept) {
      decided = true;
      if (!matchesPattern(node, slice.patternCodeableConcept)) return false;
    }
    for (const [id, e] of elements) {
      if (!id.startsWith(`${sliceId}.`) || id.slice(sliceId.length + 1).includes('.')) continue;
      const child = (node as Node)?.[id.slice(sliceId.length + 1)];
      if (e.patternCodeableConcept) {
        decided = true;
        if (!matchesPattern(child, e.patternCodeableConcept)) return false;
      }
    }
    if (!decided && slice.binding) {
      const unsliced = elements.get(sliceId.slice(0, sliceId.lastIndexOf(':')));
      const path = unsliced?.slicing?.discriminator[0]?.path ?? '$this';
      return inValueSet(slice.binding.valueSet, path === '$this' ? node : (node as Node)?.[path]);
    }
    return true;
  };
  /** Every instance of an element id, grouped by the instance of its parent they sit in. */
  const instances = (id: string): unknown[][] => {
    if (!id.includes('.')) return [[resource]];
    const cut = id.lastIndexOf('.');
    const [name, slice] = id.slice(cut + 1).split(':');
    const parents = instances(id.slice(0, cut)).flat();
    return parents.map((parent) => {
      const own = name.endsWith('[x]')
        ? Object.keys(parent as Node).filter((k) => k.startsWith(name.slice(0, -3))).flatMap((k) => asArray((parent as Node)[k]))
        : asArray((parent as Node)[name]);
      return slice ? own.filter((node) => isSliceMember(id, node)) : own;
    });
  };
  for (const e of profile.differential.element) {
    if (!e.id.includes('.')) continue;
    for (const group of instances(e.id)) {
      if (e.min !== undefined && group.length < e.min) problems.push(`${e.id}: ${group.length} present, at least ${e.min} required`);
      if (e.max !== undefined && e.max !== '*' && group.length > Number(e.max)) problems.push(`${e.id}: ${group.length} present, at most ${e.max} allowed`);
      for (const node of group) {
        if (e.fixedCode !== undefined && node !== e.fixedCode) problems.push(`${e.id}: ${JSON.stringify(node)} is not the fixed ${e.fixedCode}`);
        if (e.patternCodeableConcept && !e.sliceName && !matchesPattern(node, e.patternCodeableConcept)) problems.push(`${e.id}: does not match its pattern`);
        if (e.binding?.strength === 'required' && !e.sliceName && !inValueSet(e.binding.valueSet, node)) problems.push(`${e.id}: not in ${e.binding.valueSet}`);
        if (e.binding?.strength === 'required' && e.sliceName && !isSliceMember(e.id, node)) problems.push(`${e.id}: not in ${e.binding.valueSet}`);
        const targets = e.type?.find((t) => t.code === 'Reference')?.targetProfile;
        const reference = (node as Node)?.reference;
        if (targets && typeof reference === 'string' && !targets.map(targetType).includes(reference.split('/').slice(-2)[0])) {
          problems.push(`${e.id}: ${reference} is not a ${targets.map(targetType).join(' or ')}`);
        }
      }
    }
  }
  return problems;
}
