import 'server-only';
import { and, eq } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { appPrivacyVersions, apps } from '@/lib/db/schema';
import { PRIVACY_QUESTION_IDS, type PrivacyAnswer, type PrivacyAnswers, type PrivacyQuestionId } from '@/lib/privacy-questions';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';

/**
 * The developer's new answers to the privacy questions. The answers they replace are kept as a
 * version (`app_privacy_versions`), so members who connected the app are shown what changed on
 * their account. A reviewer's mark stays on an answer whose words did not change and is dropped
 * from one that did (the reviewer has not read the new words). Only the developer's own app.
 */
export async function changePrivacyAnswers(
  developerId: string,
  input: { appId: string; answers: Partial<Record<PrivacyQuestionId, string>>; requestId?: string | null },
): Promise<{ changed: PrivacyQuestionId[] }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select({ id: apps.id, privacy: apps.privacy })
      .from(apps)
      .where(and(eq(apps.id, input.appId), eq(apps.developerAccountId, developerId)))
      .for('update');
    if (!app) throw new AppError('not-found', 'appNotFound');
    const before = app.privacy as PrivacyAnswers;
    const after: PrivacyAnswers = {};
    const changed: PrivacyQuestionId[] = [];
    for (const id of PRIVACY_QUESTION_IDS) {
      const words = input.answers[id]?.trim() || null;
      const old = before[id];
      if ((old?.answer.trim() || null) !== words) changed.push(id);
      if (!words) continue;
      const answer: PrivacyAnswer = { answer: words };
      if (old?.flag && old.answer.trim() === words) answer.flag = old.flag;
      after[id] = answer;
    }
    if (changed.length === 0) return { changed };
    const now = appClock().now();
    await tx.insert(appPrivacyVersions).values({ appId: app.id, privacy: before, createdAt: now });
    await tx.update(apps).set({ privacy: after, privacyUpdatedAt: now }).where(eq(apps.id, app.id));
    await recordAuditEvent(tx, { actor: { kind: 'developer', id: developerId }, action: 'app.privacy-changed', appId: app.id, details: { questions: changed }, requestId: input.requestId });
    return { changed };
  });
}
