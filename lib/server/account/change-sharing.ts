import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { addDays, appClock, endOfDayInstant, todayIn } from '@/lib/calendar';
import { consentGrants, members, representatives } from '@/lib/db/schema';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/locales';
import { appConfig } from '@/lib/server/config/app-config';
import { approveConnection } from '@/lib/server/consent/approve-connection';
import type { GrantDuration } from '@/lib/server/consent/grant-duration';
import { revokeConsentGrant } from '@/lib/server/consent/revoke-consent-grant';
import { AppError } from '@/lib/server/errors/app-error';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { sensitiveClaimsParam } from '@/lib/server/mail/mail-templates';
import { getProvider } from '@/lib/server/smart/provider-instance';
import type { DataCategory } from '@/lib/server/smart/smart-scopes';
import { auditActorOf, memberInScope, type AccountScope } from './account-scope';
import { enqueueRepresentativeActed, enqueueRepresentativeReceipt } from '@/lib/server/representatives/representative-notices';
import { lastDayOf } from './last-day-of';
import { findAccountConnection, latestOf } from './list-account-connections';

/** The connection was changed after the form was drawn; `grantId` is the one in force now. */
export class ConnectionChangedElsewhere extends AppError {
  constructor(readonly grantId: string) {
    super('changed-elsewhere', 'connectionChangedElsewhere');
  }
}

export interface ChangeSharingInput {
  grantId: string;
  /** What the app may still get: only categories it has now. */
  categories: DataCategory[];
  /** Sensitive data can only be turned off here, never on. */
  includeSensitive: boolean;
  /** End sooner: in this many days from today (end of that day), or keep the end date. */
  endInDays: number | null;
  locale: Locale;
  /** The category names for the receipt, in the reader's language. */
  categoryNames: Record<DataCategory, string>;
  requestId?: string | null;
}

/**
 * "Change what is shared" without starting over: a new grant with less (fewer categories, no
 * sensitive data, an earlier end) replaces the old one, which is revoked with reason 'replaced'
 * in the same transaction, so its tokens end at once. The new grant is mirrored into the
 * authorization server like a gallery approval; the app gets it through a new authorization.
 * Sharing more needs the full approval again, from the app or the gallery.
 */
export async function changeSharing(scope: AccountScope, input: ChangeSharingInput): Promise<{ grantId: string; appName: string }> {
  const asked = await findAccountConnection(scope, input.grantId, undefined, { forChange: true });
  if (!asked) {
    if (await findAccountConnection(scope, input.grantId)) throw new AppError('not-allowed', 'onlyApproverCanStop');
    throw new AppError('not-found', 'connectionNotFound');
  }
  const old = await latestOf(scope, asked);
  if (old.state === 'paused') throw new AppError('app-unavailable', 'appUnavailable');
  if (old.state !== 'active') throw new AppError('already-ended', 'connectionEnded');

  const categories = old.categories.filter((c) => input.categories.includes(c));
  const includeSensitive = old.includeSensitive && input.includeSensitive;
  const now = appClock().now();
  const requestedEnd = input.endInDays === null ? null : endOfDayInstant(addDays(todayIn(appClock()), input.endInDays));
  const expiresAt = requestedEnd && requestedEnd < old.expiresAt ? requestedEnd : old.expiresAt;
  const unchanged = categories.length === old.categories.length && includeSensitive === old.includeSensitive && expiresAt.getTime() === old.expiresAt.getTime();
  if (old !== asked) {
    // The form was drawn before another change of this connection (a second submit, the back
    // button, another tab). What it asks is what the connection now is: that change was made, and
    // the member lands on it. Anything else was chosen over what the connection no longer is: the
    // member sees what it shares now and chooses again (ConnectionChangedElsewhere).
    if (unchanged) return { grantId: old.grantId, appName: old.appName };
    throw new ConnectionChangedElsewhere(old.grantId);
  }
  if (categories.length === 0) throw new AppError('no-category', 'chooseCategory', 'categories');
  if (unchanged) throw new AppError('no-change', 'noChange');
  if (expiresAt <= now) throw new AppError('bad-end', 'chooseEnd', 'ends');

  const db = await getDb();
  const actor = auditActorOf(scope.viewer);
  let approvedBy: Parameters<typeof approveConnection>[0]['approvedBy'] = { kind: 'member' };
  let approverEmail = scope.viewerEmail;
  if (scope.viewer.kind === 'representative') {
    const authority = memberInScope(scope, old.memberId)?.authority;
    if (!authority) throw new AppError('not-found', 'connectionNotFound');
    const [rep] = await db.select({ relatedPersonId: representatives.relatedPersonId }).from(representatives).where(eq(representatives.repId, scope.viewer.repId));
    approvedBy = { kind: 'representative', repId: scope.viewer.repId, authorityId: authority.id, authorityType: authority.type, relatedPersonId: rep.relatedPersonId };
  }
  const [member] = await db.select({ patientId: members.patientId, email: members.email }).from(members).where(eq(members.memberId, old.memberId));
  if (scope.viewer.kind === 'member') approverEmail = member.email;

  let receiptId: string | null = null;
  let memberNoticeId: string | null = null;
  const { grant } = await approveConnection({
    provider: getProvider(),
    interactionUid: null,
    member: { memberId: old.memberId, patientId: member.patientId },
    approvedBy,
    app: { id: old.appId, clientId: old.appClientId },
    requestedScope: old.scopes,
    categories,
    includeSensitive,
    duration: old.duration as GrantDuration,
    dataWindowStart: old.dataWindowStart,
    expiresAt,
    // One replacement per grant: a second submit finds the first one.
    requestKey: `replaces:${old.grantId}`,
    requestId: input.requestId,
    onCreated: async (tx, created) => {
      const [marked] = await tx
        .update(consentGrants)
        .set({ replacedBy: created.id })
        .where(and(eq(consentGrants.id, old.grantId), isNull(consentGrants.revokedAt), isNull(consentGrants.replacedBy)))
        .returning({ id: consentGrants.id });
      const revoked = marked && (await revokeConsentGrant({ grantId: old.grantId, by: actor, reason: 'replaced', memberId: old.memberId, requestId: input.requestId }, tx));
      // Stopped meanwhile (another tab): roll the new grant back rather than share again.
      if (!revoked) throw new AppError('already-ended', 'connectionEnded');
      const categoryList = categories.map((c) => input.categoryNames[c]).join(', ');
      if (scope.viewer.kind === 'representative') {
        // The representative's receipt names the member; an adult member is told who changed it.
        receiptId = await enqueueRepresentativeReceipt(tx, created.id, { locale: input.locale, categories: categoryList, changed: true, ...sensitiveClaimsParam(categories, created.includeSensitive) });
        const told = await enqueueRepresentativeActed(tx, created.id, 'changed', { repId: scope.viewer.repId });
        if (told) memberNoticeId = told;
        return;
      }
      receiptId = await enqueueMail(tx, {
        dedupeKey: `connection-changed:${created.id}`,
        to: approverEmail,
        template: 'connection-changed',
        locale: input.locale,
        params: {
          appName: old.appName,
          categories: categoryList,
          ...sensitiveClaimsParam(categories, created.includeSensitive),
          endsOn: lastDayOf(created.expiresAt),
          accountUrl: `${appConfig().publicUrl}/account`,
        },
      });
    },
  });
  if (receiptId) deliverMailSoon(receiptId);
  if (memberNoticeId) deliverMailSoon(memberNoticeId);
  return { grantId: grant.id, appName: old.appName };
}
