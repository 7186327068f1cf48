import type { FhirTerminology } from './fhir-terminology';

/**
 * The profile rules @medplum/core's validator does not apply (it checks a profile's top-level
 * elements only, follows no type profile, and evaluates no terminology binding), applied by
 * walking the profile's snapshot over the instance at every depth:
 * - cardinality of every element and of every slice, inside slices and backbone elements too;
 * - slicing by `value`, `pattern` and `type` discriminators (all CARIN BB 2.0.0 uses), with
 *   closed slicing refusing what matches no slice; a discriminator on a required binding with no
 *   fixed value matches the codes of its value set;
 * - fixed[x] and pattern[x] values;
 * - required bindings, against value sets expanded from the packages at hand (FhirTerminology);
 * - the types a choice element or slice allows, and the resource types (and, when the referenced
 *   resource is at hand, the declared profiles) a Reference may point to;
 * - extensions against their own definition (US Core race, ethnicity, birth sex).
 * It also records every element that holds a value, for the must-support checks.
 *
 * Not done here: extensible and preferred bindings, invariants (medplum evaluates those),
 * `exists` and `profile` discriminators (CARIN BB does not use them), re-slicing.
 */

export interface ProfileIssue {
  severity: 'error' | 'warning';
  path: string;
  message: string;
}

interface ElementDefinition {
  id: string;
  path: string;
  min?: number;
  max?: string;
  sliceName?: string;
  type?: { code: string; profile?: string[]; targetProfile?: string[] }[];
  slicing?: { discriminator?: { type: string; path: string }[]; rules?: string };
  binding?: { strength: string; valueSet?: string };
  mustSupport?: boolean;
  [key: string]: unknown;
}

interface ProfileNode {
  element: ElementDefinition | null;
  children: Map<string, ProfileNode>;
  slices: Map<string, ProfileNode>;
}

interface Typed {
  value: any;
  /** The FHIR type, known for choice elements (from the JSON name) and single-typed elements. */
  type: string | null;
}

export interface ProfileContext {
  terminology: FhirTerminology;
  /** StructureDefinitions by canonical URL (profiles, extensions). */
  structureDefinition(url: string): Record<string, any> | undefined;
  /** The resource a reference points to, when the caller has it. */
  resolve?(reference: string): Record<string, any> | undefined;
}

export interface ProfileWalk {
  issues: ProfileIssue[];
  /** Ids of the profile's elements (slices included) that held at least one value. */
  present: Set<string>;
}

const trees = new WeakMap<object, ProfileNode>();

function profileTree(sd: Record<string, any>): ProfileNode {
  const cached = trees.get(sd);
  if (cached) return cached;
  const root: ProfileNode = { element: null, children: new Map(), slices: new Map() };
  for (const element of sd.snapshot.element as ElementDefinition[]) {
    const [, ...parts] = element.id.split('.');
    let node = root;
    if (parts.length === 0) root.element = element;
    // Slice names in CARIN BB hold no dots, so splitting the id on dots is safe.
    for (const part of parts) {
      const [name, slice] = part.split(':');
      let child = node.children.get(name);
      if (!child) node.children.set(name, (child = { element: null, children: new Map(), slices: new Map() }));
      node = child;
      if (slice) {
        let sliced = node.slices.get(slice);
        if (!sliced) node.slices.set(slice, (sliced = { element: null, children: new Map(), slices: new Map() }));
        node = sliced;
      }
    }
    if (parts.length) node.element = element;
  }
  trees.set(sd, root);
  return root;
}

const PRIMITIVES = new Set([
  'boolean', 'integer', 'string', 'decimal', 'uri', 'url', 'canonical', 'base64Binary', 'instant', 'date', 'dateTime', 'time',
  'code', 'oid', 'id', 'markdown', 'unsignedInt', 'positiveInt', 'uuid',
]);

/** The values of a child element in one instance object, typed where the name tells the type. */
function childValues(object: any, name: string, element: ElementDefinition | null): Typed[] {
  if (object === null || typeof object !== 'object') return [];
  if (name.endsWith('[x]')) {
    const prefix = name.slice(0, -3);
    const out: Typed[] = [];
    for (const key of Object.keys(object)) {
      if (!key.startsWith(prefix) || key.length === prefix.length || !/[A-Z]/.test(key[prefix.length])) continue;
      const suffix = key.slice(prefix.length);
      const lower = suffix[0].toLowerCase() + suffix.slice(1);
      out.push({ value: object[key], type: PRIMITIVES.has(lower) ? lower : suffix });
    }
    return out;
  }
  const raw = object[name];
  if (raw === undefined || raw === null) return [];
  const type = element?.type?.length === 1 ? element.type[0].code : null;
  return (Array.isArray(raw) ? raw : [raw]).map((value) => ({ value, type }));
}

