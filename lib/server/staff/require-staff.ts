import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { safeReturnPath } from '@/lib/security/safe-return-path';
import { loadStaffActor, type StaffActor } from './load-staff-actor';
import type { StaffPermission } from './staff-permissions';

/** The sign-in page, coming back to `path` afterwards. */
export function staffSignInPath(path = '/staff'): string {
  return `/staff/sign-in?callbackUrl=${encodeURIComponent(safeReturnPath(path, '/staff'))}`;
}

/** A refusal is worth a line in the trail: someone tried a door their role does not open. */
export async function recordStaffRefusal(actor: StaffActor, permission: StaffPermission, where: string): Promise<void> {
  await recordAuditEvent(await getDb(), { actor: { kind: 'staff', id: actor.username }, action: 'staff.refused', details: { permission, where } });
}

/**
 * The guard of every staff page (and the console's layout): no staff session, back to sign-in;
 * a staff user without the page's permission gets 403, decided here on the server whatever the
 * navigation showed them.
 */
export async function requireStaff(permission?: StaffPermission): Promise<StaffActor> {
  const path = (await headers()).get('x-pathname') ?? '/staff';
  const actor = await loadStaffActor();
  if (!actor) redirect(staffSignInPath(path));
  if (permission && !actor.permissions.has(permission)) {
    await recordStaffRefusal(actor, permission, safeReturnPath(path, '/staff').split('?')[0]);
    forbidden();
  }
  return actor;
}

/**
 * The same guard for a staff route handler (JSON, CSV): 401 without a staff session, 403 without
 * the permission, else the handler with the staff user it acts for. `activity: false` for what a
 * page asks by itself (a live view's polling): it must not keep an idle session alive.
 */
export function staffRoute<C>(
  permission: StaffPermission,
  handler: (request: Request, actor: StaffActor, context: C) => Promise<Response>,
  { activity = true }: { activity?: boolean } = {},
) {
  return async (request: Request, context: C): Promise<Response> => {
    const noStore = { 'cache-control': 'no-store' };
    const actor = await loadStaffActor({ activity });
    if (!actor) return Response.json({ error: 'signed-out' }, { status: 401, headers: noStore });
    if (!actor.permissions.has(permission)) {
      await recordStaffRefusal(actor, permission, new URL(request.url).pathname);
      return Response.json({ error: 'forbidden', permission }, { status: 403, headers: noStore });
    }
    return handler(request, actor, context);
  };
}
