import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { AppDecision } from '@/lib/app-review-criteria';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { appDecisions, apps } from '@/lib/db/schema';
import type { PrivacyAnswers } from '@/lib/privacy-questions';
import { developerAppStatus, type DeveloperAppStatus } from './developer-app-status';

export interface DeveloperAppDecision {
  decision: AppDecision;
  criterion: string;
  notes: string;
  decidedAt: Date;
}

export interface DeveloperApp {
  id: string;
  clientId: string;
  name: string;
  organization: string;
  description: string;
  website: string | null;
  launchUrl: string | null;
  redirectUris: string[];
  clientType: 'public' | 'confidential';
  scopes: string[];
  privacyPolicyUrl: string | null;
  termsUrl: string | null;
  privacy: PrivacyAnswers;
  privacyUpdatedAt: Date | null;
  status: DeveloperAppStatus;
  statusSince: string;
  submittedAt: Date | null;
  /** Newest first, each with its criterion and the reviewer's notes. */
  decisions: DeveloperAppDecision[];
  /** Until when a rotated-out secret still works (null: none does). */
  previousSecretValidUntil: Date | null;
}

/**
 * One of the developer's own apps, or null for any other id (someone else's app is "not found",
 * never "forbidden"): the developer's id is in the WHERE clause.
 */
export async function findDeveloperApp(developerId: string, appId: string, now: Date = appClock().now()): Promise<DeveloperApp | null> {
  const db = await getDb();
  const [app] = await db
    .select()
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.developerAccountId, developerId)))
    .limit(1);
  if (!app) return null;
  const decisions = await db
    .select({ decision: appDecisions.decision, criterion: appDecisions.criterion, notes: appDecisions.notes, decidedAt: appDecisions.decidedAt })
    .from(appDecisions)
    .where(eq(appDecisions.appId, app.id))
    .orderBy(desc(appDecisions.decidedAt), desc(appDecisions.id));
  const previousLive = app.previousClientSecretHash && app.previousClientSecretExpiresAt && app.previousClientSecretExpiresAt > now;
  return {
    id: app.id,
    clientId: app.clientId,
    name: app.name,
    organization: app.developer,
    description: app.summary,
    website: app.website,
    launchUrl: app.launchUrl,
    redirectUris: app.redirectUris,
    clientType: app.clientType,
    scopes: app.scopes.split(/\s+/).filter(Boolean),
    privacyPolicyUrl: app.privacyPolicyUrl,
    termsUrl: app.termsUrl,
    privacy: app.privacy as PrivacyAnswers,
    privacyUpdatedAt: app.privacyUpdatedAt,
    status: developerAppStatus(app.status, decisions[0]?.decision ?? null),
    statusSince: app.statusSince,
    submittedAt: app.submittedAt,
    decisions,
    previousSecretValidUntil: previousLive ? app.previousClientSecretExpiresAt : null,
  };
}
