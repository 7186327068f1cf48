import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { CLIENT_SECRET_GRACE_DAYS, generateClientSecret, hashClientSecret } from '@/lib/server/apps/client-secret';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';
import { formatInstantDate } from '@/lib/i18n/format-calendar-date';

/**
 * A new secret for the developer's own confidential client, returned this once and stored hashed.
 * The secret it replaces keeps working for CLIENT_SECRET_GRACE_DAYS, so the developer can deploy
 * the new one without an outage (endPreviousClientSecret ends it sooner, for a leaked secret).
 *
 * Two secrets work at most. While a replaced one still works, another rotation would stop it at
 * once (it may be the one the app still runs on), so it needs `endOldSecret`: the developer ticked
 * that they understand; without it nothing changes and the page says until when the old one works.
 */
export async function rotateClientSecret(
  developerId: string,
  appId: string,
  options: { endOldSecret?: boolean; requestId?: string | null; locale?: string } = {},
): Promise<{ clientSecret: string; previousValidUntil: Date }> {
  const clientSecret = generateClientSecret();
  const now = appClock().now();
  const previousValidUntil = new Date(now.getTime() + CLIENT_SECRET_GRACE_DAYS * 24 * 60 * 60 * 1000);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [app] = await tx
      .select({ id: apps.id, secretHash: apps.clientSecretHash, previousHash: apps.previousClientSecretHash, previousExpiresAt: apps.previousClientSecretExpiresAt })
      .from(apps)
      .where(and(eq(apps.id, appId), eq(apps.developerAccountId, developerId), eq(apps.clientType, 'confidential'), isNotNull(apps.clientSecretHash)))
      .for('update');
    if (!app) throw new AppError('not-found', 'appNotFound');
    const oldStillWorks = app.previousHash !== null && app.previousExpiresAt !== null && app.previousExpiresAt > now;
    if (oldStillWorks && !options.endOldSecret) {
      throw new AppError('old-secret-live', 'oldSecretStillLive', 'endOldSecret', { date: formatInstantDate(app.previousExpiresAt!, options.locale ?? 'en') });
    }
    await tx
      .update(apps)
      .set({ clientSecretHash: hashClientSecret(clientSecret), previousClientSecretHash: app.secretHash, previousClientSecretExpiresAt: previousValidUntil })
      .where(eq(apps.id, app.id));
    await recordAuditEvent(tx, {
      actor: { kind: 'developer', id: developerId },
      action: 'app.secret-rotated',
      appId: app.id,
      details: { previousValidUntil: previousValidUntil.toISOString(), ...(oldStillWorks ? { olderSecretEnded: true } : {}) },
      requestId: options.requestId,
    });
  });
  return { clientSecret, previousValidUntil };
}
