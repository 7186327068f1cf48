import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { apps, consentGrants, members, representatives } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { describeCriterionForMembers } from '@/lib/server/apps/describe-criterion';
import { appConfig } from '@/lib/server/config/app-config';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';

/**
 * What to tell people: their connection ended because the payer stopped the app (with the
 * decision's criterion, in each reader's language), or the app is back and they may connect again.
 */
export type AppNotice = { template: 'app-access-removed'; criterion: string } | { template: 'app-reinstated' };

/**
 * One notice per person who approved one of these connections to the app (a member with two
 * connections to it gets one). The dedupe key names the app's status change (its `updated_at`),
 * so a retry of the same suspension sends nothing new, while a later suspension does. Returns the
 * new outbox ids.
 */
export async function enqueueAppNotices(db: DbOrTx, appId: string, grantIds: readonly string[], notice: AppNotice): Promise<string[]> {
  if (grantIds.length === 0) return [];
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
    .where(and(eq(consentGrants.appId, appId), inArray(consentGrants.id, [...grantIds])));

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
    const locale: Locale = isLocale(preferred) ? preferred : 'en';
    const params: Record<string, string> = { appName: app.name, accountUrl: `${publicUrl}/account` };
    if (notice.template === 'app-reinstated') params.appUrl = `${publicUrl}/apps/${appId}`;
    if (notice.template === 'app-access-removed') {
      // The criterion in plain words in the reader's language; the reviewer's notes stay with staff.
      const reason = describeCriterionForMembers(notice.criterion, locale);
      if (!reason) throw new Error(`No member wording for the criterion ${notice.criterion}`);
      Object.assign(params, { reason, galleryUrl: `${publicUrl}/apps` });
    }
    const id = await enqueueMail(db, { dedupeKey: key, to: row.repEmail ?? row.memberEmail, template: notice.template, locale, params });
    if (id) ids.push(id);
  }
  return ids;
}
