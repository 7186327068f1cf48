// One schema for both engines (PGlite and Postgres). Calendar dates are stored as `date`
// in 'YYYY-MM-DD' string mode so that no time zone ever shifts a birth date or a span end.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  type AnyPgColumn,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true });

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  createdAt: createdAt(),
});

export const plans = pgTable('plans', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  managedCare: boolean('managed_care').notNull(),
  behavioralHealthVia: text('behavioral_health_via'),
});

export const members = pgTable(
  'members',
  {
    memberId: text('member_id').primaryKey(),
    patientId: text('patient_id').notNull().unique(),
    given: text('given').notNull(),
    family: text('family').notNull(),
    birthDate: day('birth_date').notNull(),
    sex: text('sex').notNull(),
    addressLine: text('address_line').notNull(),
    city: text('city').notNull(),
    state: text('state').notNull(),
    zip: text('zip').notNull(),
    phone: text('phone'),
    email: text('email').notNull(),
    preferredLocale: text('preferred_locale').notNull().default('en'),
    /** When the language on file was saved; null while there is none yet (remember-preferred-locale.ts). */
    preferredLocaleSavedAt: instant('preferred_locale_saved_at'),
    deceasedDate: day('deceased_date'),
    createdAt: createdAt(),
  },
  (t) => [index('members_email_idx').on(t.email)],
);

