import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { representatives, sharingChoices, type OtherPayer, type SharingKind, type SharingMadeBy } from '@/lib/db/schema';
import { decideSharing, loadLatestSharingChoices } from './decide-sharing';

export interface SharingHistoryEntry {
  at: Date;
  kind: SharingKind;
  decision: 'permit' | 'deny';
  madeBy: SharingMadeBy;
  representativeId: string | null;
  representativeName: string | null;
  /** The representative's authority; for a phone choice the member made themself, PHONE_CALLER_SELF. */
  authorityType: string | null;
}

export interface SharingOverview {
  providerAccess: { on: boolean };
  payerToPayer: { on: boolean; policy: 'regular' | 'sensitive' | null; plans: OtherPayer[] };
  history: SharingHistoryEntry[];
}

/** One member's two choices in force (through the decision function) and every change, newest first. */
export async function loadSharingOverview(db: DbOrTx, memberId: string): Promise<SharingOverview> {
  const [providers, plans, rows] = await Promise.all([
    loadLatestSharingChoices(db, 'provider_access', [memberId]),
    loadLatestSharingChoices(db, 'payer_to_payer', [memberId]),
    db
      .select({
        at: sharingChoices.createdAt,
        kind: sharingChoices.kind,
        decision: sharingChoices.decision,
        madeBy: sharingChoices.madeBy,
        representativeId: sharingChoices.representativeId,
        authorityType: sharingChoices.authorityType,
        given: representatives.given,
        family: representatives.family,
      })
      .from(sharingChoices)
      .leftJoin(representatives, eq(representatives.repId, sharingChoices.representativeId))
      .where(eq(sharingChoices.memberId, memberId))
      .orderBy(desc(sharingChoices.seq))
      .limit(200),
  ]);
  const p2p = plans.get(memberId) ?? null;
  const p2pDecision = decideSharing('payer_to_payer', p2p);
  return {
    providerAccess: { on: decideSharing('provider_access', providers.get(memberId) ?? null).allowed },
    payerToPayer: { on: p2pDecision.allowed, policy: p2pDecision.allowed ? (p2p?.policy ?? null) : null, plans: p2pDecision.allowed ? (p2p?.otherPayers ?? []) : [] },
    history: rows.map(({ given, family, ...row }) => ({ ...row, representativeName: given ? `${given} ${family}` : null })),
  };
}
