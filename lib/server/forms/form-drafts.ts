import 'server-only';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, lt, ne } from 'drizzle-orm';
import { headers } from 'next/headers';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { formDrafts } from '@/lib/db/schema';
import { typedValues } from '@/lib/server/actions/typed-values';
import { authSecret } from '@/lib/server/auth/auth-secret';
import { browserKey } from '@/lib/server/auth/browser-key';
import { DRAFT_OWNER_FIELD } from '@/lib/forms/draft-owner-field';
import type { AccountViewer } from '@/lib/server/account/account-scope';

/**
 * Nothing typed into a form is lost when the session ended before it was sent: the member account's
 * forms (15 idle minutes, or "Sign out" in another tab) and the staff console's (30 idle minutes,
 * sign-out or a sign-in elsewhere, a disabled account). The page names, in a sealed hidden field
 * (`DRAFT_OWNER_FIELD`), whom it was drawn for; a form sent without a session is kept here for an
 * hour, bound to this browser and that person, and only from that person's own pages (the account's
 * for a member or representative, the console's for staff). Once the same person signs in again on
 * this browser they are taken back to the page, and the form holds what they typed. Another person
 * signing in on the same browser (a shared computer) never sees it, and it is then deleted.
 */
const KEPT_MS = 60 * 60 * 1000;

/** Whom a kept form belongs to: a member or representative in the account, or a staff user. */
export type DraftOwner = AccountViewer | { kind: 'staff'; username: string };

const viewerKeyOf = (owner: DraftOwner) =>
  owner.kind === 'member' ? `member:${owner.memberId}` : owner.kind === 'representative' ? `representative:${owner.repId}` : `staff:${owner.username}`;

// The pages whose forms are kept for each kind of owner: nobody's draft comes from another's area.
const ACCOUNT_PAGE = /^\/account(\/[\w-]+)*$/;
const STAFF_PAGE = /^\/staff(\/[\w-]+)*$/;
const pagesOf = (viewerKey: string) => (viewerKey.startsWith('staff:') ? STAFF_PAGE : ACCOUNT_PAGE);

async function signature(viewerKey: string): Promise<string> {
  return createHmac('sha256', await authSecret()).update(`form-draft:${viewerKey}`).digest('base64url');
}

/** The hidden field's value for a page drawn for `viewer`. */
export async function draftViewerSeal(viewer: DraftOwner): Promise<string> {
  const key = viewerKeyOf(viewer);
  return `${key}.${await signature(key)}`;
}

async function unsealViewer(sealed: unknown): Promise<string | null> {
  if (typeof sealed !== 'string' || sealed.length > 200) return null;
  const dot = sealed.lastIndexOf('.');
  if (dot < 1) return null;
  const key = sealed.slice(0, dot);
  const given = Buffer.from(sealed.slice(dot + 1));
  const expected = Buffer.from(await signature(key));
  return given.length === expected.length && timingSafeEqual(given, expected) ? key : null;
}

/** The page the form was sent from, as the proxy passes it (x-pathname), when it is one of the owner's pages. */
async function formPath(viewerKey: string): Promise<string | null> {
  const path = ((await headers()).get('x-pathname') ?? '').split('?')[0];
  return pagesOf(viewerKey).test(path) && path !== '/staff/sign-in' ? path : null;
}

/**
 * A form sent after its session ended: keeps what was typed, when the page named whom it was for.
 * True when it was kept.
 */
export async function keepFormDraft(formData: FormData): Promise<boolean> {
  const viewer = await unsealViewer(formData.get(DRAFT_OWNER_FIELD));
  const path = viewer ? await formPath(viewer) : null;
  if (!viewer || !path) return false;
  // Signing in to the account alone sets no browser key: made here, it marks this browser.
  const key = (await browserKey({ create: true }))!;
  const values = typedValues(formData);
  delete values[DRAFT_OWNER_FIELD];
  delete values[`${DRAFT_OWNER_FIELD}:${formData.get(DRAFT_OWNER_FIELD)}`];
  const db = await getDb();
  const now = appClock().now();
  await db.transaction(async (tx) => {
    await tx.delete(formDrafts).where(lt(formDrafts.expiresAt, now));
    await tx.delete(formDrafts).where(and(eq(formDrafts.browserKey, key), eq(formDrafts.path, path)));
    await tx.insert(formDrafts).values({ id: randomUUID(), browserKey: key, viewer, path, values, expiresAt: new Date(now.getTime() + KEPT_MS) });
  });
  return true;
}

/**
 * Where to take a person who just signed in: the page of their newest kept form on this browser,
 * if any. Forms kept for someone else on this browser are deleted.
 */
export async function pageOfKeptForm(viewer: DraftOwner): Promise<string | null> {
  const key = await browserKey({ create: false });
  if (!key) return null;
  const db = await getDb();
  const mine = viewerKeyOf(viewer);
  await db.delete(formDrafts).where(and(eq(formDrafts.browserKey, key), ne(formDrafts.viewer, mine)));
  const [newest] = await db
    .select({ path: formDrafts.path })
    .from(formDrafts)
    .where(and(eq(formDrafts.browserKey, key), eq(formDrafts.viewer, mine), gt(formDrafts.expiresAt, appClock().now())))
    .orderBy(desc(formDrafts.createdAt))
    .limit(1);
  return newest?.path ?? null;
}

/**
 * What this person typed into the form of this page before their session ended, once: it is
 * deleted as it is handed back (the form now holds it). Forms kept for someone else on this
 * browser are deleted (the staff console asks on every page, it has no page to go back to).
 */
export async function takeFormDraft(viewer: DraftOwner, path: string): Promise<Record<string, string> | null> {
  const key = await browserKey({ create: false });
  if (!key) return null;
  const db = await getDb();
  const mine = viewerKeyOf(viewer);
  await db.delete(formDrafts).where(and(eq(formDrafts.browserKey, key), ne(formDrafts.viewer, mine)));
  const [draft] = await db
    .delete(formDrafts)
    .where(and(eq(formDrafts.browserKey, key), eq(formDrafts.path, path), eq(formDrafts.viewer, mine), gt(formDrafts.expiresAt, appClock().now())))
    .returning();
  return draft?.values ?? null;
}
