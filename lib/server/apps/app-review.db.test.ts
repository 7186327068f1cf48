import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_CRITERIA, REVIEW_CRITERIA } from '@/lib/app-review-criteria';
import type { CalendarDate } from '@/lib/calendar';
import { apps, auditEvents } from '@/lib/db/schema';
import { loadMessages } from '@/lib/i18n/load-messages';
import { describeCriterionForMembers } from './describe-criterion';
import { findAppForReview } from './find-app-for-review';
import { findGalleryApp } from './find-gallery-app';
import { listAppsForReview } from './list-apps-for-review';
import { markPrivacyAnswers, privacyAnswerShown, PrivacyAnswersChangedMeanwhile } from './mark-privacy-answers';
import { PRIVACY_QUESTION_IDS } from '@/lib/privacy-questions';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';

const database = setUpTestDatabase({ today: '2026-11-23' as CalendarDate });

beforeAll(async () => {
  const pending = (id: string, submittedAt: string) => ({
    id,
    clientId: id,
    name: id,
    developer: 'Dev',
    summary: 'x',
    clientType: 'public' as const,
    redirectUris: ['https://x.example/cb'],
    scopes: 'openid patient/Patient.rs',
    status: 'pending' as const,
    statusSince: '2026-11-20',
    submittedAt: new Date(submittedAt),
    privacy: {},
  });
  await database.db.insert(apps).values([pending('zz-newer', '2026-11-21T10:00:00Z'), pending('aa-older', '2026-11-01T10:00:00Z')]);
});

/** The answers' fingerprints as the reviewer's page draws them. */
async function shownOf(appId: string) {
  const app = await findAppForReview(appId);
  return Object.fromEntries(PRIVACY_QUESTION_IDS.map((id) => [id, privacyAnswerShown(app!.privacy[id])]));
}

describe('the review queue', () => {
  it('shows the requests waiting for a decision, oldest first; all apps on request, waiting ones first', async () => {
    expect((await listAppsForReview()).map((a) => a.id)).toEqual(['aa-older', 'zz-newer', 'wellpath-beta']);
    const all = (await listAppsForReview('all')).map((a) => a.id);
    expect(all.slice(0, 3)).toEqual(['aa-older', 'zz-newer', 'wellpath-beta']);
    expect(all).toEqual(expect.arrayContaining(['medtrack-rx', 'quickclaims', 'blue-button-explorer']));
    expect(all).toHaveLength(8);
  });
});

describe('privacy marks', () => {
  it('mark answers for members without touching the developer’s words, and only answered questions', async () => {
    const { marked } = await markPrivacyAnswers({
      appId: 'medtrack-rx',
      marks: { 'deidentified-storage': 'warning', sharing: null, use: 'ok', protection: 'ok' },
      shown: await shownOf('medtrack-rx'),
      staffUsername: 'alex.admin',
    });
    // "use" and "protection" were already ok: only real changes count.
    expect(marked).toEqual(['sharing', 'deidentified-storage']);
    const app = await findGalleryApp('medtrack-rx');
    expect(app!.privacy['deidentified-storage']).toEqual({ answer: 'No. Data is stored identified so we can show it to you.', flag: 'warning' });
    expect(app!.privacy.sharing).toEqual({ answer: 'No sharing except our hosting provider under contract.' });
    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'app.privacy-marked'));
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: 'alex.admin', appId: 'medtrack-rx', details: { marks: { sharing: null, 'deidentified-storage': 'warning' } } });

    expect((await markPrivacyAnswers({ appId: 'open-notes', marks: { sharing: 'warning' }, shown: await shownOf('open-notes'), staffUsername: 'alex.admin' })).marked).toEqual([]);
    expect((await findAppForReview('open-notes'))!.privacy).toEqual({});
  });

  it('refuses marks on words the reviewer never read: an answer changed after the page was drawn saves nothing', async () => {
    const shown = await shownOf('medtrack-rx');
    // The developer changes answer 4 while the reviewer's page is open.
    const [row] = await database.db.select({ privacy: apps.privacy }).from(apps).where(eq(apps.id, 'medtrack-rx'));
    const privacy = { ...(row.privacy as Record<string, { answer: string; flag?: string }>), 'sale-advertising-research': { answer: 'We sell your data to data brokers and advertisers.' } };
    await database.db.update(apps).set({ privacy }).where(eq(apps.id, 'medtrack-rx'));
    const auditsBefore = (await database.db.select().from(auditEvents).where(eq(auditEvents.appId, 'medtrack-rx'))).length;

    const stale = markPrivacyAnswers({ appId: 'medtrack-rx', marks: { 'sale-advertising-research': 'ok', use: 'caution' }, shown, staffUsername: 'alex.admin' });
    await expect(stale).rejects.toBeInstanceOf(PrivacyAnswersChangedMeanwhile);
    await expect(stale).rejects.toMatchObject({ changed: ['sale-advertising-research'], values: { answers: 'answer 4' } });
    const after = await findAppForReview('medtrack-rx');
    expect(after!.privacy['sale-advertising-research']).toEqual({ answer: 'We sell your data to data brokers and advertisers.' });
    expect(after!.privacy.use?.flag).toBe('ok');
    // Not even recorded as read.
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.appId, 'medtrack-rx'))).toHaveLength(auditsBefore);
    // A form without the fingerprints (an old page, a hand-made post) is refused the same way.
    await expect(markPrivacyAnswers({ appId: 'medtrack-rx', marks: { use: 'caution' }, shown: {}, staffUsername: 'alex.admin' })).rejects.toBeInstanceOf(PrivacyAnswersChangedMeanwhile);

    // Drawn again, with the new words: the marks are saved.
    const { marked } = await markPrivacyAnswers({ appId: 'medtrack-rx', marks: { 'sale-advertising-research': 'warning' }, shown: await shownOf('medtrack-rx'), staffUsername: 'alex.admin' });
    expect(marked).toEqual(['sale-advertising-research']);
  });
});

describe('the criteria', () => {
  it('never name the privacy answers, and every one has plain words for members in English and Spanish', () => {
    for (const criterion of REVIEW_CRITERIA) {
      expect(criterion).not.toMatch(/privacy|answer|policy/);
      for (const locale of ['en', 'es'] as const) {
        const words = describeCriterionForMembers(criterion, locale);
        expect(words, `${criterion} ${locale}`).toBeTruthy();
        const label = (loadMessages(locale).appCriteria as { label: Record<string, string> }).label[criterion];
        expect(label, `${criterion} ${locale}`).toBeTruthy();
      }
    }
    expect(REFUSAL_CRITERIA).toEqual(
      expect.arrayContaining(['credentials-exposed', 'failed-security-assessment', 'redirect-uri-not-controlled', 'unresolved-vulnerability', 'ftc-attestation-breach']),
    );
    expect(describeCriterionForMembers('failed-security-assessment', 'es')).toBe('la app no pasó nuestra revisión de seguridad.');
    expect(describeCriterionForMembers('something-else', 'en')).toBeNull();
  });
});
