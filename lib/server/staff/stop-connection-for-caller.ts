import 'server-only';
import { appClock, todayIn } from '@/lib/calendar';
import { appConfig } from '@/lib/server/config/app-config';
import { getDb } from '@/lib/db/client';
import type { StopReason } from '@/lib/schemas/staff';
import { customerServiceRevokedReason, customerServiceStopWords } from '@/lib/server/consent/customer-service-stop';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { AppError } from '@/lib/server/errors/app-error';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { findGrantNoticeRecipient } from '@/lib/server/notices/enqueue-grant-notice';
import { loadGrantParties, memberIsToldOn } from '@/lib/server/representatives/grant-parties';
import { capacityWords } from '@/lib/server/representatives/representative-wording';
import type { StaffActor } from './load-staff-actor';

export interface StopConnectionForCallerInput {
  memberId: string;
  grantId: string;
  reason: StopReason;
  /** For the record only: staff notes stay in the audit trail, in staff words, never shown to the member. */
  note: string;
  requestId?: string | null;
}

/** Who was emailed that customer service stopped the connection, in the order the console names them. */
export type StopEmailedParty = 'member' | 'representative';

/**
 * "Stop this connection" for a caller: the same revocation as the member's own "Stop sharing"
 * (the grant and every token under it end in one transaction, so the app's next call gets 401),
 * recorded as stopped by customer service with the reason from the list, and emails queued in
 * that transaction: to whoever approved it, in their language; and, when a representative did, to
 * the member too when an adult who is alive (docs/representatives-policy.md: a minor is not
 * written to about a parent). The grant must be this member's: the member ID is in the WHERE clause.
 */
export async function stopConnectionForCaller(
  actor: StaffActor,
  input: StopConnectionForCallerInput,
  today = todayIn(appClock()),
): Promise<{ appName: string; emailed: StopEmailedParty[] }> {
  const db = await getDb();
  const { outboxIds, appName, emailed } = await db.transaction(async (tx) => {
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
    const ids: string[] = [];
    const told: StopEmailedParty[] = [];
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
    if (id) ids.push(id);
    told.push(recipient.toRepresentative ? 'representative' : 'member');

    if (recipient.toRepresentative) {
      const parties = await loadGrantParties(tx, input.grantId);
      if (parties?.representative && parties.authority && memberIsToldOn(parties.member, today)) {
        const { member } = parties;
        const toMember = await enqueueMail(tx, {
          dedupeKey: `connection-stopped-by-staff:member:${input.grantId}`,
          to: member.email,
          locale: member.locale,
          template: 'connection-stopped-by-staff-member',
          params: {
            appName: parties.appName,
            representativeName: parties.representative.name,
            capacity: capacityWords(member.locale, parties.authority.type, member.sex, 'member'),
            reason: customerServiceStopWords(member.locale).reason(input.reason),
            accountUrl,
          },
        });
        if (toMember) ids.push(toMember);
        told.unshift('member');
      }
    }
    return { outboxIds: ids, appName: recipient.appName, emailed: told };
  });
  for (const id of outboxIds) deliverMailSoon(id);
  return { appName, emailed };
}