export const enrollmentSpans = pgTable(
  'enrollment_spans',
  {
    id: serial('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.memberId, { onDelete: 'cascade' }),
    start: day('start_date').notNull(),
    end: day('end_date'),
    planCode: text('plan_code')
      .notNull()
      .references(() => plans.code),
  },
  (t) => [index('enrollment_spans_member_idx').on(t.memberId)],
);

export const representatives = pgTable('representatives', {
  repId: text('rep_id').primaryKey(),
  relatedPersonId: text('related_person_id').notNull().unique(),
  given: text('given').notNull(),
  family: text('family').notNull(),
  birthDate: day('birth_date').notNull(),
  email: text('email').notNull(),
  zip: text('zip').notNull(),
  preferredLocale: text('preferred_locale').notNull().default('en'),
  /** When the language on file was saved; null while there is none yet (remember-preferred-locale.ts). */
  preferredLocaleSavedAt: instant('preferred_locale_saved_at'),
  createdAt: createdAt(),
});

export const authorities = pgTable(
  'authorities',
  {
    id: serial('id').primaryKey(),
    repId: text('rep_id')
      .notNull()
      .references(() => representatives.repId, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.memberId, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    start: day('start_date').notNull(),
    end: day('end_date'),
  },
  (t) => [index('authorities_rep_idx').on(t.repId), index('authorities_member_idx').on(t.memberId)],
);

export const staff = pgTable('staff', {
  username: text('username').primaryKey(),
  name: text('name').notNull(),
  // Null for staff who sign in through the payer's own identity provider (source 'oidc').
  passwordHash: text('password_hash'),
  roles: jsonb('roles').$type<string[]>().notNull(),
  // 'local': a password kept here; 'demo': a fixture account, refused unless demo data is on;
  // 'oidc': signs in at the payer's identity provider, roles from its groups at each sign-in.
  source: text('source').$type<'local' | 'demo' | 'oidc'>().notNull().default('local'),
  disabledAt: instant('disabled_at'),
  createdAt: createdAt(),
});

/** A developer's answer; `flag` is the app reviewer's mark, absent until a reviewer marks it. */
export type PrivacyAnswer = { answer: string; flag?: 'ok' | 'caution' | 'warning' };

export const apps = pgTable('apps', {
  id: text('id').primaryKey(),
  clientId: text('client_id').notNull().unique(),
  name: text('name').notNull(),
  developer: text('developer').notNull(),
  summary: text('summary').notNull(),
  website: text('website'),
  privacyPolicyUrl: text('privacy_policy_url'),
  termsUrl: text('terms_url'),
  clientType: text('client_type').$type<'public' | 'confidential'>().notNull(),
  clientSecretHash: text('client_secret_hash'),
  redirectUris: jsonb('redirect_uris').$type<string[]>().notNull(),
  launchUrl: text('launch_url'),
  scopes: text('scopes').notNull(),
  status: text('status').$type<'pending' | 'approved' | 'denied' | 'suspended'>().notNull(),
  statusSince: day('status_since').notNull(),
  statusReason: text('status_reason'),
  codeOfConductAttested: boolean('code_of_conduct_attested').notNull().default(false),
  privacy: jsonb('privacy').$type<Record<string, PrivacyAnswer>>().notNull(),
  privacyUpdatedAt: instant('privacy_updated_at'),
  contactEmail: text('contact_email'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
  // Issue 12 (migration 0006). The developer account that asked for the connection (null for demo apps).
  developerAccountId: text('developer_account_id').references((): AnyPgColumn => developerAccounts.id),
  /** The review criterion of the decision that set `status` (lib/app-review-criteria.ts). */
  statusCriterion: text('status_criterion'),
  /** When the developer last sent the request for review. */
  submittedAt: instant('submitted_at'),
  codeOfConductAttestedAt: instant('code_of_conduct_attested_at'),
  /** After a rotation, the replaced secret's hash works until `previousClientSecretExpiresAt`. */
  previousClientSecretHash: text('previous_client_secret_hash'),
  previousClientSecretExpiresAt: instant('previous_client_secret_expires_at'),
}, (t) => [index('apps_developer_account_idx').on(t.developerAccountId), index('apps_status_idx').on(t.status, t.submittedAt)]);

// Earlier privacy answers, so a member can be shown what an app changed since they connected.
// A row keeps the answers that were in force until `created_at`, when newer ones replaced them
// (`apps.privacy` always holds the answers in force now).
export const appPrivacyVersions = pgTable('app_privacy_versions', {
  id: serial('id').primaryKey(),
  appId: text('app_id')
    .notNull()
    .references(() => apps.id, { onDelete: 'cascade' }),
  privacy: jsonb('privacy').$type<Record<string, PrivacyAnswer>>().notNull(),
  createdAt: createdAt(),
});

// The source of truth for what a member (or a representative) allowed an app to read.
export const consentGrants = pgTable(
  'consent_grants',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.memberId),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id),
    approvedByKind: text('approved_by_kind').$type<'member' | 'representative'>().notNull(),
    representativeId: text('representative_id').references(() => representatives.repId),
    authorityId: integer('authority_id').references(() => authorities.id),
    authorityType: text('authority_type'),
    scopes: text('scopes').notNull(),
    categories: jsonb('categories').$type<string[]>().notNull(),
    includeSensitive: boolean('include_sensitive').notNull().default(false),
    dataWindowStart: day('data_window_start').notNull(),
    duration: text('duration').notNull(),
    expiresAt: instant('expires_at').notNull(),
    createdAt: createdAt(),
    revokedAt: instant('revoked_at'),
    revokedBy: text('revoked_by'),
    revokedReason: text('revoked_reason'),
    replacedBy: text('replaced_by'),
    expiryNoticeSentAt: instant('expiry_notice_sent_at'),
    // The "connection ended" notice for a grant that ran out (a stopped grant's goes with the stop).
    endNoticeSentAt: instant('end_notice_sent_at'),
    // Idempotency key of the approval form, so a double submit makes one grant.
    requestKey: text('request_key').unique(),
  },
  (t) => [index('consent_grants_member_idx').on(t.memberId), index('consent_grants_app_idx').on(t.appId)],
);

export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    grantId: text('grant_id')
      .notNull()
      .references(() => consentGrants.id, { onDelete: 'cascade' }),
    at: instant('at').notNull().defaultNow(),
    resourceType: text('resource_type').notNull(),
    interaction: text('interaction').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('access_log_grant_at_idx').on(t.grantId, t.at)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull().defaultNow(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    memberId: text('member_id'),
    appId: text('app_id'),
    grantId: text('grant_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    requestId: text('request_id'),
    // The hash chains (issue 11, migration 0005; 32 chains since 0015): set by triggers, never by
    // the application. `chain` is picked per transaction from its first row's member (else app,
    // else actor); `seq` is the row's place in its chain (commit order, not id order), `prevHash`
    // the hash of the row before it, `hash` the SHA-256 of prevHash and this row's fields.
    chain: smallint('chain').notNull().default(1),
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_member_idx').on(t.memberId, t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    index('audit_events_actor_idx').on(t.actorId, t.at),
    index('audit_events_app_idx').on(t.appId, t.at),
    index('audit_events_at_idx').on(t.at),
    uniqueIndex('audit_events_chain_seq_unique').on(t.chain, t.seq),
  ],
);

