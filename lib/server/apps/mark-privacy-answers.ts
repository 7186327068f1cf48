import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { PRIVACY_QUESTION_IDS, type PrivacyAnswers, type PrivacyFlag, type PrivacyQuestionId } from '@/lib/privacy-questions';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';

/**
 * A reviewer's marks on the developer's answers (ok, caution, warning, or none), so members look
 * twice where it matters. Marks only draw the eye: they never change whether the app may connect,
 * and the developer's words are never changed. Audited in the same transaction; a save that
 * changes no mark is audited too (`app.privacy-reviewed`), as the reviewer having read them.
 */
export async function markPrivacyAnswers(input: {
  appId: string;
  marks: Partial<Record<PrivacyQuestionId, PrivacyFlag | null>>;
  staffUsername: string;
  requestId?: string | null;
}): Promise<{ marked: PrivacyQuestionId[] }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [app] = await tx.select({ id: apps.id, privacy: apps.privacy }).from(apps).where(eq(apps.id, input.appId)).for('update');
    if (!app) throw new AppError('no-app', 'appUnavailable');
    const privacy = { ...(app.privacy as PrivacyAnswers) };
    const marked: PrivacyQuestionId[] = [];
    for (const id of PRIVACY_QUESTION_IDS) {
      const answer = privacy[id];
      if (!answer || !(id in input.marks)) continue;
      const flag = input.marks[id] ?? undefined;
      if (answer.flag === flag) continue;
      privacy[id] = flag ? { answer: answer.answer, flag } : { answer: answer.answer };
      marked.push(id);
    }
    if (marked.length === 0) {
      // Saved without a change: the reviewer read the answers as they stand (privacy-changes-to-review.ts).
      await recordAuditEvent(tx, { actor: { kind: 'staff', id: input.staffUsername }, action: 'app.privacy-reviewed', appId: app.id, details: {}, requestId: input.requestId });
      return { marked };
    }
    await tx.update(apps).set({ privacy }).where(eq(apps.id, app.id));
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: input.staffUsername },
      action: 'app.privacy-marked',
      appId: app.id,
      details: { marks: Object.fromEntries(marked.map((id) => [id, privacy[id]?.flag ?? null])) },
      requestId: input.requestId,
    });
    return { marked };
  });
}
