import 'server-only';

/**
 * A paragraph of an email: a sentence from the `email` messages, the one value the email is for
 * (the code) set apart, or a sentence followed by a link.
 */
export type MailBlock =
  /** `ifParam`: only when that param was given (an email queued before it existed has none). */
  | { kind: 'text'; key: string; ifParam?: string }
  | { kind: 'highlight'; param: string }
  | { kind: 'link'; key: string; urlParam: string };

export interface MailTemplateDefinition {
  /** The message namespace holding its strings: `email` unless a feature keeps its own. */
  namespace?: string;
  /** Where its strings live in that namespace. */
  messages: string;
  params: readonly string[];
  /** Kept sealed in the outbox and cleared once sent: the plain value is never at rest. */
  secretParams: readonly string[];
  /** Values for params added later, for an email queued before them (the outbox outlives a deploy). */
  defaults?: Readonly<Record<string, string>>;
  blocks: readonly MailBlock[];
  /**
   * Keys of its own footer lines, in place of the members' (no health information in email; call
   * customer service): for readers who are not members, to whom neither is true.
   */
  footer?: readonly string[];
}

const SHARING_RECEIPT_BLOCKS = [
  { kind: 'text', key: 'intro' },
  { kind: 'text', key: 'what' },
  { kind: 'link', key: 'change', urlParam: 'sharingUrl' },
  { kind: 'text', key: 'notYou' },
] as const;

/** Customer service stopped a connection: what, why, what the app keeps, where to look. */
const STOPPED_BY_STAFF_BLOCKS = [
  { kind: 'text', key: 'intro' },
  { kind: 'text', key: 'why' },
  { kind: 'text', key: 'alreadyShared' },
  { kind: 'link', key: 'seeConnections', urlParam: 'accountUrl' },
] as const;

/** A receipt for a sharing choice (issue 15): the same four paragraphs, each choice in its own words. */
function sharingReceipt<const M extends string>(messages: M) {
  return {
    namespace: 'sharing',
    messages,
    params: ['sharingUrl'],
    secretParams: [],
    blocks: SHARING_RECEIPT_BLOCKS,
  } as const;
}

/** The same receipt to a representative, naming the member the choice was made for. */
function sharingReceiptForRepresentative<const M extends string>(messages: M) {
  return {
    namespace: 'sharing',
    messages: `mail.forRepresentative.${messages}` as const,
    params: ['sharingUrl', 'memberName'],
    secretParams: [],
    blocks: SHARING_RECEIPT_BLOCKS,
  } as const;
}

// The rule's explanations of sharing with doctors and a next plan, to a member or to who acts for them.
const SHARING_EXPLAINED_BLOCKS = [
  { kind: 'text', key: 'intro' },
  { kind: 'text', key: 'providers' },
  { kind: 'text', key: 'providersChoice' },
  { kind: 'text', key: 'nextPlan' },
  { kind: 'text', key: 'nextPlanChoice' },
  { kind: 'link', key: 'learn', urlParam: 'learnUrl' },
  { kind: 'link', key: 'choose', urlParam: 'sharingUrl' },
] as const;

/** A receipt (the member's or a representative's) for a connection made (`notResponsible`) or narrowed (`reconnect`). */
const receiptBlocks = <const K extends string>(fourth: K) =>
  [
    { kind: 'text', key: 'intro' },
    { kind: 'text', key: 'whatIsShared' },
    { kind: 'text', key: 'sensitive', ifParam: 'sensitive' },
    { kind: 'text', key: 'until' },
    { kind: 'text', key: fourth },
    { kind: 'link', key: 'stopSharing', urlParam: 'accountUrl' },
  ] as const;

