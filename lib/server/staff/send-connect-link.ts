import 'server-only';
import { rememberPreferredLocale } from '@/lib/server/account/remember-preferred-locale';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { findGalleryApp } from '@/lib/server/apps/find-gallery-app';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { appConfig } from '@/lib/server/config/app-config';
import { checkConnectEligibility } from '@/lib/server/eligibility';
import { AppError } from '@/lib/server/errors/app-error';
import { maskEmail } from '@/lib/server/identity/mask-email';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { loadMember } from '@/lib/server/members/load-member';
import { consumeRateLimit } from '@/lib/server/rate-limit/consume-rate-limit';
import { rateLimitKey } from '@/lib/server/rate-limit/rate-limit-key';
import { listConnectLinkCallers } from './list-connect-link-callers';
import type { StaffActor } from './load-staff-actor';

/** A few links an hour per member: enough for a call that goes wrong twice, too few to flood an inbox. */
export const CONNECT_LINK_LIMIT = { limit: 3, windowSeconds: 60 * 60 } as const;

/**
 * Emails the caller, at their address on file and in the language they speak on the phone (saved
 * as theirs), a link that starts the connect flow for the chosen app: the member, or the
 * representative on the phone (listConnectLinkCallers), whose email says whose record to choose
 * once they have proved who they are (the link names no member: whoever holds it proves who they
 * are first). It carries no code and proves nothing; staff never see the caller's code. Refused
 * when the app is not in the gallery, the member cannot connect today, or the caller may not act.
 */
export async function sendConnectLink(
  actor: StaffActor,
  input: { memberId: string; appId: string; caller: string; locale?: Locale; requestId?: string | null },
): Promise<{ appName: string; locale: Locale; to: { name: string; maskedEmail: string; isMember: boolean } }> {
  const member = await loadMember(input.memberId);
  if (!member) throw new AppError('no-member', 'memberNotFound');
  const app = await findGalleryApp(input.appId);
  if (!app) throw new AppError('no-app', 'appNotConnectable', 'appId');
  const today = todayIn(appClock());
  if (!checkConnectEligibility(member.facts, today).eligible) throw new AppError('not-eligible', 'memberCannotConnect');
  const db = await getDb();
  const caller = (await listConnectLinkCallers(db, member.memberId, today))?.find((c) => c.value === input.caller);
  if (!caller) throw new AppError('caller-cannot-act', 'linkCallerCannotAct', 'caller');
  const limit = await consumeRateLimit(await rateLimitKey('connect-link', member.memberId), CONNECT_LINK_LIMIT.limit, CONNECT_LINK_LIMIT.windowSeconds);
  if (!limit.allowed) throw new AppError('rate-limited', 'linkLimited', undefined, { minutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) });

  const memberName = `${member.given} ${member.family}`;
  const previousLocale = caller.kind === 'member' ? member.preferredLocale : caller.locale;
  const locale: Locale = input.locale ?? (isLocale(previousLocale) ? previousLocale : 'en');
  // `?lang=` opens the flow in the language of the email, whatever the browser's own.
  const connectUrl = `${appConfig().publicUrl}/apps/${encodeURIComponent(app.id)}/connect?lang=${locale}`;
  const outboxId = await db.transaction(async (tx) => {
    if (locale !== previousLocale) {
      await rememberPreferredLocale(caller.kind === 'member' ? { kind: 'member', memberId: member.memberId } : { kind: 'representative', repId: caller.repId }, locale, tx);
    }
    const id = await enqueueMail(
      tx,
      caller.kind === 'member'
        ? {
            dedupeKey: `connect-link:${member.memberId}:${app.id}:${crypto.randomUUID()}`,
            to: member.email,
            template: 'connect-link',
            locale,
            params: { appName: app.name, connectUrl },
          }
        : {
            dedupeKey: `connect-link:${member.memberId}:${app.id}:${caller.repId}:${crypto.randomUUID()}`,
            to: caller.email,
            template: 'connect-link-representative',
            locale,
            params: { appName: app.name, connectUrl, memberName },
          },
    );
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: actor.username },
      action: 'flow.link-sent',
      memberId: member.memberId,
      appId: app.id,
      details: {
        to: caller.kind,
        ...(caller.kind === 'representative' ? { representativeId: caller.repId, authorityType: caller.authorityType } : {}),
        locale,
        ...(previousLocale !== locale ? { languageSavedFrom: previousLocale } : {}),
      },
      requestId: input.requestId,
    });
    return id;
  });
  if (outboxId) deliverMailSoon(outboxId);
  return {
    appName: app.name,
    locale,
    to: caller.kind === 'member' ? { name: memberName, maskedEmail: maskEmail(member.email), isMember: true } : { name: caller.name, maskedEmail: caller.maskedEmail, isMember: false },
  };
}