/** `pattern` is contained in `value` (FHIR pattern[x] semantics). */
export function deepIncludes(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    const values = Array.isArray(value) ? value : [value];
    return pattern.every((p) => values.some((v) => deepIncludes(v, p)));
  }
  if (pattern !== null && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object') return false;
    return Object.entries(pattern).every(([k, p]) => deepIncludes((value as Record<string, unknown>)[k], p));
  }
  return value === pattern;
}

const deepEquals = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fixedAndPattern(element: ElementDefinition): { fixed?: unknown; pattern?: unknown } {
  const out: { fixed?: unknown; pattern?: unknown } = {};
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('fixed')) out.fixed = value;
    if (key.startsWith('pattern')) out.pattern = value;
  }
  return out;
}

/** The values at a dotted path below a value (for discriminators). */
function valuesAt(value: any, path: string): any[] {
  if (path === '$this') return [value];
  let current: any[] = [value];
  for (const name of path.split('.')) {
    current = current.flatMap((v) => (v && typeof v === 'object' && v[name] !== undefined ? (Array.isArray(v[name]) ? v[name] : [v[name]]) : []));
  }
  return current;
}

function nodeAt(node: ProfileNode, path: string): ProfileNode | undefined {
  if (path === '$this') return node;
  let current: ProfileNode | undefined = node;
  for (const name of path.split('.')) current = current?.children.get(name);
  return current;
}

const referenceType = (reference: string) => {
  const parts = reference.split('?')[0].split('/');
  const typeIndex = parts.length >= 2 ? parts.length - 2 : -1;
  return typeIndex >= 0 && /^[A-Z][A-Za-z]+$/.test(parts[typeIndex]) ? parts[typeIndex] : null;
};

class Walker {
  readonly issues: ProfileIssue[] = [];
  readonly present = new Set<string>();
  constructor(private readonly context: ProfileContext) {}

  private issue(path: string, message: string, severity: ProfileIssue['severity'] = 'error') {
    this.issues.push({ severity, path, message });
  }

  /** The values of one element in one parent: cardinality, slices, each value, its children. */
  walkElement(node: ProfileNode, values: Typed[], path: string) {
    const element = node.element;
    if (!element) return;
    const max = element.max === '*' || element.max === undefined ? Infinity : Number(element.max);
    const label = element.sliceName ? `${path}:${element.sliceName}` : path;
    if (values.length < (element.min ?? 0)) this.issue(label, `has ${values.length} value(s), the profile requires at least ${element.min} (${element.id})`);
    if (values.length > max) this.issue(label, `has ${values.length} value(s), the profile allows at most ${element.max} (${element.id})`);
    if (values.length) this.present.add(element.id);

    values.forEach((typed, index) => this.walkValue(node, typed, values.length > 1 || Array.isArray(typed.value) ? `${path}[${index}]` : path));

    if (element.slicing && node.slices.size) {
      const matched = new Map<string, Typed[]>([...node.slices.keys()].map((name) => [name, []]));
      values.forEach((typed, index) => {
        const slice = [...node.slices].find(([, sliceNode]) => this.matchesSlice(typed, sliceNode, element.slicing!.discriminator ?? []));
        if (slice) matched.get(slice[0])!.push(typed);
        else if (element.slicing!.rules === 'closed') this.issue(`${path}[${index}]`, `matches none of the closed slices of ${element.id}`);
      });
      for (const [name, sliceNode] of node.slices) this.walkElement(sliceNode, matched.get(name)!, path);
    }
  }

  private matchesSlice(typed: Typed, slice: ProfileNode, discriminators: { type: string; path: string }[]): boolean {
    return discriminators.every(({ type, path }) => {
      if (type === 'type') {
        const allowed = (nodeAt(slice, path)?.element?.type ?? []).map((t) => t.code);
        return typed.type !== null && allowed.includes(typed.type);
      }
      const target = nodeAt(slice, path)?.element;
      const found = valuesAt(typed.value, path);
      const { fixed, pattern } = target ? fixedAndPattern(target) : {};
      if (fixed !== undefined) return found.some((v) => deepEquals(v, fixed));
      if (pattern !== undefined) return found.some((v) => deepIncludes(v, pattern));
      // An extension slice names its URL through the extension's profile.
      if (path === 'url' && slice.element?.type?.[0]?.profile?.[0]) return found.includes(slice.element.type[0].profile[0]);
      if (target?.binding?.strength === 'required' && target.binding.valueSet) {
        return found.some((v) => this.bindingMembership(target.binding!.valueSet!, v, target) === 'member');
      }
      return false;
    });
  }

