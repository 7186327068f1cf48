import 'server-only';
import { appClock, resolveRelativeDate, todayIn } from '@/lib/calendar';
import membersFixture from '@/lib/demo/fixtures/members.json';
import { DATA_WINDOW_FLOOR } from '@/lib/server/eligibility/data-window';
import { appConfig } from '@/lib/server/config/app-config';
import { capabilityStatement } from '@/lib/server/fhir/capability-statement';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@/lib/server/fhir/search-parameters';
import { smartConfiguration } from '@/lib/server/fhir/smart-configuration';
import { ACCESS_TOKEN_TTL_SECONDS } from '@/lib/server/smart/create-provider';
import { CATEGORY_RESOURCE_TYPES, IDENTITY_SCOPES } from '@/lib/server/smart/smart-scopes';

export interface SandboxPatient {
  name: string;
  birthDate: string;
  memberId: string;
  zip: string;
  email: string;
  note: string;
}

export interface DocumentedResource {
  type: string;
  profiles: string[];
  searchParams: { name: string; type: string }[];
  includes: string[];
}

/**
 * The developer documentation's facts, read from what this server serves: the SMART configuration
 * (`/fhir/.well-known/smart-configuration`) and the CapabilityStatement (`/fhir/metadata`) are the
 * very functions behind those endpoints, so the page cannot drift from the API.
 */
export interface DeveloperDocs {
  publicUrl: string;
  fhirBase: string;
  smartConfigurationUrl: string;
  metadataUrl: string;
  smart: ReturnType<typeof smartConfiguration>;
  /** Identity and launch scopes; patient/ and user/ scopes, v2 and v1; backend services' system/ scopes. */
  scopes: { identity: string[]; v2: string[]; v1: string[]; system: string[] };
  resources: DocumentedResource[];
  accessTokenMinutes: number;
  dataWindowFloor: string;
  pageSize: { default: number; max: number };
  /** Resource types per member-facing category: what a member's "no" to a category withholds. */
  categories: Record<string, readonly string[]>;
  /** The demo members, only in demo mode (never real people). */
  sandboxPatients: SandboxPatient[] | null;
  outboxUrl: string | null;
}

export function buildDeveloperDocs(): DeveloperDocs {
  const config = appConfig();
  const smart = smartConfiguration();
  const metadata = capabilityStatement();
  const resourceScopes = smart.scopes_supported.filter((s) => /^(patient|user)\//.test(s));
  return {
    publicUrl: config.publicUrl,
    fhirBase: config.fhirBaseUrl,
    smartConfigurationUrl: `${config.fhirBaseUrl}/.well-known/smart-configuration`,
    metadataUrl: `${config.fhirBaseUrl}/metadata`,
    smart,
    scopes: {
      identity: smart.scopes_supported.filter((s) => (IDENTITY_SCOPES as readonly string[]).includes(s)),
      v2: resourceScopes.filter((s) => !s.endsWith('.read')),
      v1: resourceScopes.filter((s) => s.endsWith('.read')),
      system: smart.scopes_supported.filter((s) => s.startsWith('system/')),
    },
    // What an app reads through the Patient Access API (the searchable types); the provider's
    // Group and $member-match serve backend systems and are left to the CapabilityStatement.
    resources: metadata.rest[0].resource.flatMap((r) =>
      'searchParam' in r ? [{ type: r.type, profiles: r.supportedProfile ?? [], searchParams: r.searchParam, includes: r.searchInclude ?? [] }] : [],
    ),
    accessTokenMinutes: ACCESS_TOKEN_TTL_SECONDS / 60,
    dataWindowFloor: DATA_WINDOW_FLOOR,
    pageSize: { default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE },
    categories: CATEGORY_RESOURCE_TYPES,
    sandboxPatients: config.demoMode ? sandboxPatients() : null,
    outboxUrl: config.demoMode && !config.smtpUrl ? `${config.publicUrl}/dev/outbox` : null,
  };
}

function sandboxPatients(): SandboxPatient[] {
  const today = todayIn(appClock());
  return membersFixture.members.map((m) => ({
    name: `${m.given} ${m.family}`,
    birthDate: resolveRelativeDate(m.birthDate, today),
    memberId: m.memberId,
    zip: m.address.zip,
    email: m.email,
    note: (m as { notes?: string }).notes ?? '',
  }));
}
