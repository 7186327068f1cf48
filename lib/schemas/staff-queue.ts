// The privacy officer's queue as the page renders it first and its live route sends it as JSON.
// Texts are final (English: staff tools are not translated); the browser only shows them.

export interface QueueCaseView {
  id: string;
  reference: string;
  href: string;
  openedOn: string;
  kind: string;
  /** The member (or, for a flag, the staff user) the case is about. */
  about: string;
  app: string;
  reportedBy: string;
  status: 'open' | 'in_review' | 'closed';
  statusLabel: string;
  owner: string;
  dueOn: string;
  overdue: boolean;
}

export interface QueuePayload {
  filter: string;
  cases: QueueCaseView[];
  counts: { open: number; in_review: number; closed: number };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const STRING_FIELDS = ['id', 'reference', 'href', 'openedOn', 'kind', 'about', 'app', 'reportedBy', 'statusLabel', 'owner', 'dueOn'] as const;

function isQueueCase(v: unknown): v is QueueCaseView {
  return (
    isObject(v) &&
    STRING_FIELDS.every((field) => typeof v[field] === 'string') &&
    (v.status === 'open' || v.status === 'in_review' || v.status === 'closed') &&
    typeof v.overdue === 'boolean'
  );
}

/** The payload, or null when the answer is not one (the live view then says it could not update). */
export function parseQueuePayload(value: unknown): QueuePayload | null {
  if (!isObject(value) || typeof value.filter !== 'string' || !Array.isArray(value.cases) || !value.cases.every(isQueueCase) || !isObject(value.counts)) return null;
  const { open, in_review, closed } = value.counts;
  if (typeof open !== 'number' || typeof in_review !== 'number' || typeof closed !== 'number') return null;
  return { filter: value.filter, cases: value.cases, counts: { open, in_review, closed } };
}

export const QUEUE_FILTERS = ['active', 'open', 'in_review', 'closed', 'all'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
export function queueFilterOf(value: unknown): QueueFilter {
  return (QUEUE_FILTERS as readonly unknown[]).includes(value) ? (value as QueueFilter) : 'active';
}
