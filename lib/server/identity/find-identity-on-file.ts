import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { members, representatives } from '@/lib/db/schema';
import { normalizeMemberId, type IdentityDetails } from './match-identity';

export type IdentityOnFile = { details: IdentityDetails; email: string; subjectId: string };

/** Representative IDs are printed "R-0002"; case, spaces and dashes as typed do not matter. */
export function normalizeRepresentativeId(repId: string): string {
  return repId.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The typed ID in the form it is looked up by: digits for a member ID, "R0002" for a representative ID. */
export function normalizeSubjectId(kind: 'member' | 'representative', typedId: string): string {
  return kind === 'member' ? normalizeMemberId(typedId) : normalizeRepresentativeId(typedId);
}

/**
 * The identity on file for a normalized member or representative ID, or null. A representative's
 * ID takes the place of the member ID among the details to match.
 */
export async function findIdentityOnFile(db: DbOrTx, kind: 'member' | 'representative', normalizedId: string): Promise<IdentityOnFile | null> {
  if (kind === 'member') {
    const [row] = await db.select().from(members).where(eq(members.memberId, normalizedId)).limit(1);
    if (!row) return null;
    return {
      details: { given: row.given, family: row.family, birthDate: row.birthDate, memberId: row.memberId, zip: row.zip },
      email: row.email,
      subjectId: row.memberId,
    };
  }
  const [row] = await db
    .select()
    .from(representatives)
    .where(sql`upper(regexp_replace(${representatives.repId}, '[^A-Za-z0-9]', '', 'g')) = ${normalizedId}`)
    .limit(1);
  if (!row) return null;
  return {
    details: { given: row.given, family: row.family, birthDate: row.birthDate, memberId: normalizedId, zip: row.zip },
    email: row.email,
    subjectId: row.repId,
  };
}
