import 'server-only';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { setPageStatus } from '@/lib/server/http/page-status';
import { safeReturnPath } from '@/lib/security/safe-return-path';
import { loadStaffActor, type StaffActor } from './load-staff-actor';
import type { StaffPermission } from './staff-permissions';

/**
 * The sign-in page, coming back to `path` afterwards (a page of the console only). `formKept`: a
 * form was sent after the session ended and what was typed is kept; the page says so.
 */
export function staffSignInPath(path = '/staff', { formKept = false }: { formKept?: boolean } = {}): string {
  const back = safeReturnPath(path, '/staff');
  const callbackUrl = back === '/staff' || back.startsWith('/staff/') || back.startsWith('/staff?') ? back : '/staff';
  return `/staff/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}${formKept ? '&formKept=1' : ''}`;
}

/** A refusal is worth a line in the trail: someone tried a door their role does not open. */
export async function recordStaffRefusal(actor: StaffActor, permission: StaffPermission, where: string): Promise<void> {
  await recordAuditEvent(await getDb(), { actor: { kind: 'staff', id: actor.username }, action: 'staff.refused', details: { permission, where } });
}

/**
 * The guard of every staff page (and the console's layout): no staff session, back to sign-in.
 */
export async function requireStaff(): Promise<StaffActor> {
  const actor = await loadStaffActor();
  if (!actor) redirect(staffSignInPath(await requestPath()));
  return actor;
}

/**
 * The guard of a staff page that needs a permission, decided here on the server whatever the
 * navigation showed: no staff session, back to sign-in; a staff user whose role lacks it gets null
 * (the refusal goes in the trail and the page answers 403), and the page returns
 * `<StaffForbidden />` in its place. Not Next.js's `forbidden()`: its page reaches the browser
 * only in the scripts' payload (page-status.ts), so without JavaScript it was a blank page.
 */
export async function staffWithPermission(permission: StaffPermission): Promise<StaffActor | null> {
  const path = await requestPath();
  const actor = await loadStaffActor();
  if (!actor) redirect(staffSignInPath(path));
  if (actor.permissions.has(permission)) return actor;
  await recordStaffRefusal(actor, permission, safeReturnPath(path, '/staff').split('?')[0]);
  setPageStatus(403);
  return null;
}

const requestPath = async () => (await headers()).get('x-pathname') ?? '/staff';

/** The title of the page a role may not open (components/staff/staff-forbidden.tsx's heading). */
export const STAFF_FORBIDDEN_TITLE = 'You do not have access to this page';

/**
 * A staff page's title: its own for a role that may open it, else the refusal's, so the title says
 * what the page shows (WCAG 2.4.2). `titleForRole`, a title naming what only the role may see (an
 * app under review), is worked out only for a staff user who holds the permission. Reads the staff
 * user without counting it as activity or recording a refusal: the page itself does both.
 */
export async function staffPageMetadata(permission: StaffPermission, title: string, titleForRole?: () => Promise<string>): Promise<Metadata> {
  const actor = await loadStaffActor({ activity: false });
  if (actor && !actor.permissions.has(permission)) return { title: STAFF_FORBIDDEN_TITLE };
  return { title: actor && titleForRole ? await titleForRole() : title };
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
