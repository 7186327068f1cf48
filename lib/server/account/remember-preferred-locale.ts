import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { members, representatives } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import type { AccountViewer } from './account-scope';

/**
 * The language someone last signed in (or connected an app, see approve-connect-flow.ts) with: the scheduled notices (ends soon, ended, app
 * removed) are written in it, since no page is open to tell.
 */
export async function rememberPreferredLocale(viewer: AccountViewer, locale: Locale): Promise<void> {
  const db = await getDb();
  if (viewer.kind === 'member') await db.update(members).set({ preferredLocale: locale }).where(eq(members.memberId, viewer.memberId));
  else await db.update(representatives).set({ preferredLocale: locale }).where(eq(representatives.repId, viewer.repId));
}
