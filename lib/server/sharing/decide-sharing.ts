import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { sharingChoices, type OtherPayer, type SharingKind } from '@/lib/db/schema';

/** The newest choice of one kind, as far as a decision needs it. */
export interface SharingChoiceFacts {
  id: string;
  decision: 'permit' | 'deny';
  policy: 'regular' | 'sensitive' | null;
  otherPayers: OtherPayer[];
  createdAt: Date;
}

export interface SharingDecision {
  allowed: boolean;
  /** Payer-to-Payer: whether data the law treats as sensitive (behavioral health, substance use) may go. */
  includeSensitive: boolean;
  /** The choice this rests on; null when the member never chose (the rule's default applies). */
  choiceId: string | null;
}

/**
 * The one rule every place that shares data calls (CMS-0057-F): Provider Access is on unless the
 * member's newest Provider Access choice turned it off; Payer-to-Payer is off unless the newest
 * Payer-to-Payer choice turned it on (and then only for the plans the member named, and sensitive
 * data only under `#sensitive`).
 */
export function decideSharing(kind: SharingKind, latest: SharingChoiceFacts | null, recipient?: { payerName?: string; payerMemberId?: string }): SharingDecision {
  if (kind === 'provider_access') {
    return { allowed: latest?.decision !== 'deny', includeSensitive: true, choiceId: latest?.id ?? null };
  }
  if (!latest || latest.decision !== 'permit') return { allowed: false, includeSensitive: false, choiceId: latest?.id ?? null };
  const named = recipient ? latest.otherPayers.some((p) => payerMatches(p, recipient)) : true;
  return { allowed: named, includeSensitive: named && latest.policy === 'sensitive', choiceId: latest.id };
}

const normalize = (value: string) => value.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();

/** Whether two plan names are the same plan here: ignoring case, spaces and punctuation. */
export const samePayerName = (a: string, b: string) => normalize(a) === normalize(b);

/** A named plan matches by its name (ignoring case, spaces and punctuation) and, when both are known, the member's ID there. */
function payerMatches(payer: OtherPayer, recipient: { payerName?: string; payerMemberId?: string }): boolean {
  if (recipient.payerName && !samePayerName(recipient.payerName, payer.name)) return false;
  if (recipient.payerMemberId && payer.memberId && normalize(recipient.payerMemberId) !== normalize(payer.memberId)) return false;
  return Boolean(recipient.payerName || recipient.payerMemberId);
}

/** The newest choice of `kind` for each member (absent: never chose), read at the moment of the call. */
export async function loadLatestSharingChoices(db: DbOrTx, kind: SharingKind, memberIds: string[]): Promise<Map<string, SharingChoiceFacts>> {
  const latest = new Map<string, SharingChoiceFacts>();
  if (memberIds.length === 0) return latest;
  const rows = await db
    .selectDistinctOn([sharingChoices.memberId], {
      memberId: sharingChoices.memberId,
      id: sharingChoices.id,
      decision: sharingChoices.decision,
      policy: sharingChoices.policy,
      otherPayers: sharingChoices.otherPayers,
      createdAt: sharingChoices.createdAt,
    })
    .from(sharingChoices)
    .where(and(eq(sharingChoices.kind, kind), inArray(sharingChoices.memberId, memberIds)))
    .orderBy(sharingChoices.memberId, desc(sharingChoices.seq));
  for (const { memberId, ...facts } of rows) latest.set(memberId, facts);
  return latest;
}

/** decideSharing for one member, on the choices in the database now. */
export async function decideSharingFor(db: DbOrTx, kind: SharingKind, memberId: string, recipient?: { payerName?: string; payerMemberId?: string }): Promise<SharingDecision> {
  const latest = await loadLatestSharingChoices(db, kind, [memberId]);
  return decideSharing(kind, latest.get(memberId) ?? null, recipient);
}
