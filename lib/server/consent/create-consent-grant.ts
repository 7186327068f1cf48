import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { consentGrants } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { IDENTITY_SCOPES, categoriesRequested, grantedResourceScopes, type DataCategory } from '@/lib/server/smart/smart-scopes';
import { allowsRefresh, type GrantDuration } from './grant-duration';

export type GrantApprover =
  | { kind: 'member' }
  | { kind: 'representative'; repId: string; authorityId: number; authorityType: string };

export interface CreateConsentGrantInput {
  memberId: string;
  appId: string;
  approvedBy: GrantApprover;
  /** The scope the app asked for (identity and resource scopes). */
  requestedScope: string;
  categories: DataCategory[];
  includeSensitive: boolean;
  duration: GrantDuration;
  dataWindowStart: string;
  expiresAt: Date;
  /** One per approval form: a repeated submit finds the grant the first one made. */
  requestKey: string;
  requestId?: string | null;
  /** More writes that belong with a new grant (its receipt email), in the same transaction. */
  onCreated?: (tx: DbOrTx, grant: ConsentGrantRow) => Promise<void>;
}

export type ConsentGrantRow = typeof consentGrants.$inferSelect;

export function identityScopesToGrant(requestedScope: string, duration: GrantDuration): string[] {
  const requested = requestedScope.split(/\s+/);
  return requested.filter(
    (s) => (IDENTITY_SCOPES as readonly string[]).includes(s) && (s !== 'offline_access' || allowsRefresh(duration)),
  );
}

/** Records what was approved, exactly: the token will carry no more than this. */
export async function createConsentGrant(input: CreateConsentGrantInput, db?: DbOrTx): Promise<{ grant: ConsentGrantRow; created: boolean }> {
  const database = db ?? (await getDb());
  const scopes = [
    ...identityScopesToGrant(input.requestedScope, input.duration),
    ...grantedResourceScopes(input.requestedScope, input.categories),
  ].join(' ');
  return database.transaction(async (tx) => {
    const id = randomUUID();
    const inserted = await tx
      .insert(consentGrants)
      .values({
        id,
        memberId: input.memberId,
        appId: input.appId,
        approvedByKind: input.approvedBy.kind,
        representativeId: input.approvedBy.kind === 'representative' ? input.approvedBy.repId : null,
        authorityId: input.approvedBy.kind === 'representative' ? input.approvedBy.authorityId : null,
        authorityType: input.approvedBy.kind === 'representative' ? input.approvedBy.authorityType : null,
        scopes,
        categories: input.categories,
        includeSensitive: input.includeSensitive,
        dataWindowStart: input.dataWindowStart,
        duration: input.duration,
        expiresAt: input.expiresAt,
        createdAt: appClock().now(),
        requestKey: input.requestKey,
      })
      .onConflictDoNothing({ target: consentGrants.requestKey })
      .returning();
    if (inserted.length === 0) {
      const [existing] = await tx.select().from(consentGrants).where(eq(consentGrants.requestKey, input.requestKey)).limit(1);
      return { grant: existing, created: false };
    }
    const grant = inserted[0];
    await recordAuditEvent(tx, {
      actor:
        input.approvedBy.kind === 'member'
          ? { kind: 'member', id: input.memberId }
          : { kind: 'representative', id: input.approvedBy.repId },
      action: 'consent.granted',
      memberId: input.memberId,
      appId: input.appId,
      grantId: grant.id,
      details: {
        categories: input.categories,
        // What the app asked for: a category asked for and not approved is the member's choice
        // (the FHIR API's refusals say so); one never asked for is the app's.
        categoriesAsked: categoriesRequested(input.requestedScope),
        includeSensitive: input.includeSensitive,
        duration: input.duration,
        expiresAt: input.expiresAt.toISOString(),
        authorityType: input.approvedBy.kind === 'representative' ? input.approvedBy.authorityType : null,
      },
      requestId: input.requestId,
    });
    await input.onCreated?.(tx, grant);
    return { grant, created: true };
  });
}
