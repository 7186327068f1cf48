import 'server-only';

/** FHIR resource types the Patient Access API serves, by the member-facing data category. */
export const CATEGORY_RESOURCE_TYPES = {
  // The member's own sharing choices (Provider Access, Payer-to-Payer) as FHIR Consent (issue 15).
  personal: ['Patient', 'Consent'],
  claims: ['ExplanationOfBenefit'],
  providers: ['Organization', 'Practitioner'],
  drugs: ['MedicationKnowledge'],
  coverage: ['Coverage'],
} as const;

export type DataCategory = keyof typeof CATEGORY_RESOURCE_TYPES;
export const DATA_CATEGORIES = Object.keys(CATEGORY_RESOURCE_TYPES) as DataCategory[];
export const SERVED_RESOURCE_TYPES: string[] = Object.values(CATEGORY_RESOURCE_TYPES).flat();

/**
 * Scopes that are not about FHIR resources. Others an app may send (`online_access`, `profile`) are
 * left out of the grant, as RFC 6749 §3.3 allows: this server issues no refresh token that ends
 * with the session, and gives no name outside the member's choice of data (create-provider.ts).
 */
export const IDENTITY_SCOPES = ['openid', 'fhirUser', 'offline_access', 'launch', 'launch/patient'] as const;

export interface ResourceScope {
  /** The scope as the app wrote it. */
  raw: string;
  /**
   * `patient/` or `user/`. A member's own token reads one record either way: a `user/` scope
   * (what the person signed in may see) covers, for a member, exactly their own compartment, so
   * both grant the same rights (SMART App Launch, patient-facing apps; CARIN BB asks for both).
   */
  level: 'patient' | 'user';
  version: 'v1' | 'v2';
  resourceType: string; // '*' or a type
  read: boolean;
  search: boolean;
}

const V2 = /^(patient|user)\/(\*|[A-Z][A-Za-z]+)\.([cruds]+)(\?.*)?$/;
const V1 = /^(patient|user)\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*)$/;

/** Parses a SMART patient- or user-level scope (v1 or v2). Anything else (system/) is not ours. */
export function parseResourceScope(scope: string): ResourceScope | null {
  const v2 = V2.exec(scope);
  if (v2) {
    const perms = v2[3];
    // v2 permissions must be in c-r-u-d-s order with no repeats.
    if (!/^c?r?u?d?s?$/.test(perms)) return null;
    if (v2[4]) return null; // granular (query-qualified) scopes are not supported
    return { raw: scope, level: v2[1] as ResourceScope['level'], version: 'v2', resourceType: v2[2], read: perms.includes('r'), search: perms.includes('s') };
  }
  const v1 = V1.exec(scope);
  if (v1) {
    const readable = v1[3] !== 'write';
    return { raw: scope, level: v1[1] as ResourceScope['level'], version: 'v1', resourceType: v1[2], read: readable, search: readable };
  }
  return null;
}

/** The resource types a scope string allows reading and searching. */
export function readableResourceTypes(scope: string): Set<string> {
  const types = new Set<string>();
  for (const part of scope.split(/\s+/)) {
    const parsed = parseResourceScope(part);
    if (!parsed || !(parsed.read || parsed.search)) continue;
    if (parsed.resourceType === '*') SERVED_RESOURCE_TYPES.forEach((t) => types.add(t));
    else if (SERVED_RESOURCE_TYPES.includes(parsed.resourceType)) types.add(parsed.resourceType);
  }
  return types;
}

/** Whether `scope` allows `interaction` (read or search) on `resourceType`. */
export function scopeAllows(scope: string, resourceType: string, interaction: 'read' | 'search'): boolean {
  return scope.split(/\s+/).some((part) => {
    const parsed = parseResourceScope(part);
    if (!parsed) return false;
    if (parsed.resourceType !== '*' && parsed.resourceType !== resourceType) return false;
    return interaction === 'read' ? parsed.read : parsed.search;
  });
}

/** The member-facing categories an app's requested scopes touch, in display order. */
export function categoriesRequested(scope: string): DataCategory[] {
  const types = readableResourceTypes(scope);
  return DATA_CATEGORIES.filter((category) => CATEGORY_RESOURCE_TYPES[category].some((t) => types.has(t)));
}

/**
 * The resource scopes to grant: only what the app asked for, narrowed to the categories the member
 * approved. A wildcard the member narrowed is spelled out per type, in the app's own scope level
 * and version.
 */
