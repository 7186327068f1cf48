import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { members, representatives } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import type { AccountViewer } from './account-scope';

/**
 * The language someone last used with the hub: signing in, connecting an app
 * (approve-connect-flow.ts), or speaking to customer service on the phone (a link sent, a sharing
 * choice recorded). The scheduled notices (ends soon, ended, app removed) are written in it, since
 * no page is open to tell. In the caller's transaction when one is given.
 */
export async function rememberPreferredLocale(person: AccountViewer, locale: Locale, db?: DbOrTx): Promise<void> {
  const target = db ?? (await getDb());
  if (person.kind === 'member') await target.update(members).set({ preferredLocale: locale }).where(eq(members.memberId, person.memberId));
  else await target.update(representatives).set({ preferredLocale: locale }).where(eq(representatives.repId, person.repId));
}
