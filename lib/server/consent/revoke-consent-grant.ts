import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { consentGrants, oidcModels } from '@/lib/db/schema';
import { recordAuditEvent, type AuditActorKind } from '@/lib/server/audit/record-audit-event';

export interface RevokeConsentGrantInput {
  grantId: string;
  by: { kind: AuditActorKind; id: string | null };
  reason: string;
  /** Only revoke when the grant belongs to this member (the WHERE clause is the permission). */
  memberId?: string;
  requestId?: string | null;
  /** More for the audit row (a staff member's note on why); never health data. */
  details?: Record<string, unknown>;
}

/**
 * Stops a grant: marks it revoked and deletes every code, access token and refresh token issued
 * under it, in one transaction, so the app's very next call fails. Returns false when there was
 * nothing to revoke (already stopped, or not this member's).
 */
export async function revokeConsentGrant(input: RevokeConsentGrantInput, db?: DbOrTx): Promise<boolean> {
  const database = db ?? (await getDb());
  return database.transaction(async (tx) => {
    const conditions = [eq(consentGrants.id, input.grantId), isNull(consentGrants.revokedAt)];
    if (input.memberId) conditions.push(eq(consentGrants.memberId, input.memberId));
    const [revoked] = await tx
      .update(consentGrants)
      .set({ revokedAt: appClock().now(), revokedBy: `${input.by.kind}:${input.by.id ?? ''}`, revokedReason: input.reason })
      .where(and(...conditions))
      .returning({ id: consentGrants.id, memberId: consentGrants.memberId, appId: consentGrants.appId });
    if (!revoked) {
      // Already stopped: make sure no token survived. Never touch another member's grant.
      if (!input.memberId) await revokeGrantTokens(tx, input.grantId);
      return false;
    }
    await revokeGrantTokens(tx, input.grantId);
    await recordAuditEvent(tx, {
      actor: input.by,
      action: 'consent.revoked',
      memberId: revoked.memberId,
      appId: revoked.appId,
      grantId: revoked.id,
      details: { ...input.details, reason: input.reason },
      requestId: input.requestId,
    });
    return true;
  });
}

/** Every token, code and provider grant record hanging off a consent grant. */
export async function revokeGrantTokens(tx: DbOrTx, grantId: string): Promise<void> {
  await tx.delete(oidcModels).where(eq(oidcModels.grantId, grantId));
}