export function grantedResourceScopes(requested: string, approved: readonly DataCategory[]): string[] {
  const allowedTypes = new Set<string>(approved.flatMap((c) => CATEGORY_RESOURCE_TYPES[c]));
  const out = new Set<string>();
  for (const part of requested.split(/\s+/)) {
    const parsed = parseResourceScope(part);
    if (!parsed || !(parsed.read || parsed.search)) continue;
    const suffix = parsed.version === 'v1' ? 'read' : `${parsed.read ? 'r' : ''}${parsed.search ? 's' : ''}`;
    const level = parsed.level;
    if (parsed.resourceType === '*') {
      if (SERVED_RESOURCE_TYPES.every((t) => allowedTypes.has(t))) out.add(`${level}/*.${suffix}`);
      else SERVED_RESOURCE_TYPES.filter((t) => allowedTypes.has(t)).forEach((t) => out.add(`${level}/${t}.${suffix}`));
    } else if (allowedTypes.has(parsed.resourceType)) {
      out.add(`${level}/${parsed.resourceType}.${suffix}`);
    }
  }
  return [...out];
}

/**
 * The requested scope within the app's registration (`registered`, its registered scopes): a
 * resource scope for a type the app is not registered to read is left out, and a wildcard is
 * spelled out for the types it is (in the scope's own level and permissions) unless it is registered
 * for every type. Other scopes stay as asked. The consent page offers, and the grant holds, only
 * this: the provider's resource server allows an app no type beyond its registration
 * (create-provider.ts), so a wildcard kept whole was dropped from the token, and the page had named
 * data the app could never read.
 */
export function scopeWithinRegistration(requested: string, registered: string): string {
  const types = readableResourceTypes(registered);
  const out = new Set<string>();
  for (const part of requested.split(/\s+/).filter(Boolean)) {
    const parsed = parseResourceScope(part);
    if (!parsed) out.add(part);
    else if (parsed.resourceType !== '*') {
      if (types.has(parsed.resourceType)) out.add(part);
    } else if (SERVED_RESOURCE_TYPES.every((t) => types.has(t))) out.add(part);
    else {
      const permissions = part.slice(part.indexOf('.') + 1);
      SERVED_RESOURCE_TYPES.filter((t) => types.has(t)).forEach((t) => out.add(`${parsed.level}/${t}.${permissions}`));
    }
  }
  return [...out].join(' ');
}

/**
 * What SMART Backend Services clients read: a provider organization its attribution Group and the
 * members in it, another health plan a matched member's Patient, Coverage and claims
 * (handle-fhir-request.ts; a backend token holds only system/ scopes within the client's
 * registration, systemScopeWithinRegistration).
 */
const BACKEND_RESOURCE_TYPES = ['Group', 'Patient', 'Coverage', 'ExplanationOfBenefit'] as const;

/** The system/ scopes a backend client may be registered for and ask for, for discovery. */
export function supportedSystemScopes(): string[] {
  return BACKEND_RESOURCE_TYPES.flatMap((type) => [`system/${type}.read`, `system/${type}.rs`]);
}

/** Every resource scope the server recognises, for discovery and the provider's resource server. */
export function supportedResourceScopes(): string[] {
  const types = ['*', ...SERVED_RESOURCE_TYPES];
  const v2 = ['rs', 'r', 's'];
  return (['patient', 'user'] as const).flatMap((level) => types.flatMap((t) => [...v2.map((p) => `${level}/${t}.${p}`), `${level}/${t}.read`]));
}

const SYSTEM_SCOPE = /^system\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*|[cruds]+)$/;
const V1_PERMISSIONS: Record<string, string | undefined> = { read: 'rs', write: 'cud', '*': 'cruds' };

/** A system/ scope's resource type and its permissions as SMART v2 letters (v1 `read` is `rs`). */
function parseSystemScope(scope: string): { resourceType: string; permissions: Set<string> } | null {
  const match = SYSTEM_SCOPE.exec(scope);
  if (!match) return null;
  const permissions = V1_PERMISSIONS[match[2]] ?? match[2];
  // v2 permissions are in c-r-u-d-s order with no repeats.
  if (!/^c?r?u?d?s?$/.test(permissions)) return null;
  return { resourceType: match[1], permissions: new Set(permissions) };
}

/**
 * Whether a backend client registered for the `registered` scopes may be given `scope`: SMART v1 and
 * v2 name the same permission two ways (`system/Group.read` is `system/Group.rs`), so either form,
 * or part of it (`.r`, `.s`), is within a registration written in the other. The resource type must
 * be the registered one: `system/*` only where `system/*` is registered.
 */
export function systemScopeWithinRegistration(scope: string, registered: readonly string[]): boolean {
  const asked = parseSystemScope(scope);
  if (!asked) return false;
  return registered.some((entry) => {
    const held = parseSystemScope(entry);
    return held !== null && held.resourceType === asked.resourceType && [...asked.permissions].every((p) => held.permissions.has(p));
  });
}
