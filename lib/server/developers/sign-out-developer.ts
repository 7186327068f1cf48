import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { developerAccounts } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';

/** Ends every session of the account that began before now, on every device and instance. */
export async function signOutDeveloper(developerId: string, requestId?: string | null): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Real time, like the session's own start: a moved demo clock must not end or revive sessions.
    await tx.update(developerAccounts).set({ sessionsEndedAt: new Date() }).where(eq(developerAccounts.id, developerId));
    await recordAuditEvent(tx, { actor: { kind: 'developer', id: developerId }, action: 'developer.signed-out', requestId });
  });
}
