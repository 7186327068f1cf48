import 'server-only';
import { and, asc, gt, inArray } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { appPrivacyVersions, apps } from '@/lib/db/schema';
import { PRIVACY_QUESTION_IDS, type PrivacyAnswers, type PrivacyQuestionId } from '@/lib/privacy-questions';
import type { AccountScope } from './account-scope';
import { isCurrent, listAccountConnections } from './list-account-connections';

export interface PrivacyAnswerChange {
  questionId: PrivacyQuestionId;
  /** null: the developer had not answered. */
  before: string | null;
  after: string | null;
}

export interface PrivacyChanges {
  grantId: string;
  memberId: string;
  appName: string;
  changedAt: Date | null;
  changes: PrivacyAnswerChange[];
}

/**
 * For each current connection, the privacy answers its app changed since the member connected:
 * the answers in force then (the first archived version replaced after the grant, or, when none
 * was replaced since, today's answers) against today's. Only questions whose answer changed.
 */
export async function listPrivacyChanges(scope: AccountScope): Promise<PrivacyChanges[]> {
  const current = (await listAccountConnections(scope)).filter(isCurrent);
  if (current.length === 0) return [];
  const db = await getDb();
  const appIds = [...new Set(current.map((c) => c.appId))];
  const appRows = await db.select({ id: apps.id, privacy: apps.privacy, updatedAt: apps.privacyUpdatedAt }).from(apps).where(inArray(apps.id, appIds));
  const earliestGrant = new Date(Math.min(...current.map((c) => c.createdAt.getTime())));
  const versions = await db
    .select({ appId: appPrivacyVersions.appId, privacy: appPrivacyVersions.privacy, createdAt: appPrivacyVersions.createdAt })
    .from(appPrivacyVersions)
    .where(and(inArray(appPrivacyVersions.appId, appIds), gt(appPrivacyVersions.createdAt, earliestGrant)))
    .orderBy(asc(appPrivacyVersions.createdAt), asc(appPrivacyVersions.id));

  const out: PrivacyChanges[] = [];
  for (const connection of current) {
    const app = appRows.find((a) => a.id === connection.appId);
    if (!app) continue;
    const then = versions.find((v) => v.appId === connection.appId && v.createdAt > connection.createdAt);
    if (!then) continue;
    const changes = compareAnswers(then.privacy as PrivacyAnswers, app.privacy as PrivacyAnswers);
    if (changes.length > 0) out.push({ grantId: connection.grantId, memberId: connection.memberId, appName: connection.appName, changedAt: app.updatedAt, changes });
  }
  return out;
}

export function compareAnswers(before: PrivacyAnswers, after: PrivacyAnswers): PrivacyAnswerChange[] {
  const text = (answers: PrivacyAnswers, id: PrivacyQuestionId) => answers[id]?.answer?.trim() || null;
  return PRIVACY_QUESTION_IDS.filter((id) => text(before, id) !== text(after, id)).map((id) => ({ questionId: id, before: text(before, id), after: text(after, id) }));
}
