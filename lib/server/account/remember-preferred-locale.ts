import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { members, representatives } from '@/lib/db/schema';
import { chosenLocale, LOCALE_COOKIE, type Locale } from '@/lib/i18n/locales';
import type { AccountViewer } from './account-scope';

/**
 * How the language came to be used: `chosen` by the person (the language switch or a `?lang=`
 * link, which set the hub_locale cookie; customer service entering what the caller speaks), or
 * only `used` (the browser's Accept-Language decided the page's language).
 */
export type LocaleSource = 'chosen' | 'used';

/**
 * The language on file, for the scheduled notices (ends soon, ended, app removed), written when no
 * page is open to tell, and shown to customer service. Saved at sign-in, at approval
 * (approve-connect-flow.ts) and by customer service (a link sent, a sharing choice recorded). A
 * language only `used` is saved only while none is on file: a browser set to English on a
 * library computer does not turn a Spanish speaker's notices into English. In the caller's
 * transaction when one is given.
 */
export async function rememberPreferredLocale(person: AccountViewer, locale: Locale, db?: DbOrTx, source: LocaleSource = 'chosen'): Promise<void> {
  const target = db ?? (await getDb());
  const set = { preferredLocale: locale, preferredLocaleSavedAt: new Date() };
  if (person.kind === 'member') {
    const whose = eq(members.memberId, person.memberId);
    await target.update(members).set(set).where(source === 'chosen' ? whose : and(whose, isNull(members.preferredLocaleSavedAt)));
  } else {
    const whose = eq(representatives.repId, person.repId);
    await target.update(representatives).set(set).where(source === 'chosen' ? whose : and(whose, isNull(representatives.preferredLocaleSavedAt)));
  }
}

/** This request's language, and whether the person chose it (the hub_locale cookie) or the browser did. */
export async function localeOfThisRequest(): Promise<{ locale: Locale; source: LocaleSource }> {
  const chosen = chosenLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  if (chosen) return { locale: chosen, source: 'chosen' };
  return { locale: (await getLocale()) === 'es' ? 'es' : 'en', source: 'used' };
}