  private walkValue(node: ProfileNode, typed: Typed, path: string) {
    const element = node.element!;
    const { fixed, pattern } = fixedAndPattern(element);
    if (fixed !== undefined && !deepEquals(typed.value, fixed)) this.issue(path, `does not equal the fixed value ${JSON.stringify(fixed)} (${element.id})`);
    if (pattern !== undefined && !deepIncludes(typed.value, pattern)) this.issue(path, `does not match the pattern ${JSON.stringify(pattern)} (${element.id})`);

    const allowedTypes = (element.type ?? []).map((t) => t.code);
    if (typed.type && allowedTypes.length && !allowedTypes.includes(typed.type) && !(typed.type === 'Reference' && allowedTypes.includes('Reference'))) {
      this.issue(path, `is a ${typed.type}; ${element.id} allows ${allowedTypes.join(', ')}`);
    }
    if (element.binding?.strength === 'required' && element.binding.valueSet) {
      if (this.bindingMembership(element.binding.valueSet, typed.value, element) === 'not-member') {
        this.issue(path, `${JSON.stringify(typed.value)} is not in the required value set ${element.binding.valueSet} (${element.id})`);
      }
    }
    const referenceTypes = element.type?.find((t) => t.code === 'Reference')?.targetProfile;
    if (referenceTypes?.length && typeof typed.value?.reference === 'string') this.checkReference(typed.value.reference, referenceTypes, path, element.id);

    // An element with a type profile (an extension, say) is walked against that definition too.
    for (const profileUrl of element.type?.flatMap((t) => t.profile ?? []) ?? []) {
      const sd = this.context.structureDefinition(profileUrl.split('|')[0]);
      if (sd) this.walkChildren(profileTree(sd), typed.value, path);
      else if (node.children.size === 0) this.issue(path, `could not be checked against ${profileUrl}: its definition is not at hand`, 'warning');
    }
    this.walkChildren(node, typed.value, path);
  }

  private walkChildren(node: ProfileNode, value: any, path: string) {
    if (value === null || typeof value !== 'object') return;
    for (const [name, child] of node.children) this.walkElement(child, childValues(value, name, child.element), `${path}.${name.replace('[x]', '')}`);
  }

  private bindingMembership(valueSet: string, value: any, element: ElementDefinition) {
    const terminology = this.context.terminology;
    const codings: { system?: string; code?: string }[] =
      typeof value === 'string' ? [{ code: value }] : Array.isArray(value?.coding) ? value.coding : value && 'code' in value ? [value] : [];
    if (!codings.length) return typeof value === 'string' || value?.coding ? 'not-member' : 'unknown';
    const isCode = (element.type ?? []).some((t) => t.code === 'code');
    const results = codings.map((c) => (c.code ? terminology.check(valueSet, isCode && typeof value === 'string' ? undefined : c.system, c.code) : 'not-member'));
    if (results.includes('member')) return 'member';
    return results.includes('unknown') ? 'unknown' : 'not-member';
  }

  private checkReference(reference: string, targetProfiles: string[], path: string, elementId: string) {
    if (reference.startsWith('#')) return;
    const type = referenceType(reference);
    const targets = targetProfiles.map((url) => ({ url: url.split('|')[0], type: this.profileType(url) }));
    if (targets.some((t) => t.type === 'Resource')) return;
    if (!type || !targets.some((t) => t.type === type)) {
      this.issue(path, `points to ${type ?? reference}; ${elementId} allows ${targets.map((t) => t.url.split('/').pop()).join(', ')}`);
      return;
    }
    const target = this.context.resolve?.(reference);
    if (!target) return;
    const declared = ((target.meta?.profile ?? []) as string[]).map((p) => p.split('|')[0]);
    const wanted = targets.filter((t) => t.type === type);
    const base = wanted.some((t) => t.url === `http://hl7.org/fhir/StructureDefinition/${type}`);
    if (!base && !wanted.some((t) => declared.includes(t.url))) {
      this.issue(path, `points to a ${type} that does not declare ${wanted.map((t) => t.url.split('/').pop()).join(' or ')} (${elementId})`);
    }
  }

  private profileType(url: string): string | null {
    const bare = url.split('|')[0];
    const base = /^http:\/\/hl7\.org\/fhir\/StructureDefinition\/([A-Za-z]+)$/.exec(bare);
    if (base) return base[1];
    return this.context.structureDefinition(bare)?.type ?? null;
  }
}

/** Walks one resource against one profile's snapshot (see the file comment for what is checked). */
export function walkProfile(resource: Record<string, any>, profile: Record<string, any>, context: ProfileContext): ProfileWalk {
  const walker = new Walker(context);
  const tree = profileTree(profile);
  walker.walkElement(tree, [{ value: resource, type: profile.type }], profile.type);
  return { issues: walker.issues, present: walker.present };
}

/** The element ids a profile marks must-support. */
export function mustSupportElements(profile: Record<string, any>): string[] {
  return (profile.snapshot.element as ElementDefinition[]).filter((e) => e.mustSupport).map((e) => e.id);
}
