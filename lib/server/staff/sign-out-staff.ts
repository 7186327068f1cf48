import 'server-only';
import { getDb } from '@/lib/db/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { endHubSession, readHubSession } from '@/lib/server/auth/hub-session';

/** Ends this browser's staff session on the server, so a copy of the cookie opens nothing, and audits it. */
export async function signOutStaff(requestId: string | null): Promise<void> {
  const session = await readHubSession();
  await endHubSession();
  if (session?.kind === 'staff') {
    await recordAuditEvent(await getDb(), { actor: { kind: 'staff', id: session.username }, action: 'staff.signed-out', requestId });
  }
}
