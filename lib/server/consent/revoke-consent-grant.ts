import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { auditEvents, consentGrants, oidcModels } from '@/lib/db/schema';
import type { AuditActorKind } from '@/lib/server/audit/record-audit-event';

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
 * Stops a grant: marks it revoked, deletes every code, access token and refresh token issued
 * under it (and the provider's grant), and writes the audit row, so the app's very next call
 * fails. One statement, atomic by itself (or inside the caller's transaction `db`): one exchange
 * with the database instead of five (begin, the three writes, commit), for every stop, whoever
 * asks. Returns false when there was nothing to revoke (already stopped, or not this member's).
 */
export async function revokeConsentGrant(input: RevokeConsentGrantInput, db?: DbOrTx): Promise<boolean> {
  const database = db ?? (await getDb());
  const conditions = [eq(consentGrants.id, input.grantId), isNull(consentGrants.revokedAt)];
  if (input.memberId) conditions.push(eq(consentGrants.memberId, input.memberId));
  const revoked = database.$with('revoked').as(
    database
      .update(consentGrants)
      .set({ revokedAt: appClock().now(), revokedBy: `${input.by.kind}:${input.by.id ?? ''}`, revokedReason: input.reason })
      .where(and(...conditions))
      .returning({ id: consentGrants.id, memberId: consentGrants.memberId, appId: consentGrants.appId }),
  );
  // Already stopped: its tokens are deleted all the same, so none survives. Never touch another
  // member's grant: with a member named, only once this statement has revoked it.
  const tokens = database.$with('tokens').as(
    database.delete(oidcModels).where(and(eq(oidcModels.grantId, input.grantId), input.memberId ? sql`exists (select 1 from ${revoked})` : undefined)),
  );
  // The row recordAuditEvent writes, for the grant this statement revoked (none when it revoked none).
  const audit = database.$with('audit', {}).as(
    sql`insert into ${auditEvents} (actor_kind, actor_id, action, member_id, app_id, grant_id, details, request_id)
      select ${input.by.kind}, ${input.by.id}, 'consent.revoked', member_id, app_id, id, ${JSON.stringify({ ...input.details, reason: input.reason })}::jsonb, ${input.requestId ?? null}
        from ${revoked}`,
  );
  const [row] = await database.with(revoked, tokens, audit).select({ revoked: sql<number>`count(*)::int` }).from(revoked);
  return Number(row?.revoked ?? 0) > 0;
}
