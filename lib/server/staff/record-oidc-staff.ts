import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { staff } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { StaffRole } from './staff-permissions';

/**
 * A staff user who signed in at the payer's identity provider: their row is made or refreshed
 * with the roles their groups grant today, so a group they left takes its permissions with it at
 * their next sign-in. A local account of the same name is never taken over (the `oidc:` prefix),
 * and a disabled row stays disabled. Returns the username, or null when they may not sign in.
 */
export async function recordOidcStaff(input: { username: string; name: string; roles: StaffRole[] }): Promise<string | null> {
  const { username } = input;
  if (!username.startsWith('oidc:')) throw new Error('An identity provider user is named oidc:<subject>');
  if (input.roles.length === 0) {
    await recordAuditEvent(await getDb(), { actor: { kind: 'staff', id: username }, action: 'staff.sign-in-failed', details: { method: 'oidc', reason: 'no-role' } });
    return null;
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx
      .insert(staff)
      .values({ username, name: input.name, roles: input.roles, source: 'oidc', passwordHash: null })
      .onConflictDoUpdate({ target: staff.username, set: { name: input.name, roles: input.roles }, setWhere: and(eq(staff.source, 'oidc'), isNull(staff.disabledAt)) });
    const [row] = await tx.select({ disabledAt: staff.disabledAt, source: staff.source }).from(staff).where(eq(staff.username, username));
    const allowed = row?.source === 'oidc' && row.disabledAt === null;
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: username },
      action: allowed ? 'staff.signed-in' : 'staff.sign-in-failed',
      details: allowed ? { method: 'oidc', roles: input.roles } : { method: 'oidc', reason: 'disabled' },
    });
    return allowed ? username : null;
  });
}
