import 'server-only';
import { and, asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import { PRIVACY_QUESTION_IDS, type PrivacyQuestionId } from '@/lib/privacy-questions';

/** Answers a developer changed since a reviewer last saved the marks, and when the last change was. */
export interface PrivacyChangesToReview {
  questions: PrivacyQuestionId[];
  changedAt: Date;
}

const CHANGED = 'app.privacy-changed';
/** A reviewer saving the marks, with a mark changed or without (then `app.privacy-reviewed`). */
const REVIEWED = ['app.privacy-marked', 'app.privacy-reviewed'];

/**
 * Per app, the privacy answers changed after the reviewer's last save of the marks, read from the
 * audit trail (each change and each save is a row there). A changed answer loses its mark
 * (change-privacy-answers.ts), so without this a reviewer would not know that words members now
 * read have not been looked at. Apps with nothing to review again are left out.
 */
export async function privacyChangesToReview(db: DbOrTx, appIds: string[]): Promise<Map<string, PrivacyChangesToReview>> {
  const out = new Map<string, PrivacyChangesToReview>();
  if (appIds.length === 0) return out;
  const rows = await db
    .select({ appId: auditEvents.appId, action: auditEvents.action, at: auditEvents.at, details: auditEvents.details })
    .from(auditEvents)
    .where(and(inArray(auditEvents.appId, appIds), inArray(auditEvents.action, [CHANGED, ...REVIEWED])))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
  for (const row of rows) {
    if (!row.appId) continue;
    if (row.action !== CHANGED) {
      out.delete(row.appId);
      continue;
    }
    const changed = Array.isArray(row.details.questions) ? (row.details.questions as string[]) : [];
    const before = out.get(row.appId)?.questions ?? [];
    const questions = PRIVACY_QUESTION_IDS.filter((id) => before.includes(id) || changed.includes(id));
    out.set(row.appId, { questions, changedAt: row.at });
  }
  return out;
}
