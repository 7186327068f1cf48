import 'server-only';
import { getDb } from '@/lib/db/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { auditActorOf, type AccountViewer } from './account-scope';

/** The audit trail of account sessions: who signed in, who signed out (ids only). */
export async function recordSessionEvent(viewer: AccountViewer, action: 'account.signed-in' | 'account.signed-out', requestId?: string | null): Promise<void> {
  await recordAuditEvent(await getDb(), {
    actor: auditActorOf(viewer),
    action,
    memberId: viewer.kind === 'member' ? viewer.memberId : null,
    requestId,
  });
}
