import 'server-only';
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { developerAccounts } from '@/lib/db/schema';
import { readDeveloperSession } from './developer-session';

export interface SignedInDeveloper {
  id: string;
  email: string;
  signedInAt: number;
}

/**
 * The developer this request's session belongs to, or null: the account must exist, have confirmed
 * a code, and not have signed out since the session began.
 */
export async function loadSignedInDeveloper(): Promise<SignedInDeveloper | null> {
  const session = await readDeveloperSession();
  if (!session) return null;
  const db = await getDb();
  const [account] = await db
    .select({ id: developerAccounts.id, email: developerAccounts.email })
    .from(developerAccounts)
    .where(
      and(
        eq(developerAccounts.id, session.developerId),
        isNotNull(developerAccounts.verifiedAt),
        or(isNull(developerAccounts.sessionsEndedAt), lt(developerAccounts.sessionsEndedAt, new Date(session.signedInAt))),
      ),
    )
    .limit(1);
  return account ? { ...account, signedInAt: session.signedInAt } : null;
}
