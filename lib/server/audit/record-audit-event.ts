import 'server-only';
import type { DbOrTx } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';

export type AuditActorKind = 'member' | 'representative' | 'developer' | 'staff' | 'app' | 'system';

export interface AuditEventInput {
  actor: { kind: AuditActorKind; id: string | null };
  action: string;
  memberId?: string | null;
  appId?: string | null;
  grantId?: string | null;
  /** Never health data, codes or secrets: ids, reasons and counts only. */
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/** Call with the transaction that makes the change, so the change and its audit row land together. */
export async function recordAuditEvent(tx: DbOrTx, event: AuditEventInput): Promise<void> {
  await tx.insert(auditEvents).values({
    actorKind: event.actor.kind,
    actorId: event.actor.id,
    action: event.action,
    memberId: event.memberId ?? null,
    appId: event.appId ?? null,
    grantId: event.grantId ?? null,
    details: event.details ?? {},
    requestId: event.requestId ?? null,
  });
}
