import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { staff } from '@/lib/db/schema';
import { readHubSession } from '@/lib/server/auth/hub-session';
import { appConfig } from '@/lib/server/config/app-config';
import { permissionsOf, type StaffPermission } from './staff-permissions';
import { renewStaffSession } from './staff-session';

/** A signed-in staff user, as every staff page, route and action sees them. */
export interface StaffActor {
  username: string;
  name: string;
  roles: string[];
  permissions: ReadonlySet<StaffPermission>;
  /** When they signed in (ms), for the page that says when the session ends. */
  verifiedAt: number;
}

/**
 * The staff user of this request, or null: no live session (its record ended: signed out, 30 idle
 * minutes, 8 hours since sign-in, a sign-in elsewhere), a member's or representative's session
 * (they never open /staff), or an account that may not sign in now (disabled, or a demo account
 * once demo data is off). Roles are read from the staff table on every request, never from the
 * cookie, so a role taken away bites on the next click. `activity: false` for what the browser
 * does by itself (the live queue's polling), which must not keep a session alive.
 */
export async function loadStaffActor({ activity = true }: { activity?: boolean } = {}): Promise<StaffActor | null> {
  const session = await readHubSession();
  if (session?.kind !== 'staff') return null;
  const [row] = await (await getDb()).select().from(staff).where(eq(staff.username, session.username)).limit(1);
  if (!row || !staffAccountUsable(row)) return null;
  if (activity) await renewStaffSession();
  return { username: row.username, name: row.name, roles: row.roles, permissions: permissionsOf(row.roles), verifiedAt: session.verifiedAt };
}

/** Disabled accounts never sign in; the published demo accounts only while demo data is on. */
export function staffAccountUsable(row: Pick<typeof staff.$inferSelect, 'disabledAt' | 'source'>): boolean {
  return row.disabledAt === null && (row.source !== 'demo' || appConfig().demoData);
}
