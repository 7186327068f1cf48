import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { addDays, appClock, eighteenthBirthday, todayIn, type CalendarDate } from '@/lib/calendar';
import type { DbOrTx } from '@/lib/db/client';
import { authorities, representatives } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { lastDayOf } from '@/lib/server/account/last-day-of';
import { appConfig } from '@/lib/server/config/app-config';
import { authorityActiveOn } from '@/lib/server/eligibility';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { sensitiveClaimsParam } from '@/lib/server/mail/mail-templates';
import { loadGrantParties, memberIsToldOn, type GrantParties } from './grant-parties';
import { categoryListWords, capacityWords } from './representative-wording';

/** Why a representative's connection ends on its end date: the child turns 18, the authority ends, or neither. */
export type EndCause = 'child18' | 'authority' | 'other';

export function endCauseOf(parties: Pick<GrantParties, 'authority' | 'member'>, expiresAt: Date): EndCause {
  if (!parties.authority) return 'other';
  const lastDay = lastDayOf(expiresAt);
  const status = authorityActiveOn(parties.authority, parties.member, lastDay);
  if (!status.active || status.endsOn !== lastDay) return 'other';
  return parties.authority.type === 'parent' && lastDay === addDays(eighteenthBirthday(parties.member.birthDate), -1) ? 'child18' : 'authority';
}

const accountUrl = () => `${appConfig().publicUrl}/account`;

/** The receipt a representative gets: whose information, as what, until when and why then. */
export async function enqueueRepresentativeReceipt(
  tx: DbOrTx,
  grantId: string,
  input: { locale: Locale; categories: string; changed?: boolean; sensitive?: string },
): Promise<string | null> {
  const parties = await loadGrantParties(tx, grantId);
  if (!parties?.representative || !parties.authority) return null;
  return enqueueMail(tx, {
    // A change (the grant replacing one with more) has its own words: the app now gets less.
    dedupeKey: `${input.changed ? 'connection-changed' : 'connection-receipt'}:${grantId}`,
    to: parties.representative.email,
    template: input.changed ? 'representative-changed' : 'representative-receipt',
    locale: input.locale,
    params: {
      appName: parties.appName,
      memberName: parties.member.name,
      capacity: capacityWords(input.locale, parties.authority.type, parties.member.sex),
      categories: input.categories,
      ...(input.sensitive ? { sensitive: input.sensitive } : {}),
      endsOn: parties.duration === 'once' ? parties.expiresAt.toISOString() : lastDayOf(parties.expiresAt),
      endCause: endCauseOf(parties, parties.expiresAt),
      accountUrl: accountUrl(),
    },
  });
}

export type RepresentativeAction = 'connected' | 'changed' | 'stopped';

/**
 * Tells an adult member that a representative connected, changed or stopped an app for them: who,
 * as what, and how to stop it. Minors and members who died are not written to. The grant named is
 * the one the action made (connected, changed) or ended (stopped). Returns the outbox id or null.
 */
export async function enqueueRepresentativeActed(
  tx: DbOrTx,
  grantId: string,
  action: RepresentativeAction,
  actor: { repId: string },
  today: CalendarDate = todayIn(appClock()),
): Promise<string | null> {
  const parties = await loadGrantParties(tx, grantId);
  if (!parties || !memberIsToldOn(parties.member, today)) return null;
  const rep = await loadActor(tx, actor.repId, parties.member.memberId);
  if (!rep) return null;
  const locale = parties.member.locale;
  return enqueueMail(tx, {
    dedupeKey: `representative-acted:${action}:${grantId}`,
    to: parties.member.email,
    template: 'representative-acted',
    locale,
    params: {
      action,
      appName: parties.appName,
      representativeName: rep.name,
      capacity: capacityWords(locale, rep.type, parties.member.sex, 'member'),
      accountUrl: accountUrl(),
      // What the app now gets and until when, as the member's own receipt would say; a stop has none.
      ...(action === 'stopped'
        ? {}
        : {
            categories: categoryListWords(locale, parties.categories),
            ...sensitiveClaimsParam(parties.categories, parties.includeSensitive),
            endsOn: parties.duration === 'once' ? parties.expiresAt.toISOString() : lastDayOf(parties.expiresAt),
          }),
    },
  });
}

async function loadActor(tx: DbOrTx, repId: string, memberId: string): Promise<{ name: string; type: string } | null> {
  const [row] = await tx
    .select({ given: representatives.given, family: representatives.family, type: authorities.type })
    .from(representatives)
    .innerJoin(authorities, and(eq(authorities.repId, representatives.repId), eq(authorities.memberId, memberId)))
    .where(eq(representatives.repId, repId))
    .orderBy(desc(authorities.start))
    .limit(1);
  return row ? { name: `${row.given} ${row.family}`, type: row.type } : null;
}

/**
 * The day a representative's authority ended stopped their connection: the representative is told
 * why and what may be done (no "connect again", which they cannot), and the member, when an adult,
 * that the connection ended and they may connect apps themselves. Returns the outbox ids.
 */
export async function enqueueAuthorityEndedNotices(
  tx: DbOrTx,
  parties: GrantParties,
  status: { reason: 'ended' | 'child-turned-18'; since: CalendarDate; lastDay: CalendarDate },
): Promise<string[]> {
  if (!parties.representative || !parties.authority) return [];
  const endCause = status.reason === 'child-turned-18' ? 'child18' : 'ended';
  // The birthday itself; for an end on file, its last day.
  const date = status.reason === 'child-turned-18' ? status.since : status.lastDay;
  const ids: string[] = [];
  const rep = parties.representative;
  const toRep = await enqueueMail(tx, {
    dedupeKey: `authority-ended:representative:${parties.grantId}`,
    to: rep.email,
    template: 'authority-ended-representative',
    locale: rep.locale,
    params: {
      appName: parties.appName,
      memberName: parties.member.name,
      capacity: capacityWords(rep.locale, parties.authority.type, parties.member.sex),
      endCause,
      authority: parties.authority.type,
      date,
      accountUrl: accountUrl(),
    },
  });
  if (toRep) ids.push(toRep);
  if (memberIsToldOn(parties.member, status.since)) {
    const toMember = await enqueueMail(tx, {
      dedupeKey: `authority-ended:member:${parties.grantId}`,
      to: parties.member.email,
      template: 'authority-ended-member',
      locale: parties.member.locale,
      params: { appName: parties.appName, representativeName: rep.name, endCause, date, galleryUrl: `${appConfig().publicUrl}/apps`, accountUrl: accountUrl() },
    });
    if (toMember) ids.push(toMember);
  }
  return ids;
}
