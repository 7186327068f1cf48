import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import type { DbOrTx } from '@/lib/db/client';
import { apps, consentGrants, members, representatives } from '@/lib/db/schema';
import { isLocale } from '@/lib/i18n/locales';
import { appConfig } from '@/lib/server/config/app-config';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';

type AppNotice = { template: 'app-access-removed'; reason: string } | { template: 'app-reinstated' };

/**
 * One notice per person who approved a connection to the app that is neither stopped nor past its
 * end (a member with two connections to it gets one). The dedupe key names the app's status change
 * (its `updated_at`), so a retry of the same suspension sends nothing new, while a later
 * suspension does. Returns the new outbox ids.
 */
export async function enqueueAppNotices(db: DbOrTx, appId: string, notice: AppNotice): Promise<string[]> {
  const now = appClock().now();
  const [app] = await db.select({ name: apps.name, updatedAt: apps.updatedAt }).from(apps).where(eq(apps.id, appId)).limit(1);
  if (!app) throw new Error(`No app ${appId}`);
  const rows = await db
    .select({
      memberId: consentGrants.memberId,
      memberEmail: members.email,
      memberLocale: members.preferredLocale,
      repId: representatives.repId,
      repEmail: representatives.email,
      repLocale: representatives.preferredLocale,
    })
    .from(consentGrants)
    .innerJoin(members, eq(members.memberId, consentGrants.memberId))
    .leftJoin(representatives, eq(representatives.repId, consentGrants.representativeId))
    .where(and(eq(consentGrants.appId, appId), isNull(consentGrants.revokedAt), gt(consentGrants.expiresAt, now)));

  const { publicUrl } = appConfig();
  const change = app.updatedAt.toISOString();
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const row of rows) {
    const recipient = row.repId ? `representative:${row.repId}` : `member:${row.memberId}`;
    const key = `${notice.template}:${appId}:${change}:${row.memberId}:${recipient}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const preferred = row.repId ? row.repLocale : row.memberLocale;
    const params: Record<string, string> = { appName: app.name, accountUrl: `${publicUrl}/account` };
    if (notice.template === 'app-access-removed') Object.assign(params, { reason: notice.reason, galleryUrl: `${publicUrl}/apps` });
    const id = await enqueueMail(db, {
      dedupeKey: key,
      to: row.repEmail ?? row.memberEmail,
      template: notice.template,
      locale: isLocale(preferred) ? preferred : 'en',
      params,
    });
    if (id) ids.push(id);
  }
  return ids;
}
