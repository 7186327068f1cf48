import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { apps, consentGrants, members, representatives } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { appConfig } from '@/lib/server/config/app-config';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { lastDayOf } from '@/lib/server/account/last-day-of';

export type GrantNotice = 'connection-ending-soon' | 'connection-ended';

/**
 * Puts a notice about one connection in the outbox, in the caller's transaction. It goes to whoever
 * approved the connection (the member, or the representative), like the receipt did, and says no
 * more than the app's name and a date. One per grant and kind: the dedupe key makes a second
 * enqueue (another instance, a retry) a no-op. Returns the outbox id, or null when already queued.
 */
export async function enqueueGrantNotice(tx: DbOrTx, grantId: string, notice: GrantNotice, options: { locale?: Locale } = {}): Promise<string | null> {
  const [row] = await tx
    .select({
      appName: apps.name,
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
  const locale: Locale = options.locale ?? (isLocale(preferred) ? preferred : 'en');
  const accountUrl = `${appConfig().publicUrl}/account`;
  return enqueueMail(tx, {
    dedupeKey: `${notice}:${grantId}`,
    to: row.repEmail ?? row.memberEmail,
    template: notice,
    locale,
    params: notice === 'connection-ending-soon' ? { appName: row.appName, endsOn: lastDayOf(row.expiresAt), accountUrl } : { appName: row.appName, accountUrl },
  });
}
