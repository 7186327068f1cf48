import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { developerAccounts, members, representatives } from '@/lib/db/schema';
import type { VerificationSubject } from './verification-subject';

/** The address on file with the payer: codes go only there, never to one typed in a form. */
export async function findSubjectEmail(db: DbOrTx, subject: VerificationSubject): Promise<string | null> {
  const [row] =
    subject.kind === 'member'
      ? await db.select({ email: members.email }).from(members).where(eq(members.memberId, subject.id)).limit(1)
      : subject.kind === 'representative'
        ? await db.select({ email: representatives.email }).from(representatives).where(eq(representatives.repId, subject.id)).limit(1)
        : await db.select({ email: developerAccounts.email }).from(developerAccounts).where(eq(developerAccounts.id, subject.id)).limit(1);
  return row?.email ?? null;
}
