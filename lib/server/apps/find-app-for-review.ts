import 'server-only';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppDecision, AppStatus } from '@/lib/app-review-criteria';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { appDecisions, apps, consentGrants } from '@/lib/db/schema';
import type { PrivacyAnswers } from '@/lib/privacy-questions';
import { privacyChangesToReview, type PrivacyChangesToReview } from './privacy-changes-to-review';

export interface AppForReview {
  id: string;
  clientId: string;
  name: string;
  developer: string;
  summary: string;
  website: string | null;
  launchUrl: string | null;
  privacyPolicyUrl: string | null;
  termsUrl: string | null;
  clientType: 'public' | 'confidential';
  redirectUris: string[];
  scopes: string;
  status: AppStatus;
  statusSince: string;
  submittedAt: Date | null;
  contactEmail: string | null;
  codeOfConductAttested: boolean;
  codeOfConductAttestedAt: Date | null;
  privacy: PrivacyAnswers;
  /** Answers the developer changed since the marks were last saved (their marks were dropped). */
  privacyToReview: PrivacyChangesToReview | null;
  /** Connections in force: who a suspension would end and tell. */
  connectionsInForce: number;
  decisions: { id: number; decision: AppDecision; criterion: string; notes: string; decidedBy: string; decidedAt: Date; grantsEnded: number }[];
}

/** Everything a reviewer decides on: the request as sent, the privacy answers with their marks, every earlier decision. */
export async function findAppForReview(appId: string): Promise<AppForReview | null> {
  const db = await getDb();
  const [app] = await db.select().from(apps).where(eq(apps.id, appId)).limit(1);
  if (!app) return null;
  const [decisions, [{ count }], changes] = await Promise.all([
    db
      .select({
        id: appDecisions.id,
        decision: appDecisions.decision,
        criterion: appDecisions.criterion,
        notes: appDecisions.notes,
        decidedBy: appDecisions.decidedBy,
        decidedAt: appDecisions.decidedAt,
        grantsEnded: appDecisions.grantsEnded,
      })
      .from(appDecisions)
      .where(eq(appDecisions.appId, app.id))
      .orderBy(desc(appDecisions.decidedAt), desc(appDecisions.id)),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(consentGrants)
      .where(and(eq(consentGrants.appId, app.id), isNull(consentGrants.revokedAt), gt(consentGrants.expiresAt, appClock().now()))),
    privacyChangesToReview(db, [app.id]),
  ]);
  return {
    id: app.id,
    clientId: app.clientId,
    name: app.name,
    developer: app.developer,
    summary: app.summary,
    website: app.website,
    launchUrl: app.launchUrl,
    privacyPolicyUrl: app.privacyPolicyUrl,
    termsUrl: app.termsUrl,
    clientType: app.clientType,
    redirectUris: app.redirectUris,
    scopes: app.scopes,
    status: app.status,
    statusSince: app.statusSince,
    submittedAt: app.submittedAt,
    contactEmail: app.contactEmail,
    codeOfConductAttested: app.codeOfConductAttested,
    codeOfConductAttestedAt: app.codeOfConductAttestedAt,
    privacy: app.privacy as PrivacyAnswers,
    privacyToReview: changes.get(app.id) ?? null,
    connectionsInForce: count,
    decisions,
  };
}
