import 'server-only';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, lt, ne } from 'drizzle-orm';
import { headers } from 'next/headers';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { formDrafts } from '@/lib/db/schema';
import { typedValues } from '@/lib/server/actions/run-form-action';
import { authSecret } from '@/lib/server/auth/auth-secret';
import { browserKey } from '@/lib/server/auth/browser-key';
import type { AccountViewer } from './account-scope';

/**
 * Nothing typed into an account form is lost when the session ended before it was sent (15 idle
 * minutes, or "Sign out" in another tab). The page names, in a sealed hidden field
 * (`DRAFT_VIEWER_FIELD`), whom it was drawn for; a form sent without a session is kept here for an
 * hour, bound to this browser and that person. Once the same person signs in again on this
 * browser they are taken back to the page, and the form holds what they typed. Another person
 * signing in on the same browser (a shared computer) never sees it, and it is then deleted.
 */
export const DRAFT_VIEWER_FIELD = 'draftFor';
const KEPT_MS = 60 * 60 * 1000;

const viewerKeyOf = (viewer: AccountViewer) => (viewer.kind === 'member' ? `member:${viewer.memberId}` : `representative:${viewer.repId}`);

async function signature(viewerKey: string): Promise<string> {
  return createHmac('sha256', await authSecret()).update(`form-draft:${viewerKey}`).digest('base64url');
}

/** The hidden field's value for a page drawn for `viewer`. */
export async function draftViewerSeal(viewer: AccountViewer): Promise<string> {
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

/** The page the form was sent from, as the proxy passes it (x-pathname); only the account's own pages. */
async function formPath(): Promise<string | null> {
  const path = ((await headers()).get('x-pathname') ?? '').split('?')[0];
  return /^\/account(\/[\w-]+)*$/.test(path) ? path : null;
}

/**
 * A form sent after its session ended: keeps what was typed, when the page named whom it was for.
 * True when it was kept.
 */
export async function keepFormDraft(formData: FormData): Promise<boolean> {
  const viewer = await unsealViewer(formData.get(DRAFT_VIEWER_FIELD));
  const path = await formPath();
  if (!viewer || !path) return false;
  // Signing in to the account alone sets no browser key: made here, it marks this browser.
  const key = (await browserKey({ create: true }))!;
  const values = typedValues(formData);
  delete values[DRAFT_VIEWER_FIELD];
  delete values[`${DRAFT_VIEWER_FIELD}:${formData.get(DRAFT_VIEWER_FIELD)}`];
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
export async function pageOfKeptForm(viewer: AccountViewer): Promise<string | null> {
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
 * deleted as it is handed back (the form now holds it).
 */
export async function takeFormDraft(viewer: AccountViewer, path: string): Promise<Record<string, string> | null> {
  const key = await browserKey({ create: false });
  if (!key) return null;
  const db = await getDb();
  const [draft] = await db
    .delete(formDrafts)
    .where(and(eq(formDrafts.browserKey, key), eq(formDrafts.path, path), eq(formDrafts.viewer, viewerKeyOf(viewer)), gt(formDrafts.expiresAt, appClock().now())))
    .returning();
  return draft?.values ?? null;
}
