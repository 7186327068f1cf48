import 'server-only';
import type Provider from 'oidc-provider';
import { accountIdFor, finishAuthorization, saveProviderGrant } from '@/lib/server/smart/finish-authorization';
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
    onCreated: input.onCreated,
  });
  const accountId =
    input.approvedBy.kind === 'representative' && input.approvedBy.relatedPersonId
      ? accountIdFor({ relatedPersonId: input.approvedBy.relatedPersonId })
      : accountIdFor({ patientId: input.member.patientId });
  // A repeated submit finds the first grant; it must not bring back one that was stopped since.
  if (!created && grant.revokedAt) throw new AppError('grant-stopped', 'flowExpired');
  // The mirror is written after the grant commits: when the database went away in between, the
  // member's retry (the same request key) finds the grant and writes the missing mirror.
  if (created || !(await input.provider.Grant.find(grant.id))) await saveProviderGrant(input.provider, {
    grantId: grant.id,
    accountId,
    clientId: input.app.clientId,
    scopes: grant.scopes,
    expiresAt: grant.expiresAt,
  });
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
