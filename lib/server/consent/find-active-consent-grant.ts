import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb } from '@/lib/db/client';
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

/** A grant that is in force now: not stopped, not past its end, and its app still approved. */
export async function findActiveConsentGrant(grantId: string): Promise<ActiveConsentGrant | null> {
  const db = await getDb();
  const [row] = await db
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
        eq(consentGrants.id, grantId),
        isNull(consentGrants.revokedAt),
        gt(consentGrants.expiresAt, appClock().now()),
        eq(apps.status, 'approved'),
      ),
    )
    .limit(1);
  return row ?? null;
}
