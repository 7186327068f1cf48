import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps, consentGrants, oidcModels } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';
import { noticeAppAccessRemoved } from '@/lib/server/notices/notice-app-access-removed';
import { noticeAppReinstated } from '@/lib/server/notices/notice-app-reinstated';

export type AppStatus = 'pending' | 'approved' | 'denied' | 'suspended';

const ALLOWED: Record<AppStatus, AppStatus[]> = {
  pending: ['approved', 'denied'],
  approved: ['suspended'],
  suspended: ['approved'],
  denied: ['approved'],
};

/**
 * The payer's decision on an app, always with a reason (objective security criteria only).
 * Suspension takes effect at once: every code, access token and refresh token the app holds is
 * deleted in the same transaction, so a later reinstatement brings none of them back (members
 * connect again). Members' grants stay on record, so their connections page can say what happened.
 */
export async function changeAppStatus(input: { appId: string; status: AppStatus; reason: string; staffUsername: string }): Promise<{ affectedGrantIds: string[] }> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('reason-required', 'reasonRequired', 'reason');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(apps).where(eq(apps.id, input.appId)).for('update');
    if (!app) throw new AppError('no-app', 'appUnavailable');
    if (!ALLOWED[app.status].includes(input.status)) throw new AppError('transition', 'statusChangeNotAllowed');
    await tx
      .update(apps)
      .set({ status: input.status, statusReason: reason, statusSince: todayIn(appClock()), updatedAt: appClock().now() })
      .where(eq(apps.id, input.appId));
    let affectedGrantIds: string[] = [];
    if (input.status === 'suspended') {
      const grants = await tx
        .select({ id: consentGrants.id })
        .from(consentGrants)
        .where(and(eq(consentGrants.appId, input.appId), isNull(consentGrants.revokedAt)));
      affectedGrantIds = grants.map((g) => g.id);
      if (affectedGrantIds.length) await tx.delete(oidcModels).where(inArray(oidcModels.grantId, affectedGrantIds));
    }
    // Members who had connected the app are told in the same transaction (sent after commit).
    if (input.status === 'suspended') await noticeAppAccessRemoved(input.appId, reason, tx);
    if (app.status === 'suspended' && input.status === 'approved') await noticeAppReinstated(input.appId, tx);
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: input.staffUsername },
      action: `app.${input.status}`,
      appId: input.appId,
      details: { from: app.status, to: input.status, reason, grantsAffected: affectedGrantIds.length },
    });
    return { affectedGrantIds };
  });
}