// A connection in progress: the member's answers live here, not in the browser, so a reload,
// the back button or a server restart resumes at the right step.
export const connectFlows = pgTable(
  'connect_flows',
  {
    id: text('id').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id),
    interactionUid: text('interaction_uid'),
    entry: text('entry').$type<'gallery' | 'app'>().notNull(),
    locale: text('locale').notNull().default('en'),
    step: text('step').notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    browserKey: text('browser_key').notNull(),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
  },
  // The retention purge (lib/server/retention) picks expired rows by expires_at, here and on
  // verification_codes, portal_launches and oidc_models.
  (t) => [index('connect_flows_expires_idx').on(t.expiresAt)],
);

export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: text('id').primaryKey(),
    subjectKind: text('subject_kind').$type<'member' | 'representative' | 'developer'>().notNull(),
    subjectId: text('subject_id').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
  },
  (t) => [index('verification_codes_subject_idx').on(t.subjectKind, t.subjectId, t.createdAt), index('verification_codes_expires_idx').on(t.expiresAt)],
);

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: instant('window_start').notNull(),
  count: integer('count').notNull(),
});

// A portal launch: the hub approved a grant and opens the app with `launch=<id>`; the
// authorization endpoint later finds the approval here and returns a code without asking again.
export const portalLaunches = pgTable(
  'portal_launches',
  {
    id: text('id').primaryKey(),
    grantId: text('grant_id')
      .notNull()
      .references(() => consentGrants.id, { onDelete: 'cascade' }),
    browserKey: text('browser_key').notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [index('portal_launches_expires_idx').on(t.expiresAt)],
);

export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    toAddress: text('to_address').notNull(),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    // Secret params (a verification code) sealed with AES-256-GCM, cleared once sent or expired,
    // so the plain code is never at rest in the database.
    sealedParams: text('sealed_params'),
    // A message worth nothing after this instant (a code's email once the code has expired) is not sent.
    expiresAt: instant('expires_at'),
    createdAt: createdAt(),
    // The order one address's mail goes out in. Not created_at: two messages queued in one
    // transaction share its now(), and PGlite's clock counts only milliseconds.
    queuedSeq: bigserial('queued_seq', { mode: 'number' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    lockedUntil: instant('locked_until'),
    sentAt: instant('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_due_idx').on(t.sentAt, t.nextAttemptAt),
    // Mail not yet scrubbed, by when it was sent or could no longer be (the retention purge): the
    // scrubbed rows, most of the table in time, are not in it.
    index('outbox_unscrubbed_idx').on(sql`coalesce(${t.sentAt}, ${t.expiresAt})`).where(sql`${t.toAddress} <> ''`),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').references(() => members.memberId),
    appId: text('app_id').references(() => apps.id),
    // The member's connection the report is about, when they chose one.
    grantId: text('grant_id').references(() => consentGrants.id),
    // An app that is not one of the member's connections, in the member's own words.
    otherAppName: text('other_app_name'),
    // 'other' comes from staff logging a call; 'staff-access' is the system's flag on a staff user
    // who viewed many members quickly.
    kind: text('kind').$type<CaseKind>().notNull(),
    description: text('description').notNull(),
    contact: text('contact'),
    // Shown to staff as New, Investigating, Closed (the member's account has its own words).
    status: text('status').$type<'open' | 'in_review' | 'closed'>().notNull().default('open'),
    reportedByKind: text('reported_by_kind').notNull(),
    reportedById: text('reported_by_id'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    // The privacy officer's handling (issue 11).
    owner: text('owner').references(() => staff.username),
    dueOn: day('due_on'),
    referredToOcr: boolean('referred_to_ocr').notNull().default(false),
    referredToFtc: boolean('referred_to_ftc').notNull().default(false),
    // One case per thing that must be raised once (a staff-access flag per user and window).
    dedupeKey: text('dedupe_key').unique(),
    // The staff user a 'staff-access' flag is about.
    aboutStaff: text('about_staff').references(() => staff.username),
  },
  (t) => [index('cases_member_idx').on(t.memberId), index('cases_queue_idx').on(t.status, t.createdAt)],
);

export type CaseKind = 'breach' | 'misuse' | 'complaint' | 'other' | 'staff-access';

// FHIR resources held by the payer. The API filters on the indexed columns, never on the JSON,
// and serves `resource` as stored: the JSON text exactly as it goes out, never parsed per request.
export const fhirResources = pgTable(
  'fhir_resources',
  {
    resourceType: text('resource_type').notNull(),
    id: text('id').notNull(),
    patientId: text('patient_id'),
    lastUpdated: instant('last_updated').notNull(),
    serviceDate: day('service_date'),
    billableStart: day('billable_start'),
    /** EOB: billablePeriod.end, and every item's service day (issue 14, migration 0007: the CARIN date searches). */
    billableEnd: day('billable_end'),
    itemServiceDates: date('item_service_dates', { mode: 'string' }).array(),
    /** Coverage: the last covered day (null while open); insertFhirRecords, the one writer, fills it. */
    periodEnd: day('period_end'),
    eobType: text('eob_type'),
    sensitivity: text('sensitivity').notNull().default('none'),
    category: text('category').notNull(),
    identifiers: jsonb('identifiers').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    resource: text('resource').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.resourceType, t.id] }),
    // In the order pages are served (newest claim first), so a page is read straight off the
    // index and a member with 10,000 claims costs what one with 100 does.
    index('fhir_resources_page_idx').on(t.patientId, t.resourceType, t.serviceDate.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // A member's rows by when they changed, so an app polling with `_lastUpdated` reads the few
    // rows updated since, not the member's whole history (read-search-page.ts).
    index('fhir_resources_updated_idx').on(t.patientId, t.resourceType, t.lastUpdated),
  ],
);

