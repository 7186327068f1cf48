import 'server-only';
import { appConfig } from '@/lib/server/config/app-config';
import { getDb } from '@/lib/db/client';
import type { StopReason } from '@/lib/schemas/staff';
import { customerServiceRevokedReason, customerServiceStopWords } from '@/lib/server/consent/customer-service-stop';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { AppError } from '@/lib/server/errors/app-error';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { findGrantNoticeRecipient } from '@/lib/server/notices/enqueue-grant-notice';
import type { StaffActor } from './load-staff-actor';

export interface StopConnectionForCallerInput {
  memberId: string;
  grantId: string;
  reason: StopReason;
  /** For the record only: staff notes stay in the audit trail, in staff words, never shown to the member. */
  note: string;
  requestId?: string | null;
}

/**
 * "Stop this connection" for a caller: the same revocation as the member's own "Stop sharing"
 * (the grant and every token under it end in one transaction, so the app's next call gets 401),
 * recorded as stopped by customer service with the reason from the list, and an email in the
 * approver's language saying so, queued in that transaction. The grant must be this member's:
 * the member ID is in the WHERE clause.
 */
export async function stopConnectionForCaller(actor: StaffActor, input: StopConnectionForCallerInput): Promise<{ appName: string }> {
  const db = await getDb();
  const { outboxId, appName } = await db.transaction(async (tx) => {
    const stopped = await revokeConsentGrant(
      {
        grantId: input.grantId,
        memberId: input.memberId,
        by: { kind: 'staff', id: actor.username },
        reason: customerServiceRevokedReason(input.reason),
        details: input.note ? { note: input.note } : {},
        requestId: input.requestId,
      },
      tx,
    );
    if (!stopped) throw new AppError('not-found', 'connectionNotFound');
    const recipient = (await findGrantNoticeRecipient(tx, input.grantId))!;
    const words = customerServiceStopWords(recipient.locale);
    const accountUrl = `${appConfig().publicUrl}/account`;
    // A representative who made the connection is told whose it was (docs/representatives-policy.md).
    const id = await enqueueMail(tx, {
      dedupeKey: `connection-stopped-by-staff:${input.grantId}`,
      to: recipient.email,
      locale: recipient.locale,
      ...(recipient.toRepresentative
        ? {
            template: 'connection-stopped-by-staff-representative' as const,
            params: { appName: recipient.appName, memberName: recipient.memberName, reason: words.reasonForRepresentative(input.reason, recipient.memberName), accountUrl },
          }
        : { template: 'connection-stopped-by-staff' as const, params: { appName: recipient.appName, reason: words.reason(input.reason), accountUrl } }),
    });
    return { outboxId: id, appName: recipient.appName };
  });
  if (outboxId) deliverMailSoon(outboxId);
  return { appName };
}
