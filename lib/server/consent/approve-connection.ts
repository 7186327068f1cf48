import 'server-only';
import type Provider from 'oidc-provider';
import { accountIdFor, finishAuthorization, saveProviderGrant } from '@/lib/server/smart/finish-authorization';
import { withProviderWritesIn } from '@/lib/server/smart/oidc-adapter';
import { createConsentGrant, type ConsentGrantRow, type CreateConsentGrantInput, type GrantApprover } from './create-consent-grant';
import { AppError } from '@/lib/server/errors/app-error';

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
