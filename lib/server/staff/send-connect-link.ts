import 'server-only';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { isLocale } from '@/lib/i18n/locales';
import { findGalleryApp } from '@/lib/server/apps/find-gallery-app';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { appConfig } from '@/lib/server/config/app-config';
import { checkConnectEligibility } from '@/lib/server/eligibility';
import { AppError } from '@/lib/server/errors/app-error';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { loadMember } from '@/lib/server/members/load-member';
import { consumeRateLimit } from '@/lib/server/rate-limit/consume-rate-limit';
import { rateLimitKey } from '@/lib/server/rate-limit/rate-limit-key';
import type { StaffActor } from './load-staff-actor';

/** A few links an hour per member: enough for a call that goes wrong twice, too few to flood an inbox. */
export const CONNECT_LINK_LIMIT = { limit: 3, windowSeconds: 60 * 60 } as const;

/**
 * Emails the member, at the address on file and in their language, a link that starts the connect
 * flow for the chosen app. It carries no code and proves nothing: the member still reads the
 * privacy answers, agrees to the terms and verifies their identity with their own email code,
 * which staff never see. Refused when the app is not in the gallery or the member cannot connect
 * today (the caller would only hit a refusal).
 */
export async function sendConnectLink(actor: StaffActor, input: { memberId: string; appId: string; requestId?: string | null }): Promise<{ appName: string }> {
  const member = await loadMember(input.memberId);
  if (!member) throw new AppError('no-member', 'memberNotFound');
  const app = await findGalleryApp(input.appId);
  if (!app) throw new AppError('no-app', 'appNotConnectable', 'appId');
  if (!checkConnectEligibility(member.facts, todayIn(appClock())).eligible) throw new AppError('not-eligible', 'memberCannotConnect');
  const limit = await consumeRateLimit(await rateLimitKey('connect-link', member.memberId), CONNECT_LINK_LIMIT.limit, CONNECT_LINK_LIMIT.windowSeconds);
  if (!limit.allowed) throw new AppError('rate-limited', 'linkLimited', undefined, { minutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) });

  const db = await getDb();
  const outboxId = await db.transaction(async (tx) => {
    const id = await enqueueMail(tx, {
      dedupeKey: `connect-link:${member.memberId}:${app.id}:${crypto.randomUUID()}`,
      to: member.email,
      template: 'connect-link',
      locale: isLocale(member.preferredLocale) ? member.preferredLocale : 'en',
      params: { appName: app.name, connectUrl: `${appConfig().publicUrl}/apps/${encodeURIComponent(app.id)}/connect` },
    });
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: actor.username },
      action: 'flow.link-sent',
      memberId: member.memberId,
      appId: app.id,
      requestId: input.requestId,
    });
    return id;
  });
  if (outboxId) deliverMailSoon(outboxId);
  return { appName: app.name };
}