// node-oidc-provider's models (sessions, interactions, codes, tokens, grants...).
export const oidcModels = pgTable(
  'oidc_models',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: instant('expires_at'),
    consumedAt: instant('consumed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_models_grant_idx').on(t.grantId),
    uniqueIndex('oidc_models_uid_idx').on(t.model, t.uid),
    index('oidc_models_expires_idx').on(t.expiresAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// Issue 10: sessions that end, and the FHIR read path's scoped validators.

// A signed-in browser (member, representative or staff). The session cookie carries a random id
// whose hash is the key here: sign-out deletes the row, and every request checks that it is still
// there and that neither its idle nor its absolute end has passed (session-lifetimes.ts).
export const hubSessions = pgTable(
  'hub_sessions',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<'member' | 'representative' | 'staff'>().notNull(),
    /** The member ID, representative ID or staff username. */
    subjectId: text('subject_id').notNull(),
    verifiedAt: instant('verified_at').notNull(),
    idleExpiresAt: instant('idle_expires_at').notNull(),
    absoluteExpiresAt: instant('absolute_expires_at').notNull(),
    /** The authorization server's sessions (oidc_models 'Session' ids) logged in under this one. */
    providerSessionIds: text('provider_session_ids').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [index('hub_sessions_subject_idx').on(t.kind, t.subjectId), index('hub_sessions_idle_idx').on(t.idleExpiresAt)],
);

// ---------------------------------------------------------------------------------------------
// Issue 11: the staff console (migration 0005).

// The heads of the audit hash chains (0–31): each locked only by the commit-time trigger that
// seals its rows, so writers to one chain take their turn instead of forking it, and writers to
// different chains never wait on each other.
export const AUDIT_CHAINS = 32;
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: integer('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  () => [check('audit_chain_head_chains', sql`id >= 0 AND id < 32`)],
);

// The privacy officer's notes on a case: added, never edited.
export const caseNotes = pgTable(
  'case_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    author: text('author').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.createdAt)],
);

// ─── Issue 12: developer portal and app review (migration 0006) ───────────────────────────────

// A developer signs in with an email code, like a member; no password. The row is made the first
// time a code is asked for, whoever asks, so the answer never tells whether an address has an account.
export const developerAccounts = pgTable(
  'developer_accounts',
  {
    id: text('id').primaryKey(),
    /** Lower case, trimmed. */
    email: text('email').notNull(),
    createdAt: createdAt(),
    verifiedAt: instant('verified_at'),
    /** "Sign out" ends every session of the account that began before this instant. */
    sessionsEndedAt: instant('sessions_ended_at'),
  },
  (t) => [uniqueIndex('developer_accounts_email_idx').on(t.email)],
);

// Every reviewer decision on an app, with its criterion from the list and the reviewer's notes
// (notes are for staff and the developer, never shown to members).
export const appDecisions = pgTable(
  'app_decisions',
  {
    id: serial('id').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    decision: text('decision').$type<'approve' | 'deny' | 'suspend' | 'reinstate'>().notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    criterion: text('criterion').notNull(),
    notes: text('notes').notNull().default(''),
    decidedBy: text('decided_by').notNull(),
    decidedAt: instant('decided_at').notNull().defaultNow(),
    /** Connections a suspension ended. */
    grantsEnded: integer('grants_ended').notNull().default(0),
  },
  (t) => [index('app_decisions_app_idx').on(t.appId, t.decidedAt)],
);

// Issue 15 (migration 0010): every data-sharing choice in one place.
/** Another health plan a member names for Payer-to-Payer, with the member's ID there. */
export type OtherPayer = { name: string; memberId: string; relation: 'previous' | 'concurrent' };
export type SharingKind = 'provider_access' | 'payer_to_payer';
export type SharingMadeBy = 'member' | 'representative' | 'staff_phone';

/**
 * One row per choice, never updated: the history is the rows, the choice in force is the newest row
 * of its kind (lib/server/sharing/decide-sharing.ts). No row: Provider Access on, Payer-to-Payer off.
 */
export const sharingChoices = pgTable(
  'sharing_choices',
  {
    id: text('id').primaryKey(),
    /** The order choices were made in (created_at can tie within one instant). */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.memberId),
    kind: text('kind').$type<SharingKind>().notNull(),
    decision: text('decision').$type<'permit' | 'deny'>().notNull(),
    /** Payer-to-Payer only: HRex `#regular` (no sensitive data) or `#sensitive` (everything). */
    policy: text('policy').$type<'regular' | 'sensitive'>(),
    otherPayers: jsonb('other_payers').$type<OtherPayer[]>().notNull().default(sql`'[]'::jsonb`),
    madeBy: text('made_by').$type<SharingMadeBy>().notNull(),
    representativeId: text('representative_id').references(() => representatives.repId),
    authorityId: integer('authority_id').references(() => authorities.id),
    authorityType: text('authority_type'),
    staffUsername: text('staff_username').references(() => staff.username),
    createdAt: createdAt(),
  },
  (t) => [index('sharing_choices_member_idx').on(t.memberId, t.kind, t.createdAt)],
);

/**
 * Payer-to-Payer: the last `$member-match` another health plan (a backend client) made for a
 * member, under the member's choice then in force (`choiceId`) and the policy both sides agreed
 * (`#sensitive` only when the member's choice and the plan's Consent both say so). The plan's reads
 * of that member need this row, under the same choice: a new choice asks for a new match.
 */
export const payerMemberMatches = pgTable(
  'payer_member_matches',
  {
    clientId: text('client_id').notNull(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.memberId, { onDelete: 'cascade' }),
    choiceId: text('choice_id')
      .notNull()
      .references(() => sharingChoices.id, { onDelete: 'cascade' }),
    policy: text('policy').$type<'regular' | 'sensitive'>().notNull(),
    matchedAt: instant('matched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.memberId] })],
);

export const providerGroups = pgTable('provider_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  npi: text('npi').notNull(),
  createdAt: createdAt(),
});

export const providerAttributions = pgTable(
  'provider_attributions',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => providerGroups.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.memberId, { onDelete: 'cascade' }),
    start: day('start_date').notNull(),
    end: day('end_date'),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), index('provider_attributions_member_idx').on(t.memberId)],
);

/** SMART backend services clients: a provider organization or another health plan; public keys only. */
export const backendClients = pgTable('backend_clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<'provider' | 'payer'>().notNull(),
  groupId: text('group_id').references(() => providerGroups.id),
  jwks: jsonb('jwks').$type<{ keys: Record<string, unknown>[] }>().notNull(),
  scopes: text('scopes').notNull(),
  status: text('status').$type<'active' | 'disabled'>().notNull().default('active'),
  createdAt: createdAt(),
});

// What a person typed into an account form whose session had ended when they sent it: put back
// into that form once the same person signs in again on the same browser (an hour at most).
export const formDrafts = pgTable(
  'form_drafts',
  {
    id: text('id').primaryKey(),
    // sha256 of the browser's own cookie (browserKey), so another browser never sees it.
    browserKey: text('browser_key').notNull(),
    // Whom the page was drawn for ('member:<id>' or 'representative:<id>'): nobody else gets it back.
    viewer: text('viewer').notNull(),
    path: text('path').notNull(),
    values: jsonb('values').$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('form_drafts_browser_key_idx').on(t.browserKey)],
);
