import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { members, representatives } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';

/** Each possible caller's language on file, by their value on the staff forms: `member`, or a representative's ID. */
export type CallerLanguages = Readonly<Record<string, Locale>>;

const onFile = (locale: string | undefined): Locale => (isLocale(locale) ? locale : 'en');

/** The languages on file of the member and of the representatives who may call for them. */
export async function loadCallerLanguages(db: DbOrTx, memberId: string, repIds: readonly string[]): Promise<CallerLanguages> {
  const [member] = await db.select({ locale: members.preferredLocale }).from(members).where(eq(members.memberId, memberId)).limit(1);
  const reps = repIds.length
    ? await db.select({ repId: representatives.repId, locale: representatives.preferredLocale }).from(representatives).where(inArray(representatives.repId, [...repIds]))
    : [];
  return Object.fromEntries([['member', onFile(member?.locale)], ...reps.map((rep) => [rep.repId, onFile(rep.locale)])]);
}

/**
 * The language a form's "Which language does the caller speak?" starts on before anyone is chosen
 * as the caller (a page without JavaScript cannot follow the choice): the one every caller the form
 * offers has on file, so a lone caller's own. None when they differ: the CSR chooses, and a form
 * sent without one keeps the chosen caller's language on file.
 */
export function callerLanguageBeforeChoice(callerValues: readonly string[], languages: CallerLanguages): Locale | undefined {
  const spoken = new Set(callerValues.flatMap((value) => (languages[value] ? [languages[value]] : [])));
  return spoken.size === 1 ? [...spoken][0] : undefined;
}