// None of these carries health information: no diagnosis, claim, drug or birth date, no member ID.
export const MAIL_TEMPLATES = {
  'verification-code': {
    messages: 'verificationCode',
    params: ['code'],
    secretParams: ['code'],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'highlight', param: 'code' },
      { kind: 'text', key: 'howToUse' },
      { kind: 'text', key: 'doNotShare' },
      { kind: 'text', key: 'notYou' },
    ],
  },
  // A developer's sign-in code: unlike a member's, the code alone opens the account, and help is
  // not the members' customer service line.
  'developer-sign-in-code': {
    messages: 'developerSignInCode',
    params: ['code'],
    secretParams: ['code'],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'highlight', param: 'code' },
      { kind: 'text', key: 'howToUse' },
      { kind: 'text', key: 'doNotShare' },
      { kind: 'text', key: 'notYou' },
    ],
    footer: ['help'],
  },
  'connection-receipt': {
    messages: 'connectionReceipt',
    params: ['appName', 'categories', 'endsOn', 'accountUrl'],
    secretParams: [],
    blocks: receiptBlocks('notResponsible'),
  },
  // A member shared less with an app (account, "Change what is shared"): what it gets now.
  'connection-changed': {
    messages: 'connectionChanged',
    params: ['appName', 'categories', 'endsOn', 'accountUrl'],
    secretParams: [],
    blocks: receiptBlocks('reconnect'),
  },
  'connection-ending-soon': {
    messages: 'connectionEndingSoon',
    params: ['appName', 'endsOn', 'accountUrl'],
    secretParams: [],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'link', key: 'keepSharing', urlParam: 'accountUrl' },
      { kind: 'text', key: 'doNothing' },
    ],
  },
  'connection-ended': {
    messages: 'connectionEnded',
    params: ['appName', 'accountUrl'],
    secretParams: [],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'text', key: 'alreadyShared' },
      { kind: 'link', key: 'seeConnections', urlParam: 'accountUrl' },
    ],
  },
  'app-access-removed': {
    messages: 'appAccessRemoved',
    params: ['appName', 'reason', 'galleryUrl', 'accountUrl'],
    secretParams: [],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'text', key: 'why' },
      { kind: 'text', key: 'alreadyShared' },
      { kind: 'link', key: 'chooseAnother', urlParam: 'galleryUrl' },
      { kind: 'link', key: 'seeConnections', urlParam: 'accountUrl' },
    ],
  },
  'app-reinstated': {
    messages: 'appReinstated',
    params: ['appName', 'appUrl', 'accountUrl'],
    secretParams: [],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'text', key: 'oldStaysEnded' },
      { kind: 'link', key: 'connectAgain', urlParam: 'appUrl' },
      { kind: 'link', key: 'seeConnections', urlParam: 'accountUrl' },
    ],
  },
  // Customer service stopped a connection for a caller: says who (the service, never a person) and why.
  'connection-stopped-by-staff': {
    namespace: 'customerService',
    messages: 'connectionStoppedByStaff',
    params: ['appName', 'reason', 'accountUrl'],
    secretParams: [],
    blocks: STOPPED_BY_STAFF_BLOCKS,
  },
  // The same, to the representative who made the connection: whose it was.
  'connection-stopped-by-staff-representative': {
    namespace: 'customerService',
    messages: 'connectionStoppedByStaffForRepresentative',
    params: ['appName', 'memberName', 'reason', 'accountUrl'],
    secretParams: [],
    blocks: STOPPED_BY_STAFF_BLOCKS,
  },
  // The same, to an adult member when the connection was one a representative made for them.
  'connection-stopped-by-staff-member': {
    messages: 'connectionStoppedByStaffForMember',
    params: ['appName', 'representativeName', 'capacity', 'reason', 'accountUrl'],
    secretParams: [],
    blocks: STOPPED_BY_STAFF_BLOCKS,
  },
  // A link customer service sent, to start connecting an app; no code, nothing shared until the member finishes.
  'connect-link': {
    namespace: 'customerService',
    messages: 'connectLink',
    params: ['appName', 'connectUrl'],
    secretParams: [],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'text', key: 'steps' },
      { kind: 'link', key: 'start', urlParam: 'connectUrl' },
      { kind: 'text', key: 'notYou' },
    ],
  },
  // The same link to a representative who called: whose record to choose once they have proved who they are.
  'connect-link-representative': {
    namespace: 'customerService',
    messages: 'connectLinkForRepresentative',
    params: ['appName', 'connectUrl', 'memberName'],
    secretParams: [],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'text', key: 'steps' },
      { kind: 'text', key: 'whose' },
      { kind: 'link', key: 'start', urlParam: 'connectUrl' },
      { kind: 'text', key: 'notYou' },
    ],
  },
  // Issue 15: receipts for a sharing choice (Provider Access, Payer-to-Payer), and the rule's explanations.
  'sharing-providers-off': sharingReceipt('mail.providersOff'),
  'sharing-providers-on': sharingReceipt('mail.providersOn'),
  'sharing-next-plan-on': sharingReceipt('mail.nextPlanOn'),
  'sharing-next-plan-off': sharingReceipt('mail.nextPlanOff'),
  'sharing-rep-providers-off': sharingReceiptForRepresentative('providersOff'),
  'sharing-rep-providers-on': sharingReceiptForRepresentative('providersOn'),
  'sharing-rep-next-plan-on': sharingReceiptForRepresentative('nextPlanOn'),
  'sharing-rep-next-plan-off': sharingReceiptForRepresentative('nextPlanOff'),
  // Within a week of coverage start and once a year: what Provider Access and Payer-to-Payer are, and how to choose.
  'sharing-explained': {
    namespace: 'sharing',
    messages: 'mail.explained',
    params: ['learnUrl', 'sharingUrl'],
    secretParams: [],
    blocks: SHARING_EXPLAINED_BLOCKS,
  },
  // The same, to a parent, guardian or personal representative who makes these choices for a member.
  'sharing-explained-representative': {
    namespace: 'sharing',
    messages: 'mail.forRepresentative.explained',
    params: ['learnUrl', 'sharingUrl', 'memberName'],
    secretParams: [],
    blocks: SHARING_EXPLAINED_BLOCKS,
  },
  // Issue 13: what a representative is told names the member and the capacity; adult members are
  // told when someone acts for them, and both sides why an authority's end stopped a connection.
  'representative-receipt': {
    namespace: 'representatives',
    messages: 'mail.repReceipt',
    params: ['appName', 'memberName', 'capacity', 'categories', 'endsOn', 'endCause', 'accountUrl'],
    secretParams: [],
    blocks: receiptBlocks('notResponsible'),
  },
  // The same after a representative shared less: what the app gets now.
  'representative-changed': {
    namespace: 'representatives',
    messages: 'mail.repChanged',
    params: ['appName', 'memberName', 'capacity', 'categories', 'endsOn', 'endCause', 'accountUrl'],
    secretParams: [],
    blocks: receiptBlocks('reconnect'),
  },
  'representative-connection-ending-soon': {
    namespace: 'representatives',
    messages: 'mail.repEndingSoon',
    params: ['appName', 'memberName', 'endsOn', 'endCause', 'accountUrl'],
    secretParams: [],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'text', key: 'next' },
      { kind: 'link', key: 'seeConnections', urlParam: 'accountUrl' },
    ],
  },
  'representative-connection-ended': {
    namespace: 'representatives',
    messages: 'mail.repEnded',
    params: ['appName', 'memberName', 'accountUrl'],
    secretParams: [],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'text', key: 'alreadyShared' },
      { kind: 'link', key: 'seeConnections', urlParam: 'accountUrl' },
    ],
  },
  'authority-ended-representative': {
    namespace: 'representatives',
    messages: 'mail.authorityEndedRep',
    params: ['appName', 'memberName', 'capacity', 'endCause', 'date', 'accountUrl'],
    secretParams: [],
    // The authority's type picks the next step (a designation is renewed by a form, a guardian by papers).
    defaults: { authority: 'other' },
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'text', key: 'why' },
      { kind: 'text', key: 'next' },
      { kind: 'text', key: 'alreadyShared' },
      { kind: 'link', key: 'seeConnections', urlParam: 'accountUrl' },
    ],
  },
  'authority-ended-member': {
    namespace: 'representatives',
    messages: 'mail.authorityEndedMember',
    params: ['appName', 'representativeName', 'endCause', 'date', 'galleryUrl', 'accountUrl'],
    secretParams: [],
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'link', key: 'connectYourself', urlParam: 'galleryUrl' },
      { kind: 'text', key: 'alreadyShared' },
      { kind: 'link', key: 'seeConnections', urlParam: 'accountUrl' },
    ],
  },
  'representative-acted': {
    namespace: 'representatives',
    messages: 'mail.representativeActed',
    params: ['action', 'appName', 'representativeName', 'capacity', 'accountUrl'],
    secretParams: [],
    // A connection made or changed says what the app gets and until when (none for a stop, nor
    // in a notice queued before these existed).
    blocks: [
      { kind: 'text', key: 'intro' },
      { kind: 'text', key: 'whatIsShared', ifParam: 'categories' },
      { kind: 'text', key: 'sensitive', ifParam: 'sensitive' },
      { kind: 'text', key: 'until', ifParam: 'endsOn' },
      { kind: 'text', key: 'howToStop' },
      { kind: 'text', key: 'whoCanAct' },
      { kind: 'link', key: 'seeConnections', urlParam: 'accountUrl' },
    ],
  },
} as const satisfies Record<string, MailTemplateDefinition>;

export type MailTemplate = keyof typeof MAIL_TEMPLATES;

export function isMailTemplate(value: string): value is MailTemplate {
  return Object.hasOwn(MAIL_TEMPLATES, value);
}

/** Refuses a message that would go out with a blank where a value belongs. */
/**
 * Whether a receipt says the member's mental health and substance use claims are shared: only when
 * claims are (`sensitive` is then 'shared' or 'notShared'); no param otherwise, so no sentence.
 */
export function sensitiveClaimsParam(categories: readonly string[], includeSensitive: boolean): { sensitive?: 'shared' | 'notShared' } {
  return categories.includes('claims') ? { sensitive: includeSensitive ? 'shared' : 'notShared' } : {};
}

export function assertMailParams(template: MailTemplate, params: Record<string, string>): void {
  const missing = MAIL_TEMPLATES[template].params.filter((name) => typeof params[name] !== 'string' || params[name].trim() === '');
  if (missing.length > 0) throw new Error(`Mail template ${template} needs ${missing.join(', ')}`);
}
