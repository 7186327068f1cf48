import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { PRIVACY_QUESTION_IDS, type PrivacyAnswers, type PrivacyFlag, type PrivacyQuestionId } from '@/lib/privacy-questions';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';

/**
 * The fingerprint of an answer as the reviewer's page showed it ('' for no answer), sent back with
 * the marks: a mark is for the words the reviewer read, never for words the developer wrote since.
 */
export function privacyAnswerShown(answer: { answer: string } | undefined): string {
  return answer ? createHash('sha256').update(answer.answer).digest('base64url').slice(0, 22) : '';
}

/** The developer changed answers after the reviewer's page was drawn: nothing is saved. */
export class PrivacyAnswersChangedMeanwhile extends AppError {
  constructor(readonly changed: PrivacyQuestionId[]) {
    const numbers = changed.map((id) => PRIVACY_QUESTION_IDS.indexOf(id) + 1);
    const answers = numbers.length === 1 ? `answer ${numbers[0]}` : `answers ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
    super('privacy-answers-changed', 'privacyAnswersChanged', undefined, { answers });
  }
}

/**
 * A reviewer's marks on the developer's answers (ok, caution, warning, or none), so members look
 * twice where it matters. Marks only draw the eye: they never change whether the app may connect,
 * and the developer's words are never changed. Audited in the same transaction; a save that
 * changes no mark is audited too (`app.privacy-reviewed`), as the reviewer having read them. So a
 * save is refused, whole, when any answer differs from the one the reviewer's page showed (`shown`,
 * from privacyAnswerShown): the reviewer reads the new words before any mark or "read" is recorded.
 */
export async function markPrivacyAnswers(input: {
  appId: string;
  marks: Partial<Record<PrivacyQuestionId, PrivacyFlag | null>>;
  /** Each answer's fingerprint as the page showed it. */
  shown: Partial<Record<PrivacyQuestionId, string>>;
  staffUsername: string;
  requestId?: string | null;
}): Promise<{ marked: PrivacyQuestionId[] }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [app] = await tx.select({ id: apps.id, privacy: apps.privacy }).from(apps).where(eq(apps.id, input.appId)).for('update');
    if (!app) throw new AppError('no-app', 'appUnavailable');
    const privacy = { ...(app.privacy as PrivacyAnswers) };
    const changed = PRIVACY_QUESTION_IDS.filter((id) => privacyAnswerShown(privacy[id]) !== (input.shown[id] ?? ''));
    if (changed.length > 0) throw new PrivacyAnswersChangedMeanwhile(changed);
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
