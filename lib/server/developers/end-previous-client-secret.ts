import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';

/** Ends the rotated-out secret now, before its grace period is over. */
export async function endPreviousClientSecret(developerId: string, appId: string, requestId?: string | null): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const ended = await tx
      .update(apps)
      .set({ previousClientSecretHash: null, previousClientSecretExpiresAt: null })
      .where(and(eq(apps.id, appId), eq(apps.developerAccountId, developerId), isNotNull(apps.previousClientSecretHash)))
      .returning({ id: apps.id });
    if (ended.length === 0) throw new AppError('not-found', 'appNotFound');
    await recordAuditEvent(tx, { actor: { kind: 'developer', id: developerId }, action: 'app.previous-secret-ended', appId, requestId });
  });
}
