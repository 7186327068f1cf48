import 'server-only';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type Provider from 'oidc-provider';
import { appClock } from '@/lib/calendar';
import type { DbOrTx } from '@/lib/db/client';
import { consentGrants } from '@/lib/db/schema';
import { accountIdFor, finishAuthorization, saveProviderGrant } from '@/lib/server/smart/finish-authorization';
import { withProviderWritesIn } from '@/lib/server/smart/oidc-adapter';
import { createConsentGrant, type ConsentGrantRow, type CreateConsentGrantInput, type GrantApprover } from './create-consent-grant';
import { AppError } from '@/lib/server/errors/app-error';
import { revokeConsentGrant } from './revoke-consent-grant';
import { CONNECTED_AGAIN } from './revoke-reasons';

/** What the grant records (as createConsentGrant takes it), plus who and where it is for. */
export interface ApproveConnectionInput extends Omit<CreateConsentGrantInput, 'memberId' | 'appId' | 'approvedBy'> {
  provider: Provider;
  /** The provider interaction when the app started the flow; null from the gallery. */
  interactionUid: string | null;
  member: { memberId: string; patientId: string };
  approvedBy: GrantApprover & { relatedPersonId?: string };
  app: { id: string; clientId: string };
}

/**
 * Step 5's "Approve data share": records the consent grant (with its audit row), mirrors it into
 * the authorization server, and, when an app is waiting, completes its authorization request.
 * Returns where the browser goes next to reach the app (null when the gallery launches it).
 */
export async function approveConnection(input: ApproveConnectionInput): Promise<{ grant: ConsentGrantRow; returnTo: string | null }> {
  const accountId =
    input.approvedBy.kind === 'representative' && input.approvedBy.relatedPersonId
      ? accountIdFor({ relatedPersonId: input.approvedBy.relatedPersonId })
      : accountIdFor({ patientId: input.member.patientId });
  const mirror = (grant: ConsentGrantRow) =>
    saveProviderGrant(input.provider, { grantId: grant.id, accountId, clientId: input.app.clientId, scopes: grant.scopes, expiresAt: grant.expiresAt });
  const { grant, created } = await createConsentGrant({
    memberId: input.member.memberId,
    appId: input.app.id,
    approvedBy: input.approvedBy,
    requestedScope: input.requestedScope,
    categories: input.categories,
    includeSensitive: input.includeSensitive,
    duration: input.duration,
    dataWindowStart: input.dataWindowStart,
    expiresAt: input.expiresAt,
    requestKey: input.requestKey,
    requestId: input.requestId,
    // The grant, its audit row, its receipt and its mirror in the authorization server commit
    // together: the database going away in between leaves none of them, never a connection the
    // account lists but the app cannot use.
    onCreated: async (tx, grant) => {
      await input.onCreated?.(tx, grant);
      await replaceEarlierConnections(tx, grant, input.requestId);
      await withProviderWritesIn(tx, () => mirror(grant));
    },
  });
  // A repeated submit finds the first grant; it must not bring back one that was stopped since.
  if (!created && grant.revokedAt) throw new AppError('grant-stopped', 'flowExpired');
  // A grant approved before its mirror was written in the same transaction may lack one.
  if (!created && !(await input.provider.Grant.find(grant.id))) await mirror(grant);
  if (!input.interactionUid) return { grant, returnTo: null };
  const returnTo = await finishAuthorization(input.provider, {
    uid: input.interactionUid,
    clientId: input.app.clientId,
    accountId,
    grantId: grant.id,
    scopes: grant.scopes,
  });
  return { grant, returnTo };
}

/**
 * One connection per member, app and approver: approving an app again (a second device, a
 * reinstall, a new authorization after a narrowed one) ends the connections the same person had
 * made with it, tokens included, in the approval's transaction, so "Stop sharing" on the app's one
 * card stops the app. A connection someone else made for the member (the member's own beside a
 * representative's) is theirs, and stays.
 */
async function replaceEarlierConnections(tx: DbOrTx, grant: ConsentGrantRow, requestId: string | null | undefined): Promise<void> {
  // Two approvals of one app by one person at once (two tabs, two devices) each insert a grant
  // the other's statement cannot see yet, and both would stay. A lock on the member, app and
  // approver, held to the end of the transaction, puts them in turn: the second's statement below
  // runs after the first committed, sees its grant and replaces it.
  const approver = grant.representativeId === null ? grant.approvedByKind : `representative:${grant.representativeId}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`connection:${grant.memberId}:${grant.appId}:${approver}`}, 0))`);
  // Found and marked in one statement; each is then revoked as "Stop sharing" revokes it.
  const earlier = await tx
    .update(consentGrants)
    .set({ replacedBy: grant.id })
    .where(
      and(
        eq(consentGrants.memberId, grant.memberId),
        eq(consentGrants.appId, grant.appId),
        eq(consentGrants.approvedByKind, grant.approvedByKind),
        grant.representativeId === null ? isNull(consentGrants.representativeId) : eq(consentGrants.representativeId, grant.representativeId),
        ne(consentGrants.id, grant.id),
        isNull(consentGrants.revokedAt),
        isNull(consentGrants.replacedBy),
        gt(consentGrants.expiresAt, appClock().now()),
      ),
    )
    .returning({ id: consentGrants.id });
  const by = grant.approvedByKind === 'representative' ? { kind: 'representative' as const, id: grant.representativeId } : { kind: 'member' as const, id: grant.memberId };
  for (const { id } of earlier) {
    await revokeConsentGrant({ grantId: id, by, reason: CONNECTED_AGAIN, memberId: grant.memberId, requestId, details: { replacedBy: grant.id } }, tx);
  }
}
