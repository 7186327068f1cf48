import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { rateLimits, staff } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { endAllSessionsFor } from '@/lib/server/auth/end-hub-sessions';
import { AppError } from '@/lib/server/errors/app-error';
import { rateLimitKey } from '@/lib/server/rate-limit/rate-limit-key';
import { resetRateLimit } from '@/lib/server/rate-limit/consume-rate-limit';
import { staffAccountUsable, type StaffActor } from './load-staff-actor';
import { hashPassword } from './password-hash';
import { STAFF_SIGN_IN_LIMITS } from './sign-in-staff-with-password';
import { isStaffRole, permissionsOf, type StaffRole } from './staff-permissions';

export interface StaffAccount {
  username: string;
  name: string;
  roles: string[];
  source: 'local' | 'demo' | 'oidc';
  disabled: boolean;
  /** Until when too many failed sign-ins lock the username, if they do now. */
  lockedUntil: Date | null;
}

const signInFailuresKey = (username: string) => rateLimitKey('staff-sign-in-failures:username', username);

/** Every staff account, with whether its sign-in is locked right now. */
export async function listStaffAccounts(): Promise<StaffAccount[]> {
  const db = await getDb();
  const rows = await db.select().from(staff).orderBy(asc(staff.name));
  const now = appClock().now().getTime();
  const { limit, windowSeconds } = STAFF_SIGN_IN_LIMITS.failuresPerUsername;
  return Promise.all(
    rows.map(async (row) => {
      const [counter] = await db.select().from(rateLimits).where(eq(rateLimits.key, await signInFailuresKey(row.username))).limit(1);
      const lifts = counter ? counter.windowStart.getTime() + windowSeconds * 1000 : 0;
      return {
        username: row.username,
        name: row.name,
        roles: row.roles,
        source: row.source,
        disabled: row.disabledAt !== null,
        lockedUntil: counter && counter.count >= limit && lifts > now ? new Date(lifts) : null,
      };
    }),
  );
}

/**
 * Inside a change to staff accounts: the changes are taken one at a time (a transaction lock), and
 * the change is refused when, with it, no usable account could manage staff any more. Two
 * administrators disabling each other at the same moment would otherwise leave none.
 */
async function keepSomeoneWhoManagesStaff(tx: DbOrTx): Promise<void> {
  const rows = await tx.select({ roles: staff.roles, disabledAt: staff.disabledAt, source: staff.source }).from(staff);
  if (!rows.some((row) => staffAccountUsable(row) && permissionsOf(row.roles).has('staff:manage'))) throw new AppError('last-manager', 'keepOneManager');
}

const staffChangesInTurn = (tx: DbOrTx) => tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('staff-accounts', 0))`);

async function loadAccount(username: string) {
  const [row] = await (await getDb()).select().from(staff).where(eq(staff.username, username)).limit(1);
  if (!row) throw new AppError('no-staff', 'staffNotFound');
  return row;
}

/**
 * A local account's roles (an identity-provider account takes its roles from its groups at each
 * sign-in). On their own account an administrator may only give roles up: nobody gives themself a
 * role (reading members or the audit trail takes a second person), and nobody takes staff:manage
 * away from themself, so the last administrator cannot lock the console out of its staff list.
 */
export async function setStaffRoles(actor: StaffActor, username: string, roles: StaffRole[]): Promise<void> {
  const row = await loadAccount(username);
  if (row.source === 'oidc') throw new AppError('oidc', 'rolesFromProvider');
  const clean = [...new Set(roles.filter(isStaffRole))].sort();
  if (username === actor.username) {
    if (clean.some((role) => !row.roles.includes(role))) throw new AppError('self', 'noRoleForYourself', 'roles');
    if (!permissionsOf(clean).has('staff:manage')) throw new AppError('self', 'keepOwnStaffManage', 'roles');
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    await staffChangesInTurn(tx);
    await tx.update(staff).set({ roles: clean }).where(eq(staff.username, username));
    await keepSomeoneWhoManagesStaff(tx);
    await recordAuditEvent(tx, { actor: { kind: 'staff', id: actor.username }, action: 'staff.roles-changed', details: { username, from: row.roles, to: clean } });
  });
}

/** Disabling ends every session of the account at once; enabling lets it sign in again. Never oneself. */
export async function setStaffDisabled(actor: StaffActor, username: string, disabled: boolean): Promise<void> {
  await loadAccount(username);
  if (username === actor.username) throw new AppError('self', 'notYourself');
  const db = await getDb();
  await db.transaction(async (tx) => {
    await staffChangesInTurn(tx);
    await tx.update(staff).set({ disabledAt: disabled ? appClock().now() : null }).where(eq(staff.username, username));
    await keepSomeoneWhoManagesStaff(tx);
    await recordAuditEvent(tx, { actor: { kind: 'staff', id: actor.username }, action: disabled ? 'staff.disabled' : 'staff.enabled', details: { username } });
  });
  if (disabled) await endAllSessionsFor('staff', username);
}

/** Lifts a lockout after failed sign-ins (the person called to say it was them). */
export async function unlockStaffSignIn(actor: StaffActor, username: string): Promise<void> {
  await loadAccount(username);
  await resetRateLimit(await signInFailuresKey(username));
  await recordAuditEvent(await getDb(), { actor: { kind: 'staff', id: actor.username }, action: 'staff.unlocked', details: { username } });
}

/** A new local account with its first password (`npm run staff:add`); an existing username is refused. */
export async function addLocalStaff(input: { username: string; name: string; roles: StaffRole[]; password: string }): Promise<void> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,60}$/.test(username)) throw new Error('A username is 2 to 61 lowercase letters, digits, dots, dashes or underscores.');
  if (input.password.length < 12) throw new Error('A staff password has at least 12 characters.');
  const db = await getDb();
  const inserted = await db
    .insert(staff)
    .values({ username, name: input.name.trim(), roles: [...new Set(input.roles)].sort(), source: 'local', passwordHash: await hashPassword(input.password) })
    .onConflictDoNothing()
    .returning({ username: staff.username });
  if (inserted.length === 0) throw new Error(`There is already a staff account ${username}.`);
  await recordAuditEvent(db, { actor: { kind: 'system', id: null }, action: 'staff.added', details: { username, roles: input.roles } });
}
