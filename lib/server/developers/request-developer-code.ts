import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { developerAccounts } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { sendVerificationCode, type SendVerificationCodeResult } from '@/lib/server/identity/send-verification-code';

export const DEVELOPER_SIGN_IN_PURPOSE = 'developer-sign-in';

/**
 * "Email me a code" for the developer portal. Signing up and signing in are one step: the account
 * is made the first time any address asks, so the answer is the same whether or not the address
 * had an account (nothing to enumerate), and only the address's owner can read the code. The
 * member's code rules apply unchanged: 6 digits, 10 minutes, single use, 5 tries, per-address,
 * per-account and per-network limits.
 */
export async function requestDeveloperCode(input: { email: string; locale: Locale; networkKey: string }): Promise<{ developerId: string; sent: SendVerificationCodeResult }> {
  const email = input.email.trim().toLowerCase();
  const db = await getDb();
  await db.insert(developerAccounts).values({ id: randomUUID(), email }).onConflictDoNothing({ target: developerAccounts.email });
  const [account] = await db.select({ id: developerAccounts.id }).from(developerAccounts).where(eq(developerAccounts.email, email)).limit(1);
  const sent = await sendVerificationCode({ subject: { kind: 'developer', id: account.id }, purpose: DEVELOPER_SIGN_IN_PURPOSE, locale: input.locale, networkKey: input.networkKey });
  return { developerId: account.id, sent };
}
