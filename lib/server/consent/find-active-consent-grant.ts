import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { instantPlaceholder, preparedStatements } from '@/lib/db/prepared-statements';
import { apps, consentGrants, members, representatives } from '@/lib/db/schema';

export interface ActiveConsentGrant {
  id: string;
  memberId: string;
  patientId: string;
  appId: string;
  scopes: string;
  categories: string[];
  includeSensitive: boolean;
  dataWindowStart: string;
  expiresAt: Date;
  /** The OAuth subject: the member's Patient, or the approving representative's RelatedPerson. */
  accountId: string;
}

// Read on every token the provider issues or refreshes (prepared-statements.ts); the clock's now is
// a value, not part of the statement.
const statements = preparedStatements((db) => ({
  activeGrant: db
    .select({
      id: consentGrants.id,
      memberId: consentGrants.memberId,
      patientId: members.patientId,
      appId: consentGrants.appId,
      scopes: consentGrants.scopes,
      categories: consentGrants.categories,
      includeSensitive: consentGrants.includeSensitive,
      dataWindowStart: consentGrants.dataWindowStart,
      expiresAt: consentGrants.expiresAt,
      accountId: sql<string>`case when ${representatives.relatedPersonId} is null then 'Patient/' || ${members.patientId} else 'RelatedPerson/' || ${representatives.relatedPersonId} end`,
    })
    .from(consentGrants)
    .innerJoin(members, eq(members.memberId, consentGrants.memberId))
    .innerJoin(apps, eq(apps.id, consentGrants.appId))
    .leftJoin(representatives, eq(representatives.repId, consentGrants.representativeId))
    .where(
      and(
        eq(consentGrants.id, sql.placeholder('grantId')),
        isNull(consentGrants.revokedAt),
        gt(consentGrants.expiresAt, instantPlaceholder('now')),
        eq(apps.status, 'approved'),
      ),
    )
    .limit(1)
    .prepare('find_active_consent_grant'),
}));

/** A grant that is in force now: not stopped, not past its end, and its app still approved. */
export async function findActiveConsentGrant(grantId: string): Promise<ActiveConsentGrant | null> {
  const [row] = await (await statements()).activeGrant.execute({ grantId, now: appClock().now().toISOString() });
  return row ?? null;
}
