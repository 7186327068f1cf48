import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { apps, consentGrants, members, representatives } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { appConfig } from '@/lib/server/config/app-config';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { lastDayOf } from '@/lib/server/account/last-day-of';
import { loadGrantParties } from '@/lib/server/representatives/grant-parties';
import { endCauseOf } from '@/lib/server/representatives/representative-notices';

export type GrantNotice = 'connection-ending-soon' | 'connection-ended';

/**
 * Puts a notice about one connection in the outbox, in the caller's transaction. It goes to whoever
 * approved the connection (the member, or the representative), like the receipt did, and says no
 * more than the app's name and a date. One per grant and kind: the dedupe key makes a second
 * enqueue (another instance, a retry) a no-op. Returns the outbox id, or null when already queued.
 */
export async function enqueueGrantNotice(tx: DbOrTx, grantId: string, notice: GrantNotice, options: { locale?: Locale } = {}): Promise<string | null> {
  const recipient = await findGrantNoticeRecipient(tx, grantId);
  if (!recipient) return null;
  const accountUrl = `${appConfig().publicUrl}/account`;
  // A representative is told whose connection it is (issue 13): a parent of two tells them apart.
  const parties = await loadGrantParties(tx, grantId);
  if (parties?.representative) {
    const base = { appName: parties.appName, memberName: parties.member.name, accountUrl };
    return enqueueMail(tx, {
      dedupeKey: `${notice}:${grantId}`,
      to: recipient.email,
      template: notice === 'connection-ending-soon' ? 'representative-connection-ending-soon' : 'representative-connection-ended',
      locale: options.locale ?? recipient.locale,
      params: notice === 'connection-ending-soon' ? { ...base, endsOn: lastDayOf(parties.expiresAt), endCause: endCauseOf(parties, parties.expiresAt) } : base,
    });
  }
  return enqueueMail(tx, {
    dedupeKey: `${notice}:${grantId}`,
    to: recipient.email,
    template: notice,
    locale: options.locale ?? recipient.locale,
    params:
      notice === 'connection-ending-soon' ? { appName: recipient.appName, endsOn: lastDayOf(recipient.expiresAt), accountUrl } : { appName: recipient.appName, accountUrl },
  });
}

/**
 * The "ended" notice to a representative who stopped a connection someone else approved (a parent
 * stopping the one their child made): it names the member, as everything a representative reads does.
 */
export async function enqueueEndedNoticeToRepresentative(tx: DbOrTx, grantId: string, repId: string, locale: Locale): Promise<string | null> {
  const parties = await loadGrantParties(tx, grantId);
  const [rep] = await tx.select({ email: representatives.email }).from(representatives).where(eq(representatives.repId, repId)).limit(1);
  if (!parties || !rep?.email) return null;
  return enqueueMail(tx, {
    dedupeKey: `connection-ended:${grantId}:${repId}`,
    to: rep.email,
    template: 'representative-connection-ended',
    locale,
    params: { appName: parties.appName, memberName: parties.member.name, accountUrl: `${appConfig().publicUrl}/account` },
  });
}

/**
 * The "ended" notice to a member who stopped a connection a representative made for them (a
 * designee's, a guardian's): their own words, in the page's language, as if they had approved it.
 */
export async function enqueueEndedNoticeToMember(tx: DbOrTx, grantId: string, locale: Locale): Promise<string | null> {
  const parties = await loadGrantParties(tx, grantId);
  if (!parties?.member.email) return null;
  return enqueueMail(tx, {
    dedupeKey: `connection-ended:${grantId}:member`,
    to: parties.member.email,
    template: 'connection-ended',
    locale,
    params: { appName: parties.appName, accountUrl: `${appConfig().publicUrl}/account` },
  });
}

/** Whoever approved the connection (the member, or the representative), in their language, with the app's name. */
export async function findGrantNoticeRecipient(
  tx: DbOrTx,
  grantId: string,
): Promise<{ email: string; locale: Locale; appName: string; expiresAt: Date; memberName: string; toRepresentative: boolean } | null> {
  const [row] = await tx
    .select({
      appName: apps.name,
      memberGiven: members.given,
      memberFamily: members.family,
      expiresAt: consentGrants.expiresAt,
      memberEmail: members.email,
      memberLocale: members.preferredLocale,
      repEmail: representatives.email,
      repLocale: representatives.preferredLocale,
    })
    .from(consentGrants)
    .innerJoin(apps, eq(apps.id, consentGrants.appId))
    .innerJoin(members, eq(members.memberId, consentGrants.memberId))
    .leftJoin(representatives, eq(representatives.repId, consentGrants.representativeId))
    .where(eq(consentGrants.id, grantId))
    .limit(1);
  if (!row) return null;
  const preferred = row.repEmail ? row.repLocale : row.memberLocale;
  return {
    email: row.repEmail ?? row.memberEmail,
    locale: isLocale(preferred) ? preferred : 'en',
    appName: row.appName,
    expiresAt: row.expiresAt,
    memberName: `${row.memberGiven} ${row.memberFamily}`,
    toRepresentative: row.repEmail !== null,
  };
}
