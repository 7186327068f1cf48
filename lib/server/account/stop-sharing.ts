import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/locales';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { AppError } from '@/lib/server/errors/app-error';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueRepresentativeActed } from '@/lib/server/representatives/representative-notices';
import { enqueueEndedNoticeToMember, enqueueEndedNoticeToRepresentative, enqueueGrantNotice } from '@/lib/server/notices/enqueue-grant-notice';
import { auditActorOf, type AccountScope } from './account-scope';
import { findAccountConnection, isCurrent, latestOf } from './list-account-connections';

export interface StopSharingInput {
  grantId: string;
  /** The language of the page, for the "connection ended" email when the viewer approved it. */
  locale: Locale;
  requestId?: string | null;
}

/**
 * "Stop sharing": the grant and every code and token issued under it end at once (the app's next
 * FHIR call gets 401 and its refresh fails), with the audit row and the "connection ended" email
 * in the same transaction. A grant id outside the viewer's scope is "not found", whoever it is.
 */
export async function stopSharing(scope: AccountScope, input: StopSharingInput): Promise<{ appName: string; grantId: string }> {
  const asked = await findAccountConnection(scope, input.grantId, undefined, { forChange: true });
  if (!asked) {
    // Seen but not theirs to stop (a member under 18 and a parent's connection): say who can.
    if (await findAccountConnection(scope, input.grantId)) throw new AppError('not-allowed', 'onlyApproverCanStop');
    throw new AppError('not-found', 'connectionNotFound');
  }
  // Changed meanwhile in another tab: "Stop sharing" with the app stops the connection now in force.
  const connection = await latestOf(scope, asked);
  if (!isCurrent(connection)) throw new AppError('already-ended', 'connectionEnded');
  const viewerApproved =
    (connection.approvedByKind === 'member' && scope.viewer.kind === 'member') ||
    (scope.viewer.kind === 'representative' && connection.representativeId === scope.viewer.repId);
  const byRepresentative = scope.viewer.kind === 'representative' ? scope.viewer.repId : null;
  const db = await getDb();
  const outboxIds = await db.transaction(async (tx) => {
    const stopped = await revokeConsentGrant(
      {
        grantId: connection.grantId,
        by: auditActorOf(scope.viewer),
        reason: byRepresentative ? 'representative-stopped' : 'member-stopped',
        memberId: connection.memberId,
        requestId: input.requestId,
      },
      tx,
    );
    if (!stopped) throw new AppError('already-ended', 'connectionEnded');
    // Who is written to:
    // - whoever stopped it, when they approved it ("ended", in the page's language);
    // - a representative who stopped a connection someone else approved: "ended", naming the member;
    // - a member who stopped a connection a representative made for them: "ended";
    // - an adult member, when a representative stopped it: who did, as what (a minor is not written
    //   to about a parent, so a parent stopping the child's own connection tells the parent only);
    // - a representative who approved it, when someone else stopped it: "ended".
    const toViewer = viewerApproved
      ? await enqueueGrantNotice(tx, connection.grantId, 'connection-ended', { locale: input.locale })
      : byRepresentative
        ? await enqueueEndedNoticeToRepresentative(tx, connection.grantId, byRepresentative, input.locale)
        : await enqueueEndedNoticeToMember(tx, connection.grantId, input.locale);
    const toMember = byRepresentative ? await enqueueRepresentativeActed(tx, connection.grantId, 'stopped', { repId: byRepresentative }) : null;
    const toApprover = !viewerApproved && connection.approvedByKind !== 'member' ? await enqueueGrantNotice(tx, connection.grantId, 'connection-ended') : null;
    return [toViewer, toMember, toApprover];
  });
  // After commit, without waiting on SMTP: the outbox worker retries if this try fails.
  for (const id of outboxIds) if (id) deliverMailSoon(id);
  return { appName: connection.appName, grantId: connection.grantId };
}
